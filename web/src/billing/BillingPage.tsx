/** Invoices by month and status; admins prepare the month's drafts here, practitioners read theirs. */
import { useState } from 'react';
import { Alert, Badge, Button, Group, Loader, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useI18n, type MessageKey } from '../app/i18n.tsx';
import { errorText } from '../app/errors.ts';
import { navigate } from '../app/router.ts';
import { useInvoices, useRun, type InvoiceStatus } from './api.ts';
import { euros, lastMonth, shortDate } from './format.ts';

export const STATUS_COLOR: Record<InvoiceStatus, string> = { draft: 'gray', issued: 'blue', sent: 'indigo', paid: 'green', overdue: 'red' };
const STATUSES = ['all', 'draft', 'issued', 'sent', 'paid', 'overdue'] as const;

export function BillingPage({ admin, basePath }: { admin: boolean; basePath: string }) {
  const { t, locale } = useI18n();
  const [month, setMonth] = useState(() => lastMonth(new Date()));
  const [status, setStatus] = useState<string>('all');
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  const invoices = useInvoices(valid ? month : '', status);
  const run = useRun();
  return (
    <Stack gap="sm" data-testid="billing-page">
      <Title order={2}>{t(admin ? 'billing.title' : 'nav.myInvoices')}</Title>
      <Group align="end" gap="sm">
        <TextInput label={t('billing.month')} value={month} onChange={(e) => setMonth(e.currentTarget.value)} w={120} data-testid="billing-month" />
        {admin && (
          <Button onClick={() => run.mutate(month)} loading={run.isPending} disabled={!valid} data-testid="billing-run">
            {t('billing.run')}
          </Button>
        )}
        <SegmentedControl
          value={status}
          onChange={setStatus}
          data={STATUSES.filter((s) => admin || s !== 'draft').map((s) => ({
            value: s,
            label: t(s === 'all' ? 'billing.all' : (`billing.state.${s}` as MessageKey)),
          }))}
          data-testid="billing-status"
        />
      </Group>
      {run.data && (
        <Alert color="green" data-testid="billing-run-result">
          {t('billing.runDone', { drafts: run.data.drafts, skipped: run.data.skipped })}
        </Alert>
      )}
      {run.isError && <Alert color="red">{errorText(run.error, t)}</Alert>}
      {invoices.isPending && valid && <Loader size="sm" />}
      {invoices.isError && <Alert color="red">{errorText(invoices.error, t)}</Alert>}
      {invoices.data && invoices.data.items.length === 0 && <Text c="dimmed">{t('billing.none')}</Text>}
      {invoices.data && invoices.data.items.length > 0 && (
        <Table striped highlightOnHover fz="sm" data-testid="invoice-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('billing.number')}</Table.Th>
              <Table.Th>{t('billing.client')}</Table.Th>
              <Table.Th>{t('billing.status')}</Table.Th>
              <Table.Th>{t('billing.issueDate')}</Table.Th>
              <Table.Th ta="right">{t('billing.net')}</Table.Th>
              <Table.Th ta="right">{t('billing.gross')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {invoices.data.items.map((i) => (
              <Table.Tr key={i.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`${basePath}/${i.id}`)} data-testid="invoice-row">
                <Table.Td>
                  {i.kind === 'credit_note' && (
                    <Text span fz="xs" c="dimmed">
                      {t('billing.kind.credit_note')}{' '}
                    </Text>
                  )}
                  {i.number ?? '—'}
                </Table.Td>
                <Table.Td>{i.clientName}</Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={STATUS_COLOR[i.status]}>
                    {t(`billing.state.${i.status}` as MessageKey)}
                  </Badge>
                </Table.Td>
                <Table.Td>{shortDate(i.issueDate)}</Table.Td>
                <Table.Td ta="right">{euros(i.netCents, locale)}</Table.Td>
                <Table.Td ta="right">{euros(i.grossCents, locale)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
