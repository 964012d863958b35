/** One invoice or credit note: lines, VAT breakdown, totals, payments, downloads, actions and the value report. */
import { Alert, Anchor, Badge, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useI18n, type MessageKey } from '../app/i18n.tsx';
import { errorText } from '../app/errors.ts';
import { navigate } from '../app/router.ts';
import { useInvoice, useRemoveLine } from './api.ts';
import { euros, shortDate } from './format.ts';
import { STATUS_COLOR } from './BillingPage.tsx';
import { DraftActions, IssuedActions } from './InvoiceActions.tsx';
import { ValueReportView } from './ValueReportView.tsx';

export function InvoicePage({ id, admin, basePath }: { id: string; admin: boolean; basePath: string }) {
  const { t, locale } = useI18n();
  const invoice = useInvoice(id);
  const remove = useRemoveLine(id);
  if (invoice.isPending) return <Loader size="sm" />;
  if (invoice.isError) return <Alert color="red">{errorText(invoice.error, t)}</Alert>;
  const inv = invoice.data;
  const draft = inv.status === 'draft';
  const money = (c: number) => euros(c, locale);
  return (
    <Stack gap="sm" data-testid="invoice-page">
      <Anchor onClick={() => navigate(basePath)} fz="sm">
        {t('billing.back')}
      </Anchor>
      <Group justify="space-between">
        <Group gap="sm">
          <Title order={2} data-testid="invoice-title">
            {draft ? t('billing.draftTitle') : `${t(`billing.kind.${inv.kind}` as MessageKey)} ${inv.number}`}
          </Title>
          <Badge color={STATUS_COLOR[inv.status]} data-testid="invoice-status">
            {t(`billing.state.${inv.status}` as MessageKey)}
          </Badge>
          {inv.creditedBy && (
            <Anchor onClick={() => navigate(`${basePath}/${inv.creditedBy}`)} fz="sm" c="red">
              {t('billing.creditedBy')}
            </Anchor>
          )}
        </Group>
        {!draft && (
          <Group gap="xs">
            <Button component="a" href={`/api/invoices/${id}/pdf`} variant="default" data-testid="invoice-pdf">
              {t('billing.pdf')}
            </Button>
            <Button component="a" href={`/api/invoices/${id}/cii.xml`} variant="subtle">
              {t('billing.xml')}
            </Button>
          </Group>
        )}
      </Group>
      <Text fz="sm">
        {inv.clientName} — {t('billing.period', { from: shortDate(inv.periodStart), to: shortDate(inv.periodEnd) })}
        {inv.issueDate && ` — ${t('billing.issueDate')} ${shortDate(inv.issueDate)}, ${t('billing.dueDate')} ${shortDate(inv.dueDate)}`}
      </Text>
      {inv.correctsNumber && <Text fz="sm">{t('billing.corrects', { number: inv.correctsNumber })}</Text>}
      <Table fz="sm" striped data-testid="invoice-lines">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('billing.line')}</Table.Th>
            <Table.Th ta="right">{t('billing.qty')}</Table.Th>
            <Table.Th ta="right">{t('billing.unitPrice')}</Table.Th>
            <Table.Th ta="right">{t('billing.vatRate')}</Table.Th>
            <Table.Th ta="right">{t('billing.amount')}</Table.Th>
            <Table.Th ta="right">{t('billing.units')}</Table.Th>
            {draft && admin && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {inv.lines.map((l) => (
            <Table.Tr key={l.position}>
              <Table.Td>{l.label}</Table.Td>
              <Table.Td ta="right">{l.quantity}</Table.Td>
              <Table.Td ta="right">{money(l.unitPriceCents)}</Table.Td>
              <Table.Td ta="right">{l.vatRateBp / 100} %</Table.Td>
              <Table.Td ta="right">{money(l.netCents)}</Table.Td>
              <Table.Td ta="right">{l.units || ''}</Table.Td>
              {draft && admin && (
                <Table.Td>
                  {l.kind === 'free' && (
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => remove.mutate(l.position)}>
                      {t('billing.remove')}
                    </Button>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Stack gap={2} align="flex-end" data-testid="invoice-totals">
        <Text fz="sm">
          {t('billing.net')} : {money(inv.netCents)}
        </Text>
        {inv.vat.map((v) => (
          <Text fz="sm" key={v.rateBp}>
            {t('billing.vatOn', { rate: v.rateBp / 100, basis: money(v.basisCents) })} : {money(v.vatCents)}
          </Text>
        ))}
        <Text fw={700} data-testid="invoice-gross">
          {t('billing.gross')} : {money(inv.grossCents)}
        </Text>
        {inv.kind === 'invoice' && !draft && (
          <Text fz="sm" data-testid="invoice-balance">
            {t('billing.balance')} : {money(inv.balanceCents)}
          </Text>
        )}
      </Stack>
      {inv.payments.length > 0 && (
        <Text fz="sm">
          {t('billing.payments')} :{' '}
          {inv.payments.map((p) => `${shortDate(p.paidOn)} ${money(p.amountCents)}${p.reference ? ` (${p.reference})` : ''}`).join(', ')}
        </Text>
      )}
      {admin && draft && <DraftActions invoice={inv} />}
      {admin && !draft && <IssuedActions invoice={inv} />}
      <ValueReportView invoiceId={id} />
    </Stack>
  );
}
