/**
 * A contract version's terms: what the client pays from the version's date on. Validated by zod at the
 * edge; pure data afterwards. Prices are integer cents HT (before VAT).
 */
import { z } from 'zod';

const cents = z.number().int().min(0).max(100_000_000);
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const zTier = z.object({
  /** Billable units (beyond the included volume) up to which this price applies, cumulative; null = no limit. */
  upTo: z.number().int().positive().nullable(),
  unitCents: cents,
});

export const zContractTerms = z
  .object({
    /** The unit the included volume and the tiers count. */
    unit: z.enum(['call', 'appointment']),
    subscriptionCents: cents,
    includedUnits: z.number().int().min(0).max(1_000_000),
    /** Degressive (graduated) prices of the units beyond the included volume. */
    tiers: z.array(zTier).max(10),
    /** Extra cents per answered call in each time band (one band per call: holiday > Sunday > Saturday > evening). */
    surcharges: z.object({ evening: cents, saturday: cents, sunday: cents, holiday: cents }),
    /** Weekday evening band, local time of the practice: [eveningFrom, 24:00) and [00:00, morningUntil). */
    eveningFrom: time,
    morningUntil: time,
    fees: z.object({ appointmentBooked: cents, messageTaken: cents, smsSent: cents }),
    options: z.array(z.object({ code: z.enum(['online_agenda', 'extended_hours', 'other']), label: z.string().min(1).max(120), monthlyCents: cents })).max(10),
    /** Price revision: date and index (e.g. Syntec) with the base value the prices were set at. */
    revision: z.object({ date: z.iso.date(), index: z.string().min(1).max(40), baseValue: z.number().positive() }).nullable(),
    vatRateBp: z.number().int().min(0).max(10_000).default(2000),
  })
  .superRefine((t, ctx) => {
    t.tiers.forEach((tier, i) => {
      const prev = t.tiers[i - 1];
      if (i < t.tiers.length - 1 && tier.upTo === null)
        ctx.addIssue({ code: 'custom', path: ['tiers', i, 'upTo'], message: 'only the last tier is unbounded' });
      if (prev && prev.upTo !== null && tier.upTo !== null && tier.upTo <= prev.upTo)
        ctx.addIssue({ code: 'custom', path: ['tiers', i, 'upTo'], message: 'tiers must grow' });
    });
    if (t.tiers.length > 0 && t.tiers[t.tiers.length - 1]?.upTo !== null) {
      ctx.addIssue({ code: 'custom', path: ['tiers', t.tiers.length - 1, 'upTo'], message: 'the last tier must be unbounded' });
    }
  });

export type ContractTerms = z.infer<typeof zContractTerms>;
export type TermsInput = z.input<typeof zContractTerms>;

export const NO_SURCHARGES = { evening: 0, saturday: 0, sunday: 0, holiday: 0 } as const;
export const NO_FEES = { appointmentBooked: 0, messageTaken: 0, smsSent: 0 } as const;
