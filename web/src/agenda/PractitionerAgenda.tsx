/**
 * The practitioner's own agenda in his portal: the same views as the console (day, week), in his
 * practice's time zone, with the free slots of the motif he picks.
 */
import { useState } from 'react';
import { Alert, Loader, Paper, Select } from '@mantine/core';
import { useT } from '../app/i18n.tsx';
import { errorText } from '../app/errors.ts';
import { practitionerName } from '../practices/Practitioners.tsx';
import { usePracticeFile } from '../practices/api.ts';
import { useMotifs, type Motif } from './api.ts';
import { AgendaView } from './AgendaView.tsx';
import { AppointmentDetails } from './AgendaGrid.tsx';
import { useAgendaKeys, useAgendaNav } from './navigation.ts';

function Agenda({ practitionerId, practiceId }: { practitionerId: string; practiceId: string }) {
  const t = useT();
  const file = usePracticeFile(practiceId);
  const motifs = useMotifs([practitionerId]);
  if (file.isPending || motifs.isPending) return <Loader size="sm" />;
  if (file.isError) return <Alert color="red">{errorText(file.error, t)}</Alert>;
  const me = file.data.practitioners.find((p) => p.id === practitionerId);
  return (
    <Loaded
      practitionerId={practitionerId}
      name={me ? practitionerName(me) : ''}
      zone={file.data.timeZone}
      motifs={(motifs.data ?? []).filter((m) => m.active)}
    />
  );
}

function Loaded(props: { practitionerId: string; name: string; zone: string; motifs: Motif[] }) {
  const t = useT();
  const { zone, name } = props;
  const nav = useAgendaNav(zone);
  const [motifId, setMotifId] = useState<string | null>(null);
  useAgendaKeys(nav, true, () => nav.setMode(nav.mode === 'week' ? 'day' : 'week'));
  const motif = props.motifs.find((m) => m.id === motifId) ?? props.motifs[0] ?? null;
  return (
    <Paper withBorder p="sm" h="calc(100vh - 90px)" style={{ display: 'flex', flexDirection: 'column', gap: 6 }} data-testid="practitioner-agenda">
      {props.motifs.length > 1 && (
        <Select
          size="xs"
          w={260}
          label={t('agenda.showFreeSlots')}
          data={props.motifs.map((m) => ({ value: m.id, label: `${m.label} · ${m.durationMinutes} min` }))}
          value={motif?.id ?? null}
          onChange={setMotifId}
          allowDeselect={false}
        />
      )}
      <div style={{ flex: 1, minHeight: 0 }}>
        <AgendaView
          zone={zone}
          practitioners={[{ id: props.practitionerId, name }]}
          practitionerId={props.practitionerId}
          nav={nav}
          onWeek={() => nav.setMode('week')}
          motifFor={() => motif?.id ?? null}
          motifLabel={motif?.label ?? null}
          details={(a) => <AppointmentDetails a={a} zone={zone} practitionerName={name} />}
        />
      </div>
    </Paper>
  );
}

/** Null when the signed-in user is not tied to a practitioner (then the portal shows the practice file only). */
export function PractitionerAgenda({ practitionerId, practiceIds }: { practitionerId: string | null; practiceIds: readonly string[] }) {
  const practiceId = practiceIds[0];
  if (!practitionerId || !practiceId) return null;
  return <Agenda practitionerId={practitionerId} practiceId={practiceId} />;
}
