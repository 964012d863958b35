/** The month's value report beside the invoice: this month against the last, and the units reconciled. */
import { Alert, Badge, Loader, SimpleGrid, Stack, Table, Title } from '@mantine/core';
import { useT, type MessageKey } from '../app/i18n.tsx';
import { errorText } from '../app/errors.ts';
import { useValueReport, type Figures } from './api.ts';

const ROWS: (keyof Figures)[] = [
  'received',
  'answered',
  'abandoned',
  'shortAbandoned',
  'overflowed',
  'closed',
  'averageWaitSeconds',
  'afterHours',
  'appointmentsBooked',
  'appointmentsMoved',
  'appointmentsCancelled',
  'messages',
  'waitlistRefills',
];
const LABEL: Partial<Record<keyof Figures, MessageKey>> = { averageWaitSeconds: 'billing.report.averageWait' };

export function ValueReportView({ invoiceId }: { invoiceId: string }) {
  const t = useT();
  const report = useValueReport(invoiceId);
  if (report.isPending) return <Loader size="sm" />;
  if (report.isError) return <Alert color="red">{errorText(report.error, t)}</Alert>;
  const r = report.data;
  return (
    <Stack gap="xs" data-testid="value-report">
      <Title order={3}>{t('billing.report')}</Title>
      <SimpleGrid cols={2}>
        <Table fz="sm" withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              <Table.Th ta="right">
                {t('billing.report.this')} ({r.month})
              </Table.Th>
              <Table.Th ta="right">
                {t('billing.report.last')} ({r.previousMonth})
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ROWS.map((k) => (
              <Table.Tr key={k} data-testid={`report-${k}`}>
                <Table.Td>{t(LABEL[k] ?? (`billing.report.${k}` as MessageKey))}</Table.Td>
                <Table.Td ta="right">{r.current[k] ?? '—'}</Table.Td>
                <Table.Td ta="right">{r.previous[k] ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Table fz="sm" withTableBorder data-testid="reconciliation">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('billing.report.reconciliation')}</Table.Th>
              <Table.Th ta="right">{t('billing.report.invoiced')}</Table.Th>
              <Table.Th ta="right">{t('billing.report.recomputed')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.lines
              .filter((l) => l.recomputed !== null)
              .map((l) => (
                <Table.Tr key={l.position}>
                  <Table.Td>{l.label}</Table.Td>
                  <Table.Td ta="right">{l.invoiced}</Table.Td>
                  <Table.Td ta="right">{l.recomputed}</Table.Td>
                  <Table.Td>
                    <Badge size="xs" color={l.matches ? 'green' : 'red'}>
                      {t(l.matches ? 'billing.report.ok' : 'billing.report.mismatch')}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
          </Table.Tbody>
        </Table>
      </SimpleGrid>
    </Stack>
  );
}
