/**
 * The next-free-slot finder: motif (keys 1–9), practitioner or any, morning / afternoon, weekdays; the
 * first answers, of which the FIRST is booked with Enter for the patient selected in the caller panel
 * (or receives the appointment being moved). No confirmation step: the banner then says what was done.
 */
import { useMemo } from 'react';
import { Alert, Button, Group, Kbd, Loader, SegmentedControl, Select, Stack, Text, UnstyledButton } from '@mantine/core';
import { useI18n, type MessageKey } from '../app/i18n.tsx';
import { errorText } from '../app/errors.ts';
import { useShortcut } from '../app/shortcuts.tsx';
import { Truncated } from '../app/Truncated.tsx';
import { practitionerName } from '../practices/Practitioners.tsx';
import { useNextSlots } from './api.ts';
import { BookingBanner } from './BookingBanner.tsx';
import { SlotRow } from './SlotRow.tsx';
import { instantInWords } from './time.ts';
import { finderSearch, useAgendaWorkspace, type AgendaWorkspace, type PartOfDay } from './workspace.tsx';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export function SlotFinder({ ws }: { ws: AgendaWorkspace }) {
  const { t, locale } = useI18n();
  const search = finderSearch(ws);
  const next = useNextSlots(search);
  const results = search ? (next.data ?? []) : [];
  const names = useMemo(() => new Map(ws.practice.practitioners.map((p) => [p.id, practitionerName(p)])), [ws.practice.practitioners]);
  const group = ws.groups.find((g) => g.key === ws.motifKey);

  const target = ws.outcome?.kind === 'taken' ? ws.outcome.nextSlots[0] : ws.armed && !next.isFetching ? results[0] : undefined;
  const canPick = target !== undefined && (ws.moving !== null || ws.patientId !== null) && !ws.pending;
  useShortcut('bookFirst', () => target && ws.pick(target), canPick);
  useShortcut('motif', (e) => {
    const g = ws.groups[Number(e.key) - 1];
    if (g) ws.chooseMotif(g.key);
  });
  useShortcut('close', ws.stopMove, ws.moving !== null);

  return (
    <Stack gap={6} data-testid="slot-finder" data-armed={ws.armed}>
      <Group justify="space-between" wrap="nowrap">
        <Text fw={700} fz="xs" tt="uppercase" c="dimmed">
          {t('finder.title')}
        </Text>
        {(next.isFetching || ws.pending) && <Loader size="xs" />}
      </Group>
      {ws.moving && (
        <Alert color="blue" p="xs" data-testid="moving-banner">
          <Group gap={6} wrap="nowrap" justify="space-between" align="flex-start">
            <Text fz="xs" style={{ overflowWrap: 'anywhere' }}>
              {t('finder.moving', { patient: ws.moving.patientName, when: instantInWords(Date.parse(ws.moving.start), ws.zone, locale) })}
            </Text>
            <Button size="compact-xs" variant="default" onClick={ws.stopMove}>
              {t('finder.stopMove')}
            </Button>
          </Group>
        </Alert>
      )}
      <Group gap={4} data-testid="finder-motifs">
        {ws.motifsPending && <Loader size="xs" />}
        {!ws.motifsPending && ws.groups.length === 0 && (
          <Text fz="xs" c="dimmed">
            {t('agenda.noMotif')}
          </Text>
        )}
        {ws.groups.map((g, i) => (
          <Button
            key={g.key}
            size="compact-xs"
            variant={g.key === ws.motifKey ? 'filled' : 'default'}
            onClick={(e) => {
              // Leave Enter to the finder (book the first slot), not to this button.
              e.currentTarget.blur();
              ws.chooseMotif(g.key);
            }}
            aria-pressed={g.key === ws.motifKey}
            leftSection={i < 9 ? <Kbd size="xs">{i + 1}</Kbd> : undefined}
            style={{ borderLeft: `3px solid ${g.colour}`, maxWidth: '100%' }}
            data-testid="finder-motif"
          >
            <Truncated inherit maw={180}>{`${g.label} · ${g.durations.join('/')} min`}</Truncated>
          </Button>
        ))}
      </Group>
      <Stack gap={4}>
        <Select
          size="xs"
          aria-label={t('finder.practitioner')}
          data={[{ value: '', label: t('finder.anyPractitioner') }, ...ws.practice.practitioners.map((p) => ({ value: p.id, label: practitionerName(p) }))]}
          value={ws.practitionerId ?? ''}
          onChange={(v) => ws.choosePractitioner(v ? v : null)}
          allowDeselect={false}
          data-testid="finder-practitioner"
          comboboxProps={{ withinPortal: true }}
        />
        <SegmentedControl
          size="xs"
          fullWidth
          value={ws.partOfDay}
          onChange={(v) => ws.choosePartOfDay(v as PartOfDay)}
          data={(['any', 'morning', 'afternoon'] as const).map((v) => ({ value: v, label: t(`finder.partOfDay.${v}`) }))}
          data-testid="finder-part-of-day"
        />
      </Stack>
      <Group gap={2} wrap="nowrap" aria-label={t('finder.weekdays')}>
        {DAYS.map((d, i) => {
          const day = i + 1;
          const on = ws.weekdays.includes(day);
          const name = t(`day.${d}` as MessageKey);
          return (
            <UnstyledButton
              key={d}
              onClick={(e) => {
                e.currentTarget.blur();
                ws.toggleWeekday(day);
              }}
              aria-pressed={on}
              aria-label={name}
              title={name}
              data-testid="finder-weekday"
              style={{
                flex: 1,
                textAlign: 'center',
                fontSize: 11,
                borderRadius: 4,
                padding: '1px 0',
                border: '1px solid var(--mantine-color-gray-4)',
                background: on ? 'var(--mantine-color-blue-6)' : undefined,
                color: on ? 'white' : undefined,
              }}
            >
              {name.slice(0, locale === 'fr' ? 2 : 3)}
            </UnstyledButton>
          );
        })}
      </Group>
      <Stack gap={2} data-testid="finder-results">
        {results.length > 0 && ws.armed && ws.outcome?.kind !== 'taken' && (
          <Text fz="xs" c="dimmed" data-testid="finder-hint">
            {ws.moving ? (
              <>
                <Kbd size="xs">{t('key.enter')}</Kbd> {t('finder.moveHint')}
              </>
            ) : ws.patientId ? (
              <>
                <Kbd size="xs">{t('key.enter')}</Kbd> {t('finder.bookHint', { patient: ws.patientName ?? '…' })}
              </>
            ) : (
              t('finder.choosePatient')
            )}
          </Text>
        )}
        {!group && ws.groups.length > 0 && (
          <Text fz="xs" c="dimmed">
            {t('finder.chooseMotif')}
          </Text>
        )}
        {group && search && search.practitionerIds.length === 0 && (
          <Text fz="xs" c="dimmed">
            {t('finder.noMotifFor')}
          </Text>
        )}
        {next.isError && (
          <Alert color="red" p="xs">
            {errorText(next.error, t)}
          </Alert>
        )}
        {search && search.practitionerIds.length > 0 && next.data?.length === 0 && (
          <Text fz="xs" c="dimmed" data-testid="finder-none">
            {t('finder.none')}
          </Text>
        )}
        {ws.outcome?.kind !== 'taken' &&
          results.map((s, i) => (
            <SlotRow
              key={`${s.practitionerId}|${s.start}`}
              slot={s}
              zone={ws.zone}
              practitionerName={names.get(s.practitionerId) ?? ''}
              first={i === 0 && ws.armed && ws.outcome?.kind !== 'taken'}
              onPick={() => ws.pick(s)}
              disabled={ws.pending || (ws.moving === null && ws.patientId === null)}
              testId="finder-slot"
            />
          ))}
      </Stack>
      <BookingBanner ws={ws} names={names} />
    </Stack>
  );
}

/** The finder of the console's workspace (nothing before a practice is on the line). */
export function ConsoleSlotFinder() {
  const ws = useAgendaWorkspace();
  return ws ? <SlotFinder ws={ws} /> : null;
}
