/**
 * The monthly activity report: the practice's line (calls received, answered, abandoned, average wait),
 * the practitioner's appointments (booked, moved, cancelled, and by whom; outcomes), messages, waitlist
 * refills. Printable (the browser's "print to PDF").
 */
import { useState } from 'react';
import { Alert, Button, Group, Loader, Paper, Select, SimpleGrid, Stack, Table, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { get } from '../app/api.ts';
import { useI18n, type MessageKey } from '../app/i18n.tsx';
import { errorText } from '../app/errors.ts';
import { todayIn } from '../agenda/time.ts';
import type { ActivityReport } from '../../../src/reports/activity-schemas.ts';

/** The current month and the eleven before it, newest first ('YYYY-MM'). */
export function lastMonths(today: string, count = 12): string[] {
  let y = Number(today.slice(0, 4));
  let m = Number(today.slice(5, 7));
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return out;
}

function Figures({ title, rows, testId }: { title: string; rows: [string, string | number][]; testId: string }) {
  return (
    <Paper withBorder p="sm" data-testid={testId}>
      <Title order={5} mb={4}>
        {title}
      </Title>
      <Table fz="sm" verticalSpacing={2}>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label} data-testid="figure">
              <Table.Td>{label}</Table.Td>
              <Table.Td ta="right" fw={600}>
                {value}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

export function ReportTab({ practiceId, zone }: { practiceId: string; zone: string }) {
  const { t, locale } = useI18n();
  const months = lastMonths(todayIn(zone));
  const [month, setMonth] = useState(months[0]!);
  const report = useQuery({
    queryKey: ['activity', practiceId, month],
    queryFn: () => get<ActivityReport>(`/api/practices/${encodeURIComponent(practiceId)}/activity?month=${month}`),
  });
  const monthLabel = (m: string) =>
    new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${m}-15T12:00:00Z`));
  const r = report.data;
  const seconds = (s: number | null) => (s === null ? '—' : t('report.seconds', { s: Math.round(s) }));
  const percent = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)} %`);
  return (
    <Stack gap="sm" data-testid="report">
      <Group justify="space-between">
        <Select
          w={220}
          label={t('report.month')}
          data={months.map((m) => ({ value: m, label: monthLabel(m) }))}
          value={month}
          onChange={(v) => v && setMonth(v)}
          allowDeselect={false}
          data-testid="report-month"
        />
        <Button variant="default" onClick={() => window.print()}>
          {t('report.print')}
        </Button>
      </Group>
      {report.isPending && <Loader size="sm" />}
      {report.isError && <Alert color="red">{errorText(report.error, t)}</Alert>}
      {r && (
        <SimpleGrid cols={2} spacing="sm">
          <Figures
            title={t('report.calls')}
            testId="report-calls"
            rows={[
              [t('report.received'), r.calls.offered],
              [t('report.answered'), r.calls.answered],
              [t('report.abandoned'), r.calls.abandoned],
              [t('report.shortAbandoned'), r.calls.shortAbandoned],
              [t('report.closed'), r.calls.closed],
              [t('report.averageWait'), seconds(r.calls.averageWaitSeconds)],
              [t('report.serviceLevel'), percent(r.calls.serviceLevel)],
            ]}
          />
          <Figures
            title={t('report.appointments')}
            testId="report-appointments"
            rows={[
              [t('report.booked'), r.appointments.booked.total],
              [t('report.bookedBySecretariat'), r.appointments.booked.secretariat],
              [t('report.bookedOnline'), r.appointments.booked.patient],
              [t('report.bookedByPractitioner'), r.appointments.booked.practitioner + r.appointments.booked.desk],
              [t('report.moved'), r.appointments.moved],
              [t('report.cancelled'), r.appointments.cancelled.total],
              [t('report.cancelledByPatient'), r.appointments.cancelled.patient],
              [t('report.cancelledByPractitioner'), r.appointments.cancelled.practitioner],
              [t('report.cancelledBySecretariat'), r.appointments.cancelled.secretariat],
              [t('report.honoured'), r.appointments.honoured],
              [t('report.noShows'), `${r.appointments.noShows} (${t('report.excusedCount', { count: r.appointments.noShowsExcused })})`],
            ]}
          />
          <Figures
            title={t('report.messages')}
            testId="report-messages"
            rows={[
              [t('report.messagesTotal'), r.messages.total],
              ...(['urgent', 'task', 'dated_task', 'home_visit', 'information'] as const).map((k): [string, number] => [
                t(`report.message.${k}` as MessageKey),
                r.messages[k],
              ]),
            ]}
          />
          <Figures
            title={t('report.waitlist')}
            testId="report-waitlist"
            rows={[
              [t('report.offered'), r.waitlist.offered],
              [t('report.refilled'), r.waitlist.refilled],
            ]}
          />
        </SimpleGrid>
      )}
    </Stack>
  );
}
