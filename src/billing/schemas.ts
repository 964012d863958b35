/** HTTP contracts of billing: zod schemas of requests and answers. */
import { z } from 'zod';
import { zContractTerms } from './terms.ts';

export const zMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
const zDate = z.iso.date();
const zSiren = z.string().regex(/^\d{9}$/);
const zStatus = z.enum(['draft', 'issued', 'sent', 'paid', 'overdue']);

export const zIdParams = z.object({ id: z.uuid() });
export const zLineParams = z.object({ id: z.uuid(), position: z.coerce.number().int().positive() });

export const zRunInput = z.object({ month: zMonth }).strict();
export const zRunResult = z.object({ id: z.uuid(), month: zMonth, drafts: z.number().int(), skipped: z.number().int(), invoiceIds: z.array(z.uuid()) });

export const zInvoiceQuery = z.object({ month: zMonth.optional(), status: zStatus.optional() }).strict();

export const zInvoiceSummary = z.object({
  id: z.uuid(),
  kind: z.enum(['invoice', 'credit_note']),
  number: z.string().nullable(),
  status: zStatus,
  month: zMonth,
  clientId: z.uuid(),
  clientName: z.string(),
  issueDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  netCents: z.number().int(),
  vatCents: z.number().int(),
  grossCents: z.number().int(),
  paidCents: z.number().int(),
  correctsId: z.uuid().nullable(),
  correctsNumber: z.string().nullable(),
  creditedBy: z.uuid().nullable(),
});
export const zInvoiceList = z.object({ items: z.array(zInvoiceSummary) });

export const zLine = z.object({
  position: z.number().int(),
  kind: z.enum(['subscription', 'units', 'surcharge', 'fee', 'option', 'free']),
  code: z.string(),
  label: z.string(),
  quantity: z.number().int(),
  unitPriceCents: z.number().int(),
  netCents: z.number().int(),
  vatRateBp: z.number().int(),
  units: z.number().int(),
});

export const zInvoiceDetail = zInvoiceSummary.extend({
  periodStart: z.string(),
  periodEnd: z.string(),
  lines: z.array(zLine),
  vat: z.array(z.object({ rateBp: z.number().int(), basisCents: z.number().int(), vatCents: z.number().int() })),
  payments: z.array(z.object({ id: z.uuid(), amountCents: z.number().int(), paidOn: z.string(), method: z.string(), reference: z.string().nullable() })),
  balanceCents: z.number().int(),
  practiceIds: z.array(z.uuid()),
  creditReason: z.string().nullable(),
});

export const zFreeLineInput = z
  .object({
    label: z.string().trim().min(1).max(200),
    quantity: z.number().int().min(1).max(1_000_000),
    unitPriceCents: z.number().int().min(0).max(100_000_000),
  })
  .strict();

export const zCreditNoteInput = z.object({ reason: z.string().trim().min(1).max(500) }).strict();

export const zPaymentInput = z
  .object({
    amountCents: z.number().int().positive().max(1_000_000_000),
    paidOn: zDate,
    method: z.enum(['transfer', 'direct_debit', 'cheque', 'card', 'other']).default('transfer'),
    reference: z.string().trim().max(120).nullable().default(null),
  })
  .strict();

export const zSellerInput = z
  .object({
    legalName: z.string().trim().min(1).max(200),
    siren: zSiren,
    vatNumber: z
      .string()
      .regex(/^FR[0-9A-Z]{2}\d{9}$/)
      .optional(),
    addressLine: z.string().trim().min(1).max(200),
    postalCode: z.string().trim().min(1).max(20),
    city: z.string().trim().min(1).max(100),
    email: z.email().nullable().default(null),
    iban: z.string().trim().max(40).nullable().default(null),
    bic: z.string().trim().max(11).nullable().default(null),
    invoicePrefix: z
      .string()
      .regex(/^[A-Z0-9]{1,8}$/)
      .default('F'),
  })
  .strict();

export const zClientInput = z
  .object({
    sellerId: z.uuid(),
    legalName: z.string().trim().min(1).max(200),
    siren: zSiren,
    vatNumber: z
      .string()
      .regex(/^FR[0-9A-Z]{2}\d{9}$/)
      .nullable()
      .optional(),
    addressLine: z.string().trim().min(1).max(200),
    postalCode: z.string().trim().min(1).max(20),
    city: z.string().trim().min(1).max(100),
    email: z.email().nullable().default(null),
    practiceIds: z.array(z.uuid()).min(1).max(50),
  })
  .strict();

export const zContractInput = z
  .object({
    clientId: z.uuid(),
    label: z.string().trim().min(1).max(200),
    startsOn: zDate,
    endsOn: zDate.nullable().default(null),
    terms: zContractTerms,
  })
  .strict();

export const zVersionInput = z.object({ validFrom: zDate, terms: zContractTerms }).strict();

export const zCreated = z.object({ id: z.uuid() });

export const zContractList = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      clientId: z.uuid(),
      clientName: z.string(),
      label: z.string(),
      startsOn: z.string(),
      endsOn: z.string().nullable(),
      practiceIds: z.array(z.uuid()),
    }),
  ),
});

export type RunResult = z.infer<typeof zRunResult>;
export type InvoiceSummary = z.infer<typeof zInvoiceSummary>;
export type InvoiceDetail = z.infer<typeof zInvoiceDetail>;
export type FreeLineInput = z.infer<typeof zFreeLineInput>;
export type PaymentInput = z.infer<typeof zPaymentInput>;
export type SellerInput = z.infer<typeof zSellerInput>;
export type ClientInput = z.infer<typeof zClientInput>;
export type ContractInput = z.infer<typeof zContractInput>;
export type VersionInput = z.infer<typeof zVersionInput>;

const zFigures = z.object({
  received: z.number(),
  answered: z.number(),
  abandoned: z.number(),
  shortAbandoned: z.number(),
  overflowed: z.number(),
  closed: z.number(),
  voicemails: z.number(),
  averageWaitSeconds: z.number().nullable(),
  afterHours: z.number(),
  appointmentsBooked: z.number(),
  appointmentsMoved: z.number(),
  appointmentsCancelled: z.number(),
  messages: z.number(),
  sms: z.number(),
  waitlistRefills: z.number(),
});

export const zValueReport = z.object({
  month: zMonth,
  previousMonth: zMonth,
  current: zFigures,
  previous: zFigures,
  lines: z.array(
    z.object({ position: z.number().int(), label: z.string(), invoiced: z.number().int(), recomputed: z.number().int().nullable(), matches: z.boolean() }),
  ),
  rules: z.array(z.string()),
});
