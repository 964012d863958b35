/** The shapes /api/practices/:id/consignes accepts and answers. */
import { z } from 'zod';
import { toE164 } from '../core/identifiers.ts';
import { duplicateNumber, duplicateSection, SECTION_KINDS } from './content.ts';

const zId = z.guid().transform((id) => id.toLowerCase());

export const zPracticeParams = z.object({ id: zId });
export const zWhichConsignes = z.strictObject({
  /** A practitioner's own consignes at this practice; absent for the practice's. */
  practitionerId: zId.optional(),
});
export const zHistoryQuery = zWhichConsignes.extend({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** Versions older than this one (paging). */
  before: z.coerce.number().int().min(2).optional(),
});

// ---- requests ----

/** A short number (15, 112, 3237, 116117) as it is, any other in E.164. */
const zUsefulNumberValue = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const compact = value.replace(/[\s.]/g, '');
    if (/^\d{2,6}$/.test(compact)) return compact;
    const e164 = toE164(value);
    if (!e164) {
      ctx.addIssue({ code: 'custom', message: 'Numéro invalide (numéro court comme 15, ou numéro complet) / invalid number' });
      return z.NEVER;
    }
    return e164;
  })
  .meta({ examples: ['15', '01 45 00 00 00'] });

export const zSectionInput = z
  .strictObject({
    kind: z.enum(SECTION_KINDS),
    /** Required for an 'other' section, refused for the usual ones. */
    title: z.string().trim().min(1).max(80).nullish(),
    body: z.string().trim().max(4000),
  })
  .superRefine((s, ctx) => {
    if (s.kind === 'other' && !s.title) ctx.addIssue({ code: 'custom', path: ['title'], message: 'Titre requis pour une rubrique libre / title required' });
    if (s.kind !== 'other' && s.title)
      ctx.addIssue({ code: 'custom', path: ['title'], message: 'Pas de titre pour cette rubrique / no title for this section' });
  })
  .transform((s) => ({ kind: s.kind, title: s.title ?? null, body: s.body.replace(/\r\n?/g, '\n') }));

export const zUsefulNumberInput = z.strictObject({
  label: z.string().trim().min(1).max(80),
  number: zUsefulNumberValue,
});

export const zConsignesPut = z
  .strictObject({
    sections: z.array(zSectionInput).max(20),
    usefulNumbers: z.array(zUsefulNumberInput).max(40).default([]),
    /** What changed, in a few words ("Plus de RDV le mercredi"). */
    summary: z.string().trim().max(200).nullish(),
    /** The version the author started from: if someone saved another since, the change is refused (409). */
    baseVersion: z.int().min(0).nullish(),
  })
  .superRefine((v, ctx) => {
    const s = duplicateSection(v.sections);
    if (s !== null) ctx.addIssue({ code: 'custom', path: ['sections', s], message: 'Rubrique en double / duplicate section' });
    const n = duplicateNumber(v.usefulNumbers);
    if (n !== null) ctx.addIssue({ code: 'custom', path: ['usefulNumbers', n, 'label'], message: 'Numéro en double / duplicate number' });
  });
export type ConsignesPut = z.output<typeof zConsignesPut>;

export const zSeenInput = z.strictObject({
  /** The versions the user was shown: acknowledging never covers a version saved after the screen was drawn. */
  items: z
    .array(z.strictObject({ consigneId: zId, version: z.int().min(1) }))
    .min(1)
    .max(50),
});
export type SeenInput = z.output<typeof zSeenInput>;

// ---- responses ----

const zSection = z.object({ kind: z.enum(SECTION_KINDS), title: z.string().nullable(), body: z.string() });
const zUsefulNumber = z.object({ label: z.string(), number: z.string() });
const zStatus = z.enum(['added', 'removed', 'changed', 'unchanged']);
const zPart = z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() });

const zVersionInfo = z.object({
  version: z.int(),
  authorId: z.string(),
  authorName: z.string(),
  createdAt: z.string(),
  summary: z.string().nullable(),
});

export const zConsigneSet = z.object({
  id: z.string(),
  practiceId: z.string(),
  /** null: the practice's consignes; else one practitioner's. */
  practitionerId: z.string().nullable(),
  practitionerName: z.string().nullable(),
  version: z.int(),
  updatedAt: z.string(),
  authorName: z.string(),
  summary: z.string().nullable(),
  /** Emergencies first. */
  sections: z.array(zSection),
  usefulNumbers: z.array(zUsefulNumber),
  /** The last version the caller acknowledged; null if never. */
  seenVersion: z.int().nullable(),
  /** The current version is not acknowledged yet (never read, or changed since). */
  unread: z.boolean(),
  /** What changed since seenVersion; null when up to date or never read. */
  changes: z
    .object({
      sinceVersion: z.int(),
      /** The versions saved since, oldest first: who changed what, when. */
      versions: z.array(zVersionInfo),
      sections: z.array(z.object({ kind: z.enum(SECTION_KINDS), title: z.string().nullable(), status: zStatus, parts: z.array(zPart) })),
      usefulNumbers: z.array(z.object({ label: z.string(), number: z.string(), status: zStatus, previousNumber: z.string().nullable() })),
    })
    .nullable(),
});
export type ConsigneSetView = z.infer<typeof zConsigneSet>;

export const zConsignesView = z.object({
  practiceId: z.string(),
  /** The practice's consignes first, then each practitioner's. */
  items: z.array(zConsigneSet),
  /** Some set holds a version the caller has not acknowledged. */
  unread: z.boolean(),
});
export type ConsignesView = z.infer<typeof zConsignesView>;

export const zHistory = z.object({
  items: z.array(zVersionInfo.extend({ sections: z.array(zSection), usefulNumbers: z.array(zUsefulNumber) })),
  hasMore: z.boolean(),
});
export type HistoryView = z.infer<typeof zHistory>;
