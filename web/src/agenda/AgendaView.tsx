/**
 * An agenda screen: the toolbar (←/→, today, day/week, practitioner) over the time grid. Day or week of
 * one practitioner, or the day of all of them side by side. Controlled: the console and the
 * practitioner's portal each keep the date, the mode and the practitioner.
 */
import type { ReactNode } from 'react';
import { ActionIcon, Alert, Button, Group, Kbd, Loader, SegmentedControl, Select, Stack, Text, Tooltip } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { get, query } from '../app/api.ts';
import { useI18n } from '../app/i18n.tsx';
import { errorText } from '../app/errors.ts';
import { Truncated } from '../app/Truncated.tsx';
import { AgendaGrid, type GridColumn } from './AgendaGrid.tsx';
import type { Appointment, Slot } from './api.ts';
import type { AgendaNav } from './navigation.ts';
import { dateInWords, dayHeader, isoRange, todayIn, weekDates, zoneLabel } from './time.ts';

export interface AgendaPractitioner {
  id: string;
  name: string;
}

export interface AgendaViewProps {
  zone: string;
  practitioners: readonly AgendaPractitioner[];
  /** null: every practitioner side by side (day view). */
  practitionerId: string | null;
  /** Where the practitioner can be changed (the console); absent in a single agenda. */
  onPractitioner?: (id: string | null) => void;
  nav: AgendaNav;
  /** Switches to the week (a week shows one practitioner: the caller picks which). */
  onWeek: () => void;
  /** The motif whose free slots each practitioner's column shows. */
  motifFor: (practitionerId: string) => string | null;
  motifLabel: string | null;
  onSlot?: (slot: Slot) => void;
  details: (a: Appointment, close: () => void) => ReactNode;
  movingId?: string | null;
  highlight?: Pick<Slot, 'practitionerId' | 'start'> | null;
}

export function AgendaView(props: AgendaViewProps) {
  const { t, locale } = useI18n();
  const { zone, nav } = props;
  const shown = props.practitionerId
    ? props.practitioners.filter((p) => p.id === props.practitionerId)
    : nav.mode === 'week'
      ? props.practitioners.slice(0, 1)
      : props.practitioners;
  const dates = nav.mode === 'week' ? weekDates(nav.date) : [nav.date];
  const first = dates[0]!;
  const last = dates[dates.length - 1]!;
  const range = isoRange(zone, first, last);
  const today = todayIn(zone);

  const appointments = useQueries({
    queries: shown.map((p) => ({
      queryKey: ['appointments', 'practitioner', p.id, range.from, range.to],
      queryFn: () => get<Appointment[]>(`/api/appointments${query({ practitionerId: p.id, from: range.from, to: range.to })}`),
      placeholderData: (previous: Appointment[] | undefined) => previous,
    })),
  });
  const slots = useQueries({
    queries: shown.map((p) => {
      const motifId = props.motifFor(p.id);
      return {
        queryKey: ['slots', p.id, motifId, first, last],
        queryFn: () => get<Slot[]>(`/api/practitioners/${encodeURIComponent(p.id)}/slots${query({ motifId, from: first, to: last })}`),
        enabled: motifId !== null,
        placeholderData: (previous: Slot[] | undefined) => previous,
      };
    }),
  });

  const columns: GridColumn[] = shown.flatMap((p, i) =>
    dates.map((date) => ({
      key: `${p.id}|${date}`,
      title: nav.mode === 'week' ? dayHeader(date, locale) : p.name,
      date,
      practitionerId: p.id,
      appointments: appointments[i]?.data ?? [],
      slots: slots[i]?.data ?? [],
      isToday: date === today,
    })),
  );
  const fetching = [...appointments, ...slots].some((q) => q.isFetching);
  const error = [...appointments, ...slots].find((q) => q.isError)?.error;
  const title = nav.mode === 'week' ? t('agenda.weekOf', { date: dateInWords(first, locale, today) }) : dateInWords(nav.date, locale, today);

  return (
    <Stack gap={6} h="100%" style={{ minHeight: 0 }} data-testid="agenda-view" data-mode={nav.mode} data-date={nav.date}>
      <Group gap={4} wrap="nowrap" style={{ minWidth: 0 }}>
        <Tooltip label={`${t('agenda.previous')} (←)`}>
          <ActionIcon variant="default" onClick={() => nav.step(-1)} aria-label={t('agenda.previous')}>
            ‹
          </ActionIcon>
        </Tooltip>
        <Button size="compact-sm" variant="default" onClick={nav.today} rightSection={<Kbd size="xs">T</Kbd>} style={{ flexShrink: 0 }}>
          {t('agenda.today')}
        </Button>
        <Tooltip label={`${t('agenda.next')} (→)`}>
          <ActionIcon variant="default" onClick={() => nav.step(1)} aria-label={t('agenda.next')}>
            ›
          </ActionIcon>
        </Tooltip>
        <Truncated fw={700} fz="sm" ml={4} data-testid="agenda-title" style={{ minWidth: 0 }}>
          {title}
        </Truncated>
        {fetching && <Loader size="xs" />}
      </Group>
      <Group gap={6} wrap="nowrap">
        {props.onPractitioner && (
          <Select
            size="xs"
            style={{ flex: 1, minWidth: 0 }}
            maw={240}
            aria-label={t('agenda.practitioner')}
            data={[{ value: '', label: t('agenda.allPractitioners') }, ...props.practitioners.map((p) => ({ value: p.id, label: p.name }))]}
            value={props.practitionerId ?? ''}
            onChange={(v) => props.onPractitioner?.(v ? v : null)}
            allowDeselect={false}
            rightSection={<Kbd size="xs">P</Kbd>}
            data-testid="agenda-practitioner"
            comboboxProps={{ withinPortal: true }}
          />
        )}
        <SegmentedControl
          size="xs"
          value={nav.mode}
          onChange={(v) => (v === 'week' ? props.onWeek() : nav.setMode('day'))}
          data={[
            { value: 'day', label: t('agenda.day') },
            { value: 'week', label: `${t('agenda.week')} (W)` },
          ]}
          data-testid="agenda-mode"
        />
      </Group>
      <Group gap="xs" wrap="nowrap" justify="space-between">
        <Truncated fz="xs" c="dimmed" data-testid="agenda-zone" style={{ minWidth: 0 }}>
          {t('agenda.zone', { zone: `${zone}, ${zoneLabel(zone, locale)}` })}
        </Truncated>
        {props.motifLabel && (
          <Truncated fz="xs" c="teal.8" maw="50%">
            {t('agenda.freeSlotsFor', { motif: props.motifLabel })}
          </Truncated>
        )}
      </Group>
      {error !== undefined && <Alert color="red">{errorText(error, t)}</Alert>}
      {shown.length === 0 ? (
        <Text c="dimmed" fz="sm">
          {t('agenda.noPractitioner')}
        </Text>
      ) : (
        <AgendaGrid columns={columns} zone={zone} details={props.details} onSlot={props.onSlot} movingId={props.movingId} highlight={props.highlight} />
      )}
    </Stack>
  );
}
