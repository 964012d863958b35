/** SQL of invoices, credit notes, their lines and units, numbering and payments. */
import type { Queryable } from '../core/db/types.ts';
import type { LineKind, PricedLine, UnitSource } from './pricing.ts';

export type InvoiceStatus = 'draft' | 'issued' | 'sent' | 'paid' | 'overdue';
export type InvoiceKind = 'invoice' | 'credit_note';

export interface InvoiceRow {
  id: string;
  organisation_id: string;
  seller_id: string;
  client_id: string;
  client_name: string;
  contract_id: string | null;
  kind: InvoiceKind;
  corrects_id: string | null;
  corrects_number: string | null;
  credited_by: string | null;
  month: string;
  period_start: string;
  period_end: string;
  status: InvoiceStatus;
  number: string | null;
  issue_date: string | null;
  due_date: string | null;
  seller: unknown;
  buyer: unknown;
  net_cents: number;
  vat_cents: number;
  gross_cents: number;
  paid_cents: number;
  cii_xml: string | null;
  credit_reason: string | null;
  issued_at: Date | null;
  sent_at: Date | null;
  reminders: number;
  practice_ids: string[];
}

export interface LineRow {
  position: number;
  kind: LineKind;
  code: string;
  label: string;
  quantity: number;
  unit_price_cents: number;
  net_cents: number;
  vat_rate_bp: number;
  units: number;
}

const INVOICE_SELECT = `select i.id, i.organisation_id, i.seller_id, i.client_id, c.legal_name as client_name, i.contract_id, i.kind, i.corrects_id,
  (select number from invoices x where x.id = i.corrects_id) as corrects_number,
  (select id from invoices x where x.corrects_id = i.id) as credited_by,
  i.month, to_char(i.period_start, 'YYYY-MM-DD') as period_start, to_char(i.period_end, 'YYYY-MM-DD') as period_end, i.status, i.number,
  to_char(i.issue_date, 'YYYY-MM-DD') as issue_date, to_char(i.due_date, 'YYYY-MM-DD') as due_date, i.seller, i.buyer,
  i.net_cents::float8 as net_cents, i.vat_cents::float8 as vat_cents, i.gross_cents::float8 as gross_cents, i.paid_cents::float8 as paid_cents,
  i.cii_xml, i.credit_reason, i.issued_at, i.sent_at, i.reminders,
  coalesce((select array_agg(practice_id order by practice_id) from billing_client_practices where client_id = i.client_id), '{}') as practice_ids
  from invoices i join billing_clients c on c.id = i.client_id`;

export async function invoiceById(q: Queryable, organisationId: string, id: string, lock = false): Promise<InvoiceRow | undefined> {
  if (lock) await q.query('select 1 from invoices where id = $1 and organisation_id = $2 for update', [id, organisationId]);
  const { rows } = await q.query<InvoiceRow>(`${INVOICE_SELECT} where i.id = $1 and i.organisation_id = $2`, [id, organisationId]);
  return rows[0];
}

export async function listInvoices(
  q: Queryable,
  f: { organisationId: string; month?: string; status?: InvoiceStatus; practiceIds: readonly string[]; issuedOnly: boolean },
): Promise<InvoiceRow[]> {
  const { rows } = await q.query<InvoiceRow>(
    `${INVOICE_SELECT}
     where i.organisation_id = $1 and ($2::text is null or i.month = $2) and ($3::text is null or i.status = $3)
       and exists (select 1 from billing_client_practices p where p.client_id = i.client_id and p.practice_id = any($4::uuid[]))
       and (not $5 or i.status <> 'draft')
     order by i.month desc, i.number nulls first, c.legal_name, i.created_at
     limit 1000`,
    [f.organisationId, f.month ?? null, f.status ?? null, f.practiceIds, f.issuedOnly],
  );
  return rows;
}

export async function linesOf(q: Queryable, invoiceId: string): Promise<LineRow[]> {
  const { rows } = await q.query<LineRow>(
    `select l.position, l.kind, l.code, l.label, l.quantity, l.unit_price_cents::float8 as unit_price_cents, l.net_cents::float8 as net_cents, l.vat_rate_bp,
            (select count(*) from invoice_units u where u.invoice_id = l.invoice_id and u.line_position = l.position)::int as units
       from invoice_lines l where l.invoice_id = $1 order by l.position`,
    [invoiceId],
  );
  return rows;
}

export async function unitsOfLine(q: Queryable, invoiceId: string, position: number): Promise<{ source: UnitSource; source_id: string; at: Date }[]> {
  const { rows } = await q.query<{ source: UnitSource; source_id: string; at: Date }>(
    'select source, source_id, at from invoice_units where invoice_id = $1 and line_position = $2 order by at, source_id',
    [invoiceId, position],
  );
  return rows;
}

export interface NewInvoice {
  organisationId: string;
  sellerId: string;
  clientId: string;
  contractId: string | null;
  kind: InvoiceKind;
  correctsId: string | null;
  month: string;
  periodStart: string;
  periodEnd: string;
  creditReason: string | null;
}

/** A new draft; null when the contract already has its invoice for the month. */
export async function insertDraft(q: Queryable, d: NewInvoice): Promise<string | null> {
  const { rows } = await q.query<{ id: string }>(
    `insert into invoices (organisation_id, seller_id, client_id, contract_id, kind, corrects_id, month, period_start, period_end, credit_reason)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     on conflict do nothing returning id`,
    [d.organisationId, d.sellerId, d.clientId, d.contractId, d.kind, d.correctsId, d.month, d.periodStart, d.periodEnd, d.creditReason],
  );
  return rows[0]?.id ?? null;
}

/** Appends lines (from `firstPosition` on) and their units, set-based. */
export async function insertLines(q: Queryable, invoiceId: string, lines: readonly PricedLine[], firstPosition = 1): Promise<void> {
  if (lines.length === 0) return;
  const pos = lines.map((_, i) => firstPosition + i);
  await q.query(
    `insert into invoice_lines (invoice_id, position, kind, code, label, quantity, unit_price_cents, net_cents, vat_rate_bp)
     select $1, * from unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::int[], $7::bigint[], $8::bigint[], $9::int[])`,
    [
      invoiceId,
      pos,
      lines.map((l) => l.kind),
      lines.map((l) => l.code),
      lines.map((l) => l.label),
      lines.map((l) => l.quantity),
      lines.map((l) => l.unitPriceCents),
      lines.map((l) => l.netCents),
      lines.map((l) => l.vatRateBp),
    ],
  );
  const units = lines.flatMap((l, i) => l.units.map((u) => ({ ...u, position: pos[i]! })));
  if (units.length === 0) return;
  await q.query(
    `insert into invoice_units (invoice_id, line_position, source, source_id, at)
     select $1, * from unnest($2::int[], $3::text[], $4::uuid[], $5::timestamptz[])`,
    [invoiceId, units.map((u) => u.position), units.map((u) => u.source), units.map((u) => u.id), units.map((u) => new Date(u.at).toISOString())],
  );
}

export async function deleteLine(q: Queryable, invoiceId: string, position: number): Promise<boolean> {
  const r = await q.query("delete from invoice_lines where invoice_id = $1 and position = $2 and kind = 'free'", [invoiceId, position]);
  return r.rowCount > 0;
}

export async function setTotals(q: Queryable, invoiceId: string, t: { netCents: number; vatCents: number; grossCents: number }): Promise<void> {
  await q.query('update invoices set net_cents = $2, vat_cents = $3, gross_cents = $4 where id = $1', [invoiceId, t.netCents, t.vatCents, t.grossCents]);
}

/** The seller's next number of the year, in the caller's transaction (row lock; rollback gives it back). */
export async function takeNumber(q: Queryable, sellerId: string, year: number): Promise<number> {
  const { rows } = await q.query<{ last: number }>(
    `insert into invoice_counters (seller_id, year, last) values ($1, $2, 1)
     on conflict (seller_id, year) do update set last = invoice_counters.last + 1 returning last`,
    [sellerId, year],
  );
  return rows[0]!.last;
}

export async function markIssued(
  q: Queryable,
  o: { id: string; number: string; issueDate: string; dueDate: string; seller: unknown; buyer: unknown; ciiXml: string; userId: string; at: Date },
): Promise<void> {
  await q.query(
    `update invoices set status = 'issued', number = $2, issue_date = $3, due_date = $4, seller = $5, buyer = $6, cii_xml = $7, issued_by = $8, issued_at = $9
      where id = $1 and status = 'draft'`,
    [o.id, o.number, o.issueDate, o.dueDate, JSON.stringify(o.seller), JSON.stringify(o.buyer), o.ciiXml, o.userId, o.at],
  );
}

export async function setStatus(q: Queryable, id: string, status: InvoiceStatus, extra: { sentAt?: Date } = {}): Promise<void> {
  await q.query('update invoices set status = $2, sent_at = coalesce($3, sent_at) where id = $1', [id, status, extra.sentAt ?? null]);
}

export async function insertPayment(
  q: Queryable,
  p: { invoiceId: string; amountCents: number; paidOn: string; method: string; reference: string | null; userId: string },
): Promise<number> {
  await q.query('insert into invoice_payments (invoice_id, amount_cents, paid_on, method, reference, created_by) values ($1, $2, $3, $4, $5, $6)', [
    p.invoiceId,
    p.amountCents,
    p.paidOn,
    p.method,
    p.reference,
    p.userId,
  ]);
  const { rows } = await q.query<{ paid: number }>('update invoices set paid_cents = paid_cents + $2 where id = $1 returning paid_cents::float8 as paid', [
    p.invoiceId,
    p.amountCents,
  ]);
  return rows[0]!.paid;
}

export async function paymentsOf(
  q: Queryable,
  invoiceId: string,
): Promise<{ id: string; amount_cents: number; paid_on: string; method: string; reference: string | null }[]> {
  const { rows } = await q.query<{ id: string; amount_cents: number; paid_on: string; method: string; reference: string | null }>(
    `select id, amount_cents::float8 as amount_cents, to_char(paid_on, 'YYYY-MM-DD') as paid_on, method, reference from invoice_payments where invoice_id = $1 order by paid_on, created_at`,
    [invoiceId],
  );
  return rows;
}

/** Issued or sent invoices past their due date and not fully paid. */
export async function overdueCandidates(q: Queryable, organisationId: string, today: string): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>(
    `select id from invoices where organisation_id = $1 and kind = 'invoice' and status in ('issued', 'sent', 'overdue') and due_date < $2 and paid_cents < gross_cents
       and (last_reminder_at is null or last_reminder_at < $2::date - interval '13 days')`,
    [organisationId, today],
  );
  return rows.map((r) => r.id);
}

export async function noteReminder(q: Queryable, id: string, at: Date): Promise<void> {
  await q.query("update invoices set status = 'overdue', reminders = reminders + 1, last_reminder_at = $2 where id = $1", [id, at]);
}

export async function insertRun(q: Queryable, r: { organisationId: string; month: string; drafts: number; skipped: number; userId: string }): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    'insert into billing_runs (organisation_id, month, drafts, skipped, created_by) values ($1, $2, $3, $4, $5) returning id',
    [r.organisationId, r.month, r.drafts, r.skipped, r.userId],
  );
  return rows[0]!.id;
}

/** A credit note takes the lines of the invoice it corrects. */
export async function copyLines(q: Queryable, o: { from: string; to: string }): Promise<void> {
  await q.query(
    `insert into invoice_lines (invoice_id, position, kind, code, label, quantity, unit_price_cents, net_cents, vat_rate_bp)
     select $2, position, kind, code, label, quantity, unit_price_cents, net_cents, vat_rate_bp from invoice_lines where invoice_id = $1`,
    [o.from, o.to],
  );
}
