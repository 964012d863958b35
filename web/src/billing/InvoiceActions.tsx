/** What an admin does to one invoice: free lines and issue on a draft; sent, payment, credit note once issued. */
import { useState } from 'react';
import { Alert, Button, Group, NumberInput, Stack, TextInput } from '@mantine/core';
import { useT } from '../app/i18n.tsx';
import { errorText } from '../app/errors.ts';
import { navigate } from '../app/router.ts';
import { useAddLine, useCreditNote, useIssue, useMarkSent, usePayment, type InvoiceDetail } from './api.ts';
import { parseCents } from './format.ts';

export function DraftActions({ invoice }: { invoice: InvoiceDetail }) {
  const t = useT();
  const issue = useIssue(invoice.id);
  const add = useAddLine(invoice.id);
  const [label, setLabel] = useState('');
  const [quantity, setQuantity] = useState<number | string>(1);
  const [price, setPrice] = useState('');
  const cents = parseCents(price);
  return (
    <Stack gap="xs">
      <Group align="end" gap="xs" data-testid="free-line-form">
        <TextInput label={t('billing.lineLabel')} value={label} onChange={(e) => setLabel(e.currentTarget.value)} w={320} data-testid="line-label" />
        <NumberInput label={t('billing.lineQty')} value={quantity} onChange={setQuantity} min={1} w={100} data-testid="line-qty" />
        <TextInput label={t('billing.linePrice')} value={price} onChange={(e) => setPrice(e.currentTarget.value)} w={160} data-testid="line-price" />
        <Button
          variant="default"
          disabled={!label.trim() || cents === null || typeof quantity !== 'number'}
          loading={add.isPending}
          onClick={() =>
            add.mutate(
              { label: label.trim(), quantity: Number(quantity), unitPriceCents: cents ?? 0 },
              {
                onSuccess: () => {
                  setLabel('');
                  setPrice('');
                },
              },
            )
          }
          data-testid="line-add"
        >
          {t('billing.add')}
        </Button>
      </Group>
      {add.isError && <Alert color="red">{errorText(add.error, t)}</Alert>}
      <Alert color="blue" variant="light">
        {t('billing.issueConfirm')}
      </Alert>
      <Group>
        <Button onClick={() => issue.mutate()} loading={issue.isPending} data-testid="invoice-issue">
          {t('billing.issue')}
        </Button>
      </Group>
      {issue.isError && <Alert color="red">{errorText(issue.error, t)}</Alert>}
    </Stack>
  );
}

export function IssuedActions({ invoice }: { invoice: InvoiceDetail }) {
  const t = useT();
  const sent = useMarkSent(invoice.id);
  const pay = usePayment(invoice.id);
  const credit = useCreditNote(invoice.id);
  const [amount, setAmount] = useState('');
  const [paidOn, setPaidOn] = useState(() => new Date().toISOString().slice(0, 10));
  const [reference, setReference] = useState('');
  const [reason, setReason] = useState('');
  const cents = parseCents(amount);
  const open = invoice.kind === 'invoice' && !invoice.creditedBy;
  if (!open) return null;
  return (
    <Stack gap="xs">
      <Group gap="xs">
        {invoice.status === 'issued' && (
          <Button variant="default" onClick={() => sent.mutate()} loading={sent.isPending} data-testid="invoice-sent">
            {t('billing.markSent')}
          </Button>
        )}
      </Group>
      {invoice.balanceCents > 0 && (
        <Group align="end" gap="xs" data-testid="payment-form">
          <TextInput
            label={t('billing.paymentAmount')}
            value={amount}
            onChange={(e) => setAmount(e.currentTarget.value)}
            w={140}
            data-testid="payment-amount"
          />
          <TextInput label={t('billing.paymentDate')} value={paidOn} onChange={(e) => setPaidOn(e.currentTarget.value)} w={150} />
          <TextInput label={t('billing.paymentReference')} value={reference} onChange={(e) => setReference(e.currentTarget.value)} w={180} />
          <Button
            variant="default"
            disabled={cents === null || cents === 0}
            loading={pay.isPending}
            onClick={() => pay.mutate({ amountCents: cents ?? 0, paidOn, reference: reference.trim() || null }, { onSuccess: () => setAmount('') })}
            data-testid="payment-add"
          >
            {t('billing.payment')}
          </Button>
        </Group>
      )}
      {pay.isError && <Alert color="red">{errorText(pay.error, t)}</Alert>}
      <Group align="end" gap="xs" data-testid="credit-form">
        <TextInput label={t('billing.creditReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} w={320} data-testid="credit-reason" />
        <Button
          color="red"
          variant="light"
          disabled={!reason.trim()}
          loading={credit.isPending}
          onClick={() => credit.mutate(reason.trim(), { onSuccess: (note) => navigate(`/billing/${note.id}`) })}
          data-testid="credit-note"
        >
          {t('billing.creditConfirm')}
        </Button>
      </Group>
      {credit.isError && <Alert color="red">{errorText(credit.error, t)}</Alert>}
    </Stack>
  );
}
