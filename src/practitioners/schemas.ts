/** Request and response schemas of /api/practitioners. */
import { z } from 'zod';
import { zRpps, zTimeZone } from '../core/identifiers.ts';
import { PROFESSION_CODES, SPECIALTY_CODES } from './professions.ts';

const name = z.string().trim().min(1).max(120);
const title = z
  .string()
  .trim()
  .max(20)
  .nullable()
  .transform((v) => (v ? v : null))
  .meta({ examples: ['Dr', 'Pr'] });

const practiceIds = z
  .array(z.guid())
  .min(1)
  .max(50)
  .superRefine((ids, ctx) => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [i], message: 'Cabinet en double / duplicate practice' });
      seen.add(id);
    });
  })
  .meta({ description: 'Les cabinets où il exerce, tous dans le périmètre / the practices they work in, all in scope' });

export const zPractitionerId = z.object({ id: z.guid() });

export const zPractitionerCreate = z.strictObject({
  title: title.optional(),
  firstName: name,
  lastName: name,
  profession: z.enum(PROFESSION_CODES),
  specialty: z.enum(SPECIALTY_CODES).nullable().optional(),
  rpps: zRpps,
  /** Defaults to the time zone of the first practice. */
  timeZone: zTimeZone.optional(),
  practiceIds,
});
export type PractitionerCreate = z.output<typeof zPractitionerCreate>;

export const zPractitionerPatch = z.strictObject({
  title: title.optional(),
  firstName: name.optional(),
  lastName: name.optional(),
  profession: z.enum(PROFESSION_CODES).optional(),
  specialty: z.enum(SPECIALTY_CODES).nullable().optional(),
  rpps: zRpps.optional(),
  timeZone: zTimeZone.optional(),
  /** Replaces the practices (within the caller's scope) the practitioner works in. */
  practiceIds: practiceIds.optional(),
});
export type PractitionerPatch = z.output<typeof zPractitionerPatch>;

export const zPractitionerListQuery = z.object({
  practiceId: z.guid().optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type PractitionerListQuery = z.output<typeof zPractitionerListQuery>;

export const zPractitioner = z.object({
  id: z.guid(),
  title: z.string().nullable(),
  firstName: z.string(),
  lastName: z.string(),
  profession: z.string(),
  specialty: z.string().nullable(),
  rpps: z.string(),
  timeZone: z.string(),
  /** Only the practices in the caller's scope. */
  practices: z.array(z.object({ id: z.guid(), name: z.string() })),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Practitioner = z.output<typeof zPractitioner>;

export const zPractitionerList = z.object({ items: z.array(zPractitioner) });

const zLabelled = z.array(z.object({ code: z.string(), fr: z.string(), en: z.string() }));
export const zVocabulary = z.object({ professions: zLabelled, specialties: zLabelled });
