/**
 * The time grid shared by every agenda view: one column per (practitioner, date), hours down the side,
 * appointments coloured by motif with the patient's name, free slots as dashed boxes. Times are the
 * practice's wall clock. Used by the day, week and side-by-side views, in the console and the portal.
 */
import { useState, type ReactNode } from 'react';
import { Box, Group, Popover, Stack, Text, UnstyledButton } from '@mantine/core';
import { useI18n, type MessageKey } from '../app/i18n.tsx';
import { Truncated } from '../app/Truncated.tsx';
import { axisHeight, blockBox, hourMarks, overlapColumns, slotBoxes, visibleAxis, type Axis, type Span } from './layout.ts';
import { formatTime, instantInWords, wallSpan } from './time.ts';
import type { Appointment, Slot } from './api.ts';

export interface GridColumn {
  key: string;
  /** Header: a practitioner's name (side by side) or a date (week). */
  title: string;
  date: string;
  practitionerId: string;
  appointments: readonly Appointment[];
  slots: readonly Slot[];
  isToday: boolean;
}

const PX_PER_MINUTE = 1.3;
const GUTTER = 44;

/** A motif colour, lightened for a block's background (text stays dark and readable). */
const tint = (colour: string) => (/^#[0-9a-f]{6}$/i.test(colour) ? `${colour}33` : 'var(--mantine-color-gray-1)');

function AppointmentBlock(props: {
  a: Appointment;
  span: Span;
  axis: Axis;
  column: number;
  columns: number;
  zone: string;
  details: (a: Appointment, close: () => void) => ReactNode;
  dimmed: boolean;
}) {
  const { a, axis, zone } = props;
  const [opened, setOpened] = useState(false);
  const box = blockBox(props.span, axis);
  if (!box) return null;
  const width = 100 / props.columns;
  return (
    <Popover opened={opened} onChange={setOpened} width={280} position="right-start" withinPortal shadow="md" trapFocus returnFocus>
      <Popover.Target>
        <UnstyledButton
          onClick={() => setOpened((o) => !o)}
          data-testid="appointment-block"
          data-appointment-id={a.id}
          data-start={a.start}
          aria-label={`${formatTime(Date.parse(a.start), zone)} ${a.patientName} — ${a.motifLabel}`}
          style={{
            position: 'absolute',
            top: box.top,
            height: box.height,
            left: `calc(${props.column * width}% + 1px)`,
            width: `calc(${width}% - 2px)`,
            background: tint(a.motifColour),
            borderLeft: `3px solid ${a.motifColour}`,
            borderRadius: 3,
            padding: '0 4px',
            overflow: 'hidden',
            opacity: props.dimmed ? 0.45 : 1,
            zIndex: 2,
          }}
        >
          <Truncated fz={11} lh="13px" fw={600}>
            {`${formatTime(Date.parse(a.start), zone)} ${a.patientName}`}
          </Truncated>
          {box.height >= 26 && (
            <Truncated fz={11} lh="13px" c="dark.4">
              {a.motifLabel}
            </Truncated>
          )}
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown data-testid="appointment-details">{opened && props.details(a, () => setOpened(false))}</Popover.Dropdown>
    </Popover>
  );
}

function FreeSlot(props: { slot: Slot; drawnMinutes: number; span: Span; axis: Axis; zone: string; onPick?: (s: Slot) => void; highlighted: boolean }) {
  const box = blockBox({ start: props.span.start, end: props.span.start + props.drawnMinutes }, props.axis, 12);
  if (!box) return null;
  const time = formatTime(Date.parse(props.slot.start), props.zone);
  const style = {
    position: 'absolute' as const,
    top: box.top,
    height: box.height,
    left: 1,
    right: 1,
    border: `1px dashed var(--mantine-color-${props.highlighted ? 'blue-6' : 'teal-5'})`,
    background: props.highlighted ? 'var(--mantine-color-blue-0)' : 'var(--mantine-color-teal-0)',
    borderRadius: 3,
    padding: '0 4px',
    overflow: 'hidden',
    zIndex: 1,
  };
  const label = (
    <Text fz={10} lh="12px" c={props.highlighted ? 'blue.8' : 'teal.9'}>
      {time}
    </Text>
  );
  return props.onPick ? (
    <UnstyledButton
      style={style}
      onClick={() => props.onPick?.(props.slot)}
      data-testid="free-slot"
      data-start={props.slot.start}
      data-practitioner-id={props.slot.practitionerId}
      aria-label={time}
    >
      {label}
    </UnstyledButton>
  ) : (
    <Box style={style} data-testid="free-slot" data-start={props.slot.start} data-practitioner-id={props.slot.practitionerId}>
      {label}
    </Box>
  );
}

export function AgendaGrid(props: {
  columns: readonly GridColumn[];
  zone: string;
  details: (a: Appointment, close: () => void) => ReactNode;
  onSlot?: (slot: Slot) => void;
  /** The appointment being moved: shown faded. */
  movingId?: string | null;
  /** The finder's first answer, outlined in the grid. */
  highlight?: Pick<Slot, 'practitionerId' | 'start'> | null;
  now?: number;
}) {
  const now = props.now ?? Date.now();
  const laid = props.columns.map((c) => {
    const appts = c.appointments
      .map((a) => ({ a, span: wallSpan(props.zone, c.date, Date.parse(a.start), Date.parse(a.end)) }))
      .filter((x): x is { a: Appointment; span: Span } => x.span !== null);
    const slots = slotBoxes(c.slots.map((slot) => ({ start: Date.parse(slot.start), end: Date.parse(slot.end), slot })))
      .map((b) => ({ slot: b.slot, drawnMinutes: (b.drawnEnd - b.start) / 60_000, span: wallSpan(props.zone, c.date, b.start, b.end) }))
      .filter((x): x is { slot: Slot; drawnMinutes: number; span: Span } => x.span !== null);
    const nowSpan = c.isToday ? wallSpan(props.zone, c.date, now, now + 60_000) : null;
    return { column: c, appts, slots, nowSpan };
  });
  const axis = visibleAxis(
    laid.flatMap((l) => [...l.appts.map((x) => x.span), ...l.slots.map((x) => x.span)]),
    PX_PER_MINUTE,
  );
  const height = axisHeight(axis);
  const marks = hourMarks(axis);

  return (
    <Stack gap={0} data-testid="agenda-grid" style={{ minHeight: 0, flex: 1 }}>
      <Group gap={0} wrap="nowrap" pl={GUTTER} style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        {props.columns.map((c) => (
          <Box key={c.key} style={{ flex: 1, minWidth: 0 }} px={4} py={2} bg={c.isToday ? 'blue.0' : undefined}>
            <Truncated fz="xs" fw={600} ta="center" data-testid="column-title">
              {c.title}
            </Truncated>
          </Box>
        ))}
      </Group>
      <Box style={{ overflowY: 'auto', flex: 1, minHeight: 0 }} data-testid="agenda-scroll">
        <Group gap={0} wrap="nowrap" align="flex-start" style={{ position: 'relative', height }}>
          <Box w={GUTTER} style={{ position: 'relative', height, flexShrink: 0 }}>
            {marks.map((m) => (
              <Text key={m.minute} fz={10} c="dimmed" style={{ position: 'absolute', top: m.top - 6, right: 6 }}>
                {m.label}
              </Text>
            ))}
          </Box>
          {laid.map(({ column, appts, slots, nowSpan }) => (
            <Box
              key={column.key}
              data-testid="agenda-column"
              data-date={column.date}
              data-practitioner-id={column.practitionerId}
              style={{ position: 'relative', flex: 1, minWidth: 0, height, borderLeft: '1px solid var(--mantine-color-gray-3)' }}
            >
              {marks.map((m) => (
                <Box key={m.minute} style={{ position: 'absolute', top: m.top, left: 0, right: 0, borderTop: '1px solid var(--mantine-color-gray-2)' }} />
              ))}
              {slots.map(({ slot, drawnMinutes, span }) => (
                <FreeSlot
                  key={slot.start}
                  slot={slot}
                  drawnMinutes={drawnMinutes}
                  span={span}
                  axis={axis}
                  zone={props.zone}
                  onPick={props.onSlot}
                  highlighted={slot.start === props.highlight?.start && slot.practitionerId === props.highlight.practitionerId}
                />
              ))}
              {overlapColumns(appts.map((x) => ({ ...x.span, x }))).map((p) => (
                <AppointmentBlock
                  key={p.item.x.a.id}
                  a={p.item.x.a}
                  span={p.item.x.span}
                  axis={axis}
                  column={p.column}
                  columns={p.columns}
                  zone={props.zone}
                  details={props.details}
                  dimmed={p.item.x.a.id === props.movingId}
                />
              ))}
              {nowSpan && (
                <Box
                  style={{
                    position: 'absolute',
                    top: blockBox(nowSpan, axis, 0)?.top ?? -10,
                    left: 0,
                    right: 0,
                    borderTop: '2px solid var(--mantine-color-red-6)',
                    zIndex: 3,
                  }}
                />
              )}
            </Box>
          ))}
        </Group>
      </Box>
    </Stack>
  );
}

/** The details of an appointment in its popover: who, when, what, status; actions below when given. */
export function AppointmentDetails(props: { a: Appointment; zone: string; practitionerName: string; children?: ReactNode }) {
  const { t, locale } = useI18n();
  const { a } = props;
  return (
    <Stack gap={4}>
      <Text fw={700} fz="sm" style={{ overflowWrap: 'anywhere' }} data-testid="details-patient">
        {a.patientName}
      </Text>
      <Text fz="sm">{instantInWords(Date.parse(a.start), props.zone, locale)}</Text>
      <Group gap={6} wrap="nowrap">
        <Box w={10} h={10} style={{ borderRadius: 2, background: a.motifColour, flexShrink: 0 }} />
        <Truncated fz="sm">{a.motifLabel}</Truncated>
      </Group>
      <Truncated fz="sm" c="dimmed">
        {props.practitionerName}
      </Truncated>
      <Text fz="xs" c="dimmed">
        {t(`agenda.status.${a.status}` as MessageKey)}
      </Text>
      {props.children}
    </Stack>
  );
}
