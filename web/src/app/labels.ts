/** Labels of the server's stable codes (professions, specialties, regions), shared with the server: pure data. */
import { PROFESSIONS, SPECIALTIES } from '../../../src/practitioners/professions.ts';
import { REGIONS } from '../../../src/core/time/regions.ts';
import type { Locale } from './messages.ts';

export function professionLabel(code: string, locale: Locale): string {
  return code in PROFESSIONS ? PROFESSIONS[code as keyof typeof PROFESSIONS][locale] : code;
}

export function specialtyLabel(code: string | null, locale: Locale): string | null {
  if (code === null) return null;
  return code in SPECIALTIES ? SPECIALTIES[code as keyof typeof SPECIALTIES][locale] : code;
}

export function regionLabel(code: string): string {
  return code in REGIONS ? REGIONS[code as keyof typeof REGIONS].label : code;
}
