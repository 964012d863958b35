/**
 * Invoice use cases: list and read (admins; a practitioner reads his practices' issued invoices), free lines
 * on drafts, issue (gap-free number per seller and year, taken in the issuing transaction; the CII XML is
 * written once and kept), credit notes (a whole, issued reversal of an invoice), payments, sent, and the
 * Factur-X PDF and XML. Issued documents are immutable (the database refuses changes too).
 */
import type { RequestContext } from '../core/auth/actor.ts';
import type { Db, Queryable } from '../core/db/types.ts';
import { audit } from '../core/audit.ts';
import { AppError, notFound } from '../core/errors/catalogue.ts';
import type { Clock } from '../core/time/clock.ts';
import { localDateOf } from '../core/time/local-time.ts';
import { ciiXml } from './cii.ts';
import * as contracts from './contracts-repo.ts';
import type { InvoiceDocument, Party, SellerParty } from './document.ts';
import { facturXPdf } from './facturx.ts';
import * as repo from './invoices-repo.ts';
import { invoiceNumber } from './numbering.ts';
import type { PricedLine } from './pricing.ts';
import type { FreeLineInput, InvoiceDetail, InvoiceSummary, PaymentInput } from './schemas.ts';
import { totalsOf } from './totals.ts';

const COMPANY_ZONE = 'Europe/Paris';
const DAY = 86_400_000;

const summary = (r: repo.InvoiceRow): InvoiceSummary => ({
  id: r.id,
  kind: r.kind,
  number: r.number,
  status: r.status,
  month: r.month,
  clientId: r.client_id,
  clientName: r.client_name,
  issueDate: r.issue_date,
  dueDate: r.due_date,
  netCents: r.net_cents,
  vatCents: r.vat_cents,
  grossCents: r.gross_cents,
  paidCents: r.paid_cents,
  correctsId: r.corrects_id,
  correctsNumber: r.corrects_number,
  creditedBy: r.credited_by,
});

/** The invoice if the caller may see it: admins their organisation's in scope, practitioners issued ones of their practices. */
async function visible(q: Queryable, ctx: RequestContext, id: string, lock = false): Promise<repo.InvoiceRow> {
  const row = await repo.invoiceById(q, ctx.actor.organisationId, id, lock);
  if (!row || !row.practice_ids.some((p) => ctx.actor.practiceIds.includes(p))) throw notFound();
  if (ctx.actor.role !== 'admin' && row.status === 'draft') throw notFound();
  return row;
}

async function requireDraft(q: Queryable, ctx: RequestContext, id: string): Promise<repo.InvoiceRow> {
  const row = await visible(q, ctx, id, true);
  if (row.status !== 'draft') throw new AppError('invoice_not_draft');
  return row;
}

export async function listInvoices(db: Db, ctx: RequestContext, f: { month?: string; status?: repo.InvoiceStatus }): Promise<{ items: InvoiceSummary[] }> {
  const rows = await repo.listInvoices(db, {
    ...f,
    organisationId: ctx.actor.organisationId,
    practiceIds: ctx.actor.practiceIds,
    issuedOnly: ctx.actor.role !== 'admin',
  });
  return { items: rows.map(summary) };
}

async function detailOf(q: Queryable, row: repo.InvoiceRow): Promise<InvoiceDetail> {
  const lines = await repo.linesOf(q, row.id);
  const payments = await repo.paymentsOf(q, row.id);
  return {
    ...summary(row),
    periodStart: row.period_start,
    periodEnd: row.period_end,
    lines: lines.map((l) => ({
      position: l.position,
      kind: l.kind,
      code: l.code,
      label: l.label,
      quantity: l.quantity,
      unitPriceCents: l.unit_price_cents,
      netCents: l.net_cents,
      vatRateBp: l.vat_rate_bp,
      units: l.units,
    })),
    vat: totalsOf(lines.map((l) => ({ netCents: l.net_cents, vatRateBp: l.vat_rate_bp }))).vat,
    payments: payments.map((p) => ({ id: p.id, amountCents: p.amount_cents, paidOn: p.paid_on, method: p.method, reference: p.reference })),
    balanceCents: row.kind === 'invoice' ? row.gross_cents - row.paid_cents - (row.credited_by ? row.gross_cents : 0) : 0,
    practiceIds: row.practice_ids,
    creditReason: row.credit_reason,
  };
}

export async function getInvoice(db: Db, ctx: RequestContext, id: string): Promise<InvoiceDetail> {
  return db.transaction(async (tx) => detailOf(tx, await visible(tx, ctx, id)));
}

async function retotal(q: Queryable, id: string): Promise<void> {
  const lines = await repo.linesOf(q, id);
  await repo.setTotals(q, id, totalsOf(lines.map((l) => ({ netCents: l.net_cents, vatRateBp: l.vat_rate_bp }))));
}

export async function addFreeLine(db: Db, ctx: RequestContext, id: string, input: FreeLineInput): Promise<InvoiceDetail> {
  return db.transaction(async (tx) => {
    await requireDraft(tx, ctx, id);
    const lines = await repo.linesOf(tx, id);
    const line: PricedLine = {
      kind: 'free',
      code: 'FREE',
      label: input.label,
      quantity: input.quantity,
      unitPriceCents: input.unitPriceCents,
      netCents: input.quantity * input.unitPriceCents,
      vatRateBp: 2000,
      units: [],
    };
    await repo.insertLines(tx, id, [line], Math.max(0, ...lines.map((l) => l.position)) + 1);
    await retotal(tx, id);
    return detailOf(tx, await visible(tx, ctx, id));
  });
}

export async function deleteFreeLine(db: Db, ctx: RequestContext, id: string, position: number): Promise<InvoiceDetail> {
  return db.transaction(async (tx) => {
    await requireDraft(tx, ctx, id);
    if (!(await repo.deleteLine(tx, id, position))) throw new AppError('not_found', { field: 'position' });
    await retotal(tx, id);
    return detailOf(tx, await visible(tx, ctx, id));
  });
}

const sellerParty = (s: contracts.SellerRow): SellerParty => ({
  legalName: s.legal_name,
  siren: s.siren,
  vatNumber: s.vat_number,
  addressLine: s.address_line,
  postalCode: s.postal_code,
  city: s.city,
  country: s.country,
  email: s.email,
  iban: s.iban,
  bic: s.bic,
  penaltyRate: s.penalty_rate,
  paymentDays: s.payment_days,
});

const buyerParty = (c: contracts.ClientRow): Party => ({
  legalName: c.legal_name,
  siren: c.siren,
  vatNumber: c.vat_number,
  addressLine: c.address_line,
  postalCode: c.postal_code,
  city: c.city,
  country: c.country,
  email: c.email,
});

/** The document as issued, from the stored snapshot and lines. */
async function documentOf(q: Queryable, row: repo.InvoiceRow): Promise<InvoiceDocument> {
  if (row.status === 'draft' || row.number === null || row.issue_date === null || row.due_date === null) throw new AppError('invoice_not_issued');
  const lines = await repo.linesOf(q, row.id);
  const corrects = row.corrects_id ? await repo.invoiceById(q, row.organisation_id, row.corrects_id) : undefined;
  return {
    kind: row.kind,
    number: row.number,
    issueDate: row.issue_date,
    dueDate: row.due_date,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    seller: row.seller as SellerParty,
    buyer: row.buyer as Party,
    lines: lines.map((l) => ({
      position: l.position,
      code: l.code,
      label: l.label,
      quantity: l.quantity,
      unitPriceCents: l.unit_price_cents,
      netCents: l.net_cents,
      vatRateBp: l.vat_rate_bp,
    })),
    totals: totalsOf(lines.map((l) => ({ netCents: l.net_cents, vatRateBp: l.vat_rate_bp }))),
    corrects: corrects?.number && corrects.issue_date ? { number: corrects.number, issueDate: corrects.issue_date } : null,
    creditReason: row.credit_reason,
  };
}

/** Numbers and freezes a draft in the caller's transaction. */
async function issueDraft(tx: Queryable, ctx: RequestContext, clock: Clock, row: repo.InvoiceRow): Promise<void> {
  const lines = await repo.linesOf(tx, row.id);
  if (lines.length === 0) throw new AppError('invoice_empty');
  const seller = await contracts.sellerById(tx, row.organisation_id, row.seller_id);
  const client = await contracts.clientById(tx, row.organisation_id, row.client_id);
  if (!seller || !client) throw notFound();
  const now = clock.nowMs();
  const issueDate = localDateOf(COMPANY_ZONE, now);
  const dueDate = localDateOf(COMPANY_ZONE, now + seller.payment_days * DAY);
  const year = Number(issueDate.slice(0, 4));
  const number = invoiceNumber(seller.invoice_prefix, year, await repo.takeNumber(tx, seller.id, year));
  const issued = {
    ...row,
    status: 'issued' as const,
    number,
    issue_date: issueDate,
    due_date: dueDate,
    seller: sellerParty(seller),
    buyer: buyerParty(client),
  };
  const xml = ciiXml(await documentOf(tx, issued));
  await repo.markIssued(tx, {
    id: row.id,
    number,
    issueDate,
    dueDate,
    seller: issued.seller,
    buyer: issued.buyer,
    ciiXml: xml,
    userId: ctx.actor.userId,
    at: new Date(now),
  });
  await audit(tx, ctx, { action: row.kind === 'credit_note' ? 'credit_note.issue' : 'invoice.issue', outcome: 'ok', detail: { invoiceId: row.id, number } });
}

/** Issues a draft by id in the caller's transaction (the demo seed issues last month's this way). */
export async function issueDraftById(tx: Queryable, ctx: RequestContext, clock: Clock, id: string): Promise<void> {
  const row = await repo.invoiceById(tx, ctx.actor.organisationId, id, true);
  if (!row) throw notFound();
  if (row.status !== 'draft') throw new AppError('invoice_not_draft');
  await issueDraft(tx, ctx, clock, row);
}

export async function issueInvoice(db: Db, ctx: RequestContext, clock: Clock, id: string): Promise<InvoiceDetail> {
  return db.transaction(async (tx) => {
    const row = await requireDraft(tx, ctx, id);
    await issueDraft(tx, ctx, clock, row);
    return detailOf(tx, await visible(tx, ctx, id));
  });
}

/** A credit note reversing an issued invoice whole: same lines and amounts, issued at once, numbered in the same sequence. */
export async function creditInvoice(db: Db, ctx: RequestContext, clock: Clock, id: string, reason: string): Promise<InvoiceDetail> {
  return db.transaction(async (tx) => {
    const row = await visible(tx, ctx, id, true);
    if (row.kind !== 'invoice' || row.status === 'draft') throw new AppError('invoice_not_issued');
    if (row.credited_by) throw new AppError('invoice_already_credited');
    const noteId = await repo.insertDraft(tx, {
      organisationId: row.organisation_id,
      sellerId: row.seller_id,
      clientId: row.client_id,
      contractId: row.contract_id,
      kind: 'credit_note',
      correctsId: row.id,
      month: row.month,
      periodStart: row.period_start,
      periodEnd: row.period_end,
      creditReason: reason,
    });
    if (noteId === null) throw new AppError('invoice_already_credited');
    await repo.copyLines(tx, { from: row.id, to: noteId });
    await retotal(tx, noteId);
    const note = await repo.invoiceById(tx, row.organisation_id, noteId);
    await issueDraft(tx, ctx, clock, note!);
    return detailOf(tx, (await repo.invoiceById(tx, row.organisation_id, noteId))!);
  });
}

export async function recordPayment(db: Db, ctx: RequestContext, id: string, p: PaymentInput): Promise<InvoiceDetail> {
  return db.transaction(async (tx) => {
    const row = await visible(tx, ctx, id, true);
    if (row.kind !== 'invoice' || row.status === 'draft') throw new AppError('invoice_not_issued');
    if (row.credited_by) throw new AppError('invoice_already_credited');
    if (p.amountCents > row.gross_cents - row.paid_cents)
      throw new AppError('payment_exceeds_balance', { field: 'amountCents', details: { balanceCents: row.gross_cents - row.paid_cents } });
    const paid = await repo.insertPayment(tx, {
      invoiceId: id,
      amountCents: p.amountCents,
      paidOn: p.paidOn,
      method: p.method,
      reference: p.reference,
      userId: ctx.actor.userId,
    });
    if (paid >= row.gross_cents) await repo.setStatus(tx, id, 'paid');
    return detailOf(tx, await visible(tx, ctx, id));
  });
}

export async function markSent(db: Db, ctx: RequestContext, clock: Clock, id: string): Promise<InvoiceDetail> {
  return db.transaction(async (tx) => {
    const row = await visible(tx, ctx, id, true);
    if (row.status === 'draft') throw new AppError('invoice_not_issued');
    if (row.status === 'issued') await repo.setStatus(tx, id, 'sent', { sentAt: clock.now() });
    return detailOf(tx, await visible(tx, ctx, id));
  });
}

/** The CII XML exactly as written when the document was issued. */
export async function invoiceXml(db: Db, ctx: RequestContext, id: string): Promise<{ number: string; xml: string }> {
  const row = await visible(db, ctx, id);
  if (row.cii_xml === null || row.number === null) throw new AppError('invoice_not_issued');
  return { number: row.number, xml: row.cii_xml };
}

/** The Factur-X PDF: the printed document with the stored XML embedded. */
export async function invoicePdf(db: Db, ctx: RequestContext, id: string): Promise<{ number: string; pdf: Uint8Array }> {
  return db.transaction(async (tx) => {
    const row = await visible(tx, ctx, id);
    if (row.cii_xml === null || row.number === null || row.issued_at === null) throw new AppError('invoice_not_issued');
    const pdf = await facturXPdf(await documentOf(tx, row), row.cii_xml, row.issued_at);
    return { number: row.number, pdf };
  });
}
