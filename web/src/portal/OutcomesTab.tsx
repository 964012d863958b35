/**
 * Honoured or no-show: the practitioner's appointments of the last two weeks, the past ones still open
 * marked with one click, and the patients who missed appointments over 90 days (excused apart).
 */
import { useMemo } from 'react';
import { Alert, Button, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useI18n } from '../app/i18n.tsx';
import { errorText } from '../app/errors.ts';
import { Truncated } from '../app/Truncated.tsx';
import { addDays, todayIn } from '../agenda/time.ts';
import { localToInstant } from '../../../src/core/time/local-time.ts';
import { AppointmentTable } from './AppointmentTable.tsx';
import { useAppointmentsBetween, useSetOutcome, type Appointment } from './api.ts';
import { noShowCounts } from './no-shows.ts';

const LIST_DAYS = 14;
const COUNT_DAYS = 90;

export function OutcomesTab({ practitionerId, zone }: { practitionerId: string; zone: string }) {
  const { t } = useI18n();
  const today = todayIn(zone);
  const from = new Date(localToInstant(zone, addDays(today, -COUNT_DAYS), '00:00')).toISOString();
  const to = new Date(localToInstant(zone, addDays(today, 1), '00:00')).toISOString();
  const appointments = useAppointmentsBetween(practitionerId, from, to);
  const outcome = useSetOutcome();
  const now = Date.now();
  const listFrom = localToInstant(zone, addDays(today, -LIST_DAYS), '00:00');
  const recent = (appointments.data ?? [])
    .filter((a) => Date.parse(a.start) >= listFrom && a.status !== 'cancelled')
    .sort((a, b) => b.start.localeCompare(a.start));
  const counts = useMemo(() => noShowCounts(appointments.data ?? []), [appointments.data]);
  const countOf = new Map(counts.map((c) => [c.patientId, c]));

  const actions = (a: Appointment) => {
    const c = countOf.get(a.patientId);
    const badge =
      c && c.unexcused > 0 ? (
        <Text span fz="xs" c="red" mr="xs" data-testid="patient-no-shows">
          {t('presence.count', { count: c.unexcused })}
        </Text>
      ) : null;
    if (a.status !== 'booked' || Date.parse(a.start) > now) return badge;
    return (
      <Group gap={4} wrap="nowrap">
        {badge}
        <Button size="compact-xs" variant="light" color="green" onClick={() => outcome.mutate({ id: a.id, outcome: 'honoured' })} data-testid="mark-honoured">
          {t('presence.honoured')}
        </Button>
        <Button
          size="compact-xs"
          variant="light"
          color="red"
          onClick={() => outcome.mutate({ id: a.id, outcome: 'no_show', excused: false })}
          data-testid="mark-no-show"
        >
          {t('presence.noShow')}
        </Button>
        <Button
          size="compact-xs"
          variant="light"
          color="orange"
          onClick={() => outcome.mutate({ id: a.id, outcome: 'no_show', excused: true })}
          data-testid="mark-excused"
        >
          {t('presence.excused')}
        </Button>
      </Group>
    );
  };

  return (
    <Stack gap="md" data-testid="outcomes">
      {appointments.isPending && <Loader size="sm" />}
      {appointments.isError && <Alert color="red">{errorText(appointments.error, t)}</Alert>}
      {outcome.isError && <Alert color="red">{errorText(outcome.error, t)}</Alert>}
      <Paper withBorder p="md">
        <Title order={4} mb="sm">
          {t('presence.recent', { days: LIST_DAYS })}
        </Title>
        {appointments.data && recent.length === 0 && <Text c="dimmed">{t('presence.none')}</Text>}
        {recent.length > 0 && (
          <AppointmentTable appointments={recent} zone={zone} extra={{ header: t('presence.mark'), cell: actions }} testId="outcome-list" />
        )}
      </Paper>
      <Paper withBorder p="md">
        <Title order={4} mb="sm">
          {t('presence.byPatient', { days: COUNT_DAYS })}
        </Title>
        {appointments.data && counts.length === 0 && <Text c="dimmed">{t('presence.noNoShow')}</Text>}
        {counts.length > 0 && (
          <Table fz="sm" data-testid="no-show-counts">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('portal.patient')}</Table.Th>
                <Table.Th ta="right">{t('presence.unexcused')}</Table.Th>
                <Table.Th ta="right">{t('presence.excusedCount')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {counts.map((c) => (
                <Table.Tr key={c.patientId} data-testid="no-show-row">
                  <Table.Td maw={300}>
                    <Truncated fz="sm">{c.patientName}</Truncated>
                  </Table.Td>
                  <Table.Td ta="right">{c.unexcused}</Table.Td>
                  <Table.Td ta="right">{c.excused}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </Stack>
  );
}
