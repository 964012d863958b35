/** The shapes /api/patients accepts and answers. */
import { z } from 'zod';
import { zE164, zPhoneE164 } from '../core/identifiers.ts';
import { systemClock } from '../core/time/clock.ts';

export const BIRTH_DATE_MIN = '1900-01-01';

/** A uuid compared with the scope's ids, which the database writes in lower case. */
const zId = z.uuid().transform((id) => id.toLowerCase());

/** Today's date where it is already latest (UTC+14), so a birth today counts wherever the practice is. */
export function latestToday(now: Date = systemClock.now()): string {
  return new Date(now.getTime() + 14 * 3600_000).toISOString().slice(0, 10);
}

// INS names: letters (accents included), separated by single spaces, hyphens or apostrophes.
const NAME = /^[\p{L}\p{M}]+(?:(?:[ '’-]|\. ?)[\p{L}\p{M}]+)*\.?$/u;
const NAME_MESSAGE = 'Lettres, espaces, tirets et apostrophes seulement / letters, spaces, hyphens and apostrophes only';

const zName = (max: number) => z.string().trim().min(1).max(max).regex(NAME, { message: NAME_MESSAGE });

const zBirthDate = z.iso
  .date({ message: 'Date attendue au format AAAA-MM-JJ / date expected as YYYY-MM-DD' })
  .refine((d) => d >= BIRTH_DATE_MIN, { message: 'Date de naissance antérieure à 1900 / birth date before 1900' })
  .refine((d) => d <= latestToday(), { message: 'Date de naissance dans le futur / birth date in the future' })
  .meta({ examples: ['1985-03-12'] });

/** INSEE commune code: 5 digits, 2A/2B for Corsica, 99xxx for a country abroad. */
const zInsee = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^(?:\d{5}|2[AB]\d{3})$/, { message: 'Code INSEE : 5 caractères (2A/2B pour la Corse, 99… à l’étranger) / INSEE code' })
  .meta({ examples: ['75056', '2A004', '99134'] });

export const SEXES = ['F', 'M', 'I'] as const;
export const IDENTITY_STATUSES = ['provisional', 'qualified'] as const;

const zEmail = z.string().trim().toLowerCase().pipe(z.email().max(254));

const zAddress = z.strictObject({
  line: z.string().trim().min(1).max(200).nullish(),
  postalCode: z
    .string()
    .trim()
    .regex(/^\d{5}$/, { message: 'Code postal : 5 chiffres / postal code: 5 digits' }),
  city: z.string().trim().min(1).max(100),
});

const traits = {
  birthName: zName(100),
  firstGivenName: zName(60),
  givenNames: z.array(zName(60)).max(10),
  usualName: zName(100).nullable(),
  birthDate: zBirthDate,
  sex: z.enum(SEXES),
  birthPlaceInsee: zInsee.nullable(),
  identityStatus: z.enum(IDENTITY_STATUSES),
  mobilePhone: zPhoneE164.nullable(),
  email: zEmail.nullable(),
  address: zAddress.nullable(),
  note: z.string().max(2000).nullable(),
};

export const createPatientBody = z.strictObject({
  practiceId: zId,
  birthName: traits.birthName,
  firstGivenName: traits.firstGivenName,
  /** All given names in civil-status order; defaults to the first given name alone. */
  givenNames: traits.givenNames.optional(),
  usualName: traits.usualName.optional(),
  birthDate: traits.birthDate,
  sex: traits.sex,
  birthPlaceInsee: traits.birthPlaceInsee.optional(),
  /** Defaults to provisional; only a practitioner or an admin may set qualified. */
  identityStatus: traits.identityStatus.optional(),
  mobilePhone: traits.mobilePhone.optional(),
  email: traits.email.optional(),
  address: traits.address.optional(),
  note: traits.note.optional(),
  /** The caller checked that a patient with the same identity traits is another person (twins, namesakes). */
  confirmDifferentPerson: z.boolean().optional(),
});
export type CreatePatientInput = z.infer<typeof createPatientBody>;

export const updatePatientBody = z
  .strictObject({
    birthName: traits.birthName.optional(),
    firstGivenName: traits.firstGivenName.optional(),
    givenNames: traits.givenNames.optional(),
    usualName: traits.usualName.optional(),
    birthDate: traits.birthDate.optional(),
    sex: traits.sex.optional(),
    birthPlaceInsee: traits.birthPlaceInsee.optional(),
    identityStatus: traits.identityStatus.optional(),
    mobilePhone: traits.mobilePhone.optional(),
    email: traits.email.optional(),
    address: traits.address.optional(),
    note: traits.note.optional(),
    confirmDifferentPerson: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'confirmDifferentPerson'), { message: 'Aucun champ à modifier / nothing to change' });
export type UpdatePatientInput = z.infer<typeof updatePatientBody>;

export const patientIdParams = z.strictObject({ id: z.uuid() });

export const searchPatientsQuery = z.strictObject({
  /** Name(s), phone number or birth date, in any usual writing. */
  q: z
    .string()
    .max(200)
    .optional()
    .meta({ examples: ['lefevre', 'dupont marie', '06 12 34 56 78', '12/03/1985'] }),
  /** Limit to one practice of the caller's scope (default: the whole scope). */
  practiceId: zId.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type SearchPatientsInput = z.infer<typeof searchPatientsQuery>;

export const patientView = z.object({
  id: z.uuid(),
  practiceId: z.uuid(),
  birthName: z.string(),
  firstGivenName: z.string(),
  givenNames: z.array(z.string()),
  usualName: z.string().nullable(),
  birthDate: z.string(),
  sex: z.enum(SEXES),
  birthPlaceInsee: z.string().nullable(),
  identityStatus: z.enum(IDENTITY_STATUSES),
  mobilePhone: zE164.nullable(),
  email: z.string().nullable(),
  address: z.object({ line: z.string().nullable(), postalCode: z.string(), city: z.string() }).nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PatientView = z.infer<typeof patientView>;

/** What a search result shows: enough to recognise the caller, nothing more. */
export const patientSummary = patientView.pick({
  id: true,
  practiceId: true,
  birthName: true,
  usualName: true,
  firstGivenName: true,
  birthDate: true,
  sex: true,
  identityStatus: true,
  mobilePhone: true,
});
export type PatientSummary = z.infer<typeof patientSummary>;

export const patientSearchResult = z.object({
  items: z.array(patientSummary),
  /** More patients match than were returned: narrow the query. */
  hasMore: z.boolean(),
});
export type PatientSearchResult = z.infer<typeof patientSearchResult>;
