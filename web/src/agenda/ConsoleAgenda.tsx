/**
 * The console's middle column: the practice file or the agenda (A switches). The agenda shows the day
 * of every practitioner side by side, or one practitioner's day or week; a free slot clicked books the
 * selected patient (or receives the appointment being moved), like the finder's Enter.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Kbd, Tabs } from '@mantine/core';
import { useT } from '../app/i18n.tsx';
import { useShortcut } from '../app/shortcuts.tsx';
import { practitionerName } from '../practices/Practitioners.tsx';
import { useNextSlots } from './api.ts';
import { AgendaView } from './AgendaView.tsx';
import { AppointmentDetails } from './AgendaGrid.tsx';
import { AppointmentActions } from './AppointmentActions.tsx';
import { useAgendaKeys } from './navigation.ts';
import { finderSearch, useAgendaWorkspace, type AgendaWorkspace } from './workspace.tsx';

function WorkspaceAgenda({ ws, active }: { ws: AgendaWorkspace; active: boolean }) {
  const practitioners = ws.practice.practitioners.map((p) => ({ id: p.id, name: practitionerName(p) }));
  const names = new Map(practitioners.map((p) => [p.id, p.name]));
  const next = useNextSlots(finderSearch(ws));
  const group = ws.groups.find((g) => g.key === ws.motifKey) ?? ws.groups[0];
  const { nav } = ws;
  const toWeek = () => {
    if (!ws.practitionerId && practitioners[0]) ws.choosePractitioner(practitioners[0].id);
    nav.setMode('week');
  };
  const order = [null, ...practitioners.map((p) => p.id)];
  useAgendaKeys(
    nav,
    active,
    () => (nav.mode === 'week' ? nav.setMode('day') : toWeek()),
    () => {
      const following = order[(order.indexOf(ws.practitionerId) + 1) % order.length] ?? null;
      if (following === null) nav.setMode('day');
      ws.choosePractitioner(following);
    },
  );
  const canPick = ws.moving !== null || ws.patientId !== null;
  return (
    <AgendaView
      zone={ws.zone}
      practitioners={practitioners}
      practitionerId={ws.practitionerId}
      onPractitioner={(id) => {
        if (id === null) nav.setMode('day');
        ws.choosePractitioner(id);
      }}
      nav={nav}
      onWeek={toWeek}
      motifFor={(id) => group?.byPractitioner[id] ?? null}
      motifLabel={group?.label ?? null}
      onSlot={canPick ? ws.pick : undefined}
      details={(a, close) => (
        <AppointmentDetails a={a} zone={ws.zone} practitionerName={names.get(a.practitionerId) ?? ''}>
          <AppointmentActions a={a} onDone={close} />
        </AppointmentDetails>
      )}
      movingId={ws.moving?.id ?? null}
      highlight={ws.armed ? (next.data?.[0] ?? null) : null}
    />
  );
}

/** The practice file and the agenda in tabs; `file` is the practice file as the console renders it. */
export function FileOrAgenda({ file }: { file: ReactNode }) {
  const t = useT();
  const ws = useAgendaWorkspace();
  const [tab, setTab] = useState<'file' | 'agenda'>('file');
  // Each call opens on the practice file (the screen-pop), whatever the last call left shown.
  const callId = ws?.callId ?? null;
  useEffect(() => setTab('file'), [callId]);
  useShortcut('agendaTab', () => setTab((v) => (v === 'file' ? 'agenda' : 'file')), ws !== null);
  if (!ws) return <>{file}</>;
  return (
    <Tabs
      value={tab}
      onChange={(v) => setTab(v === 'agenda' ? 'agenda' : 'file')}
      keepMounted={false}
      style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}
      data-testid="file-or-agenda"
    >
      <Tabs.List mb={6}>
        <Tabs.Tab value="file" data-testid="tab-file">
          {t('agenda.tab.file')}
        </Tabs.Tab>
        <Tabs.Tab value="agenda" rightSection={<Kbd size="xs">A</Kbd>} data-testid="tab-agenda">
          {t('agenda.tab.agenda')}
        </Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="file" style={{ flex: 1, minHeight: 0 }}>
        {file}
      </Tabs.Panel>
      <Tabs.Panel value="agenda" style={{ flex: 1, minHeight: 0 }}>
        <WorkspaceAgenda ws={ws} active={tab === 'agenda'} />
      </Tabs.Panel>
    </Tabs>
  );
}
