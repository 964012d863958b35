/**
 * Validators for the identifiers of the French health and business world (SIREN, SIRET, RPPS, phone
 * numbers, regions, time zones), as pure functions and as zod schemas other features reuse.
 */
import { z } from 'zod';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { isTimeZone, REGION_CODES } from './time/regions.ts';

/** Luhn checksum over a string of digits: true when the sum is a multiple of 10. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** La Poste's SIREN: its thousands of establishments outgrew the Luhn key, so INSEE uses another rule for them. */
const LA_POSTE_SIREN = '356000000';

/** SIREN: the 9-digit company number, with a Luhn key. */
export function isSiren(value: string): boolean {
  return /^\d{9}$/.test(value) && luhnValid(value);
}

/** SIRET: 14 digits, the SIREN followed by the establishment's 5-digit NIC, Luhn over all 14 (La Poste: digit sum % 5). */
export function isSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false;
  const siren = value.slice(0, 9);
  if (siren === LA_POSTE_SIREN) {
    const sum = [...value].reduce((s, c) => s + Number(c), 0);
    return sum % 5 === 0;
  }
  return isSiren(siren) && luhnValid(value);
}

/** RPPS: the 11-digit national number of a health professional, whose last digit is a Luhn key. */
export function isRpps(value: string): boolean {
  return /^\d{11}$/.test(value) && luhnValid(value);
}

/** Strips the spaces, dots and dashes people type into numbers ("732 829 320" → "732829320"). */
export function compactDigits(value: string): string {
  return value.replace(/[\s.\-\u00a0]/g, '');
}

// National numbers ("0…") that belong to an overseas department even though they look French:
// Réunion/Mayotte 0262/0263/0269/0639/0692/0693, Guadeloupe (and Saint-Martin, Saint-Barthélemy)
// 0590/0690/0691, Guyane 0594/0694, Martinique 0596/0696/0697.
const OVERSEAS_PREFIX = /^0(26[239]|59[046]|639|69[0-7])/;
const OVERSEAS: CountryCode[] = ['RE', 'YT', 'GP', 'MQ', 'GF', 'MF', 'BL'];

/**
 * A phone number typed the French way (or in international form) as E.164, or null when it is not a
 * valid number. National numbers are read as metropolitan French, or as overseas when their prefix says so.
 */
export function toE164(input: string): string | null {
  const raw = input.trim();
  if (!raw || raw.length > 40 || !/^[+\d\s.()\-\u00a0]+$/.test(raw)) return null;
  const digits = compactDigits(raw).replace(/[()]/g, '');
  // An international number does not depend on the default country.
  if (raw.startsWith('+') || digits.startsWith('00')) return validE164(raw, 'FR');
  // An overseas prefix is never read as metropolitan (0269… is Mayotte, not Brittany).
  const countries: CountryCode[] = OVERSEAS_PREFIX.test(digits) ? OVERSEAS : ['FR'];
  for (const country of countries) {
    const e164 = validE164(raw, country);
    if (e164) return e164;
  }
  return null;
}

function validE164(raw: string, country: CountryCode): string | null {
  const parsed = parsePhoneNumberFromString(raw, country);
  return parsed?.isValid() ? parsed.number : null;
}

/** A digit string typed with optional separators, checked by `check` once compacted. */
function zDigits(check: (v: string) => boolean, message: string) {
  return z.string().max(40).transform(compactDigits).refine(check, { message });
}

/** SIREN: 9 digits, separators allowed on input, stored compact. */
export const zSiren = zDigits(isSiren, 'SIREN invalide (9 chiffres, clé de contrôle) / invalid SIREN');
/** SIRET: 14 digits, separators allowed on input, stored compact. */
export const zSiret = zDigits(isSiret, 'SIRET invalide (14 chiffres, clé de contrôle) / invalid SIRET');
/** RPPS: 11 digits with a Luhn key. */
export const zRpps = zDigits(isRpps, 'RPPS invalide (11 chiffres, clé de contrôle) / invalid RPPS');

/** A phone number in any usual writing, turned into E.164: "06 12 34 56 78" → "+33612345678". */
export const zPhoneE164 = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const e164 = toE164(value);
    if (!e164) {
      ctx.addIssue({ code: 'custom', message: 'Numéro de téléphone invalide / invalid phone number' });
      return z.NEVER;
    }
    return e164;
  })
  .meta({ examples: ['06 12 34 56 78', '+33612345678'] });

/** An E.164 number as Relais answers it (responses: not re-validated, the input side was). */
export const zE164 = z.string().meta({ description: 'E.164', examples: ['+33612345678'] });

/** An IANA time zone the runtime knows (Europe/Paris, America/Martinique, Indian/Reunion…). */
export const zTimeZone = z
  .string()
  .max(64)
  .refine(isTimeZone, { message: 'Fuseau horaire inconnu (IANA attendu) / unknown IANA time zone' })
  .meta({ examples: ['Europe/Paris'] });

/** The region that decides public holidays (a key of REGIONS). */
export const zRegion = z.enum(REGION_CODES);
