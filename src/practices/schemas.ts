/** Request and response schemas of /api/practices. */
import { z } from 'zod';
import { zE164, zPhoneE164, zRegion, zSiren, zSiret, zTimeZone } from '../core/identifiers.ts';
import { zServiceHours, zServiceHoursInput } from './service-hours.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v ? v : null));

export const zPracticeId = z.object({ id: z.guid() });

// ---- requests ----

export const zSiteInput = z
  .strictObject({
    /** Present to keep (and update) an existing site; absent for a new one. */
    id: z.guid().optional(),
    label: text(120),
    addressLine: text(300),
    postalCode: z
      .string()
      .trim()
      .regex(/^\d{5}$/, 'Code postal à 5 chiffres / 5-digit postal code'),
    city: text(120),
    floor: optionalText(120),
    digicode: optionalText(60),
    parking: optionalText(500),
    transport: optionalText(500),
    accessNotes: optionalText(2000),
    latitude: z.number().min(-90).max(90).nullable().optional(),
    longitude: z.number().min(-180).max(180).nullable().optional(),
  })
  .superRefine((s, ctx) => {
    if ((s.latitude == null) !== (s.longitude == null)) {
      ctx.addIssue({
        code: 'custom',
        path: [s.latitude == null ? 'latitude' : 'longitude'],
        message: 'Latitude et longitude vont ensemble / latitude and longitude go together',
      });
    }
  });
export type SiteInput = z.output<typeof zSiteInput>;

export const zNumberInput = z.strictObject({
  e164: zPhoneE164,
  label: optionalText(120),
});
export type NumberInput = z.output<typeof zNumberInput>;

const zSites = (min: number) =>
  z
    .array(zSiteInput)
    .min(min)
    .max(20)
    .superRefine((sites, ctx) => {
      const seen = new Set<string>();
      sites.forEach((s, i) => {
        if (!s.id) return;
        if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'Site en double / duplicate site' });
        seen.add(s.id);
      });
    });

export const zNumbers = z
  .array(zNumberInput)
  .max(50)
  .superRefine((numbers, ctx) => {
    const seen = new Set<string>();
    numbers.forEach((n, i) => {
      if (seen.has(n.e164)) ctx.addIssue({ code: 'custom', path: [i, 'e164'], message: 'Numéro en double / duplicate number' });
      seen.add(n.e164);
    });
  });

const sirenMatchesSiret = (p: { siren?: string; siret?: string | null }) => !p.siret || !p.siren || p.siret.startsWith(p.siren);
const siretIssue = { path: ['siret'], message: 'Le SIRET doit commencer par le SIREN / the SIRET must start with the SIREN' };

export const zPracticeCreate = z
  .strictObject({
    name: text(200),
    legalName: text(200),
    siren: zSiren,
    siret: zSiret.nullable().optional(),
    region: zRegion,
    /** Defaults to the region's time zone. */
    timeZone: zTimeZone.optional(),
    serviceHours: zServiceHoursInput.optional(),
    phone: zPhoneE164.nullable().optional(),
    email: z.email().max(320).nullable().optional(),
    sites: zSites(1),
    numbers: zNumbers.optional(),
  })
  .refine(sirenMatchesSiret, siretIssue);
export type PracticeCreate = z.output<typeof zPracticeCreate>;

export const zPracticePatch = z
  .strictObject({
    name: text(200).optional(),
    legalName: text(200).optional(),
    siren: zSiren.optional(),
    siret: zSiret.nullable().optional(),
    region: zRegion.optional(),
    timeZone: zTimeZone.optional(),
    serviceHours: zServiceHoursInput.optional(),
    phone: zPhoneE164.nullable().optional(),
    email: z.email().max(320).nullable().optional(),
  })
  .refine(sirenMatchesSiret, siretIssue);
export type PracticePatch = z.output<typeof zPracticePatch>;

export const zSitesPut = z.strictObject({ sites: zSites(1) });
export const zNumbersPut = z.strictObject({ numbers: zNumbers });

export const zPracticeListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type PracticeListQuery = z.output<typeof zPracticeListQuery>;

export const zByNumberParams = z.object({ e164: zPhoneE164 });

// ---- responses ----

export const zSite = z.object({
  id: z.guid(),
  label: z.string(),
  addressLine: z.string(),
  postalCode: z.string(),
  city: z.string(),
  floor: z.string().nullable(),
  digicode: z.string().nullable(),
  parking: z.string().nullable(),
  transport: z.string().nullable(),
  accessNotes: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
});

export const zPracticeNumber = z.object({ e164: zE164, label: z.string().nullable() });

export const zPracticePractitioner = z.object({
  id: z.guid(),
  title: z.string().nullable(),
  firstName: z.string(),
  lastName: z.string(),
  profession: z.string(),
  specialty: z.string().nullable(),
});

export const zPracticeSummary = z.object({
  id: z.guid(),
  name: z.string(),
  legalName: z.string(),
  region: z.string(),
  timeZone: z.string(),
  city: z.string().nullable(),
});
export type PracticeSummary = z.output<typeof zPracticeSummary>;

export const zPracticeList = z.object({ items: z.array(zPracticeSummary) });

export const zPracticeFile = z.object({
  id: z.guid(),
  name: z.string(),
  legalName: z.string(),
  siren: z.string(),
  siret: z.string().nullable(),
  region: z.string(),
  timeZone: z.string(),
  serviceHours: zServiceHours,
  phone: z.string().nullable(),
  email: z.string().nullable(),
  sites: z.array(zSite),
  numbers: z.array(zPracticeNumber),
  practitioners: z.array(zPracticePractitioner),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type PracticeFile = z.output<typeof zPracticeFile>;
