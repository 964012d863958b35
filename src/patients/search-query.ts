/**
 * Turns what an agent types in the patient search box into criteria. Pure.
 * "Lefèvre marie" → name tokens; "06 12 34 56 78", "+33612345678" → a phone; "12/03/1985", "1985-03-12",
 * "12031985" → a birth date; tokens can be mixed ("dupont 12/03/1985").
 */
import { searchKey } from '../core/text.ts';
import { toE164 } from '../core/identifiers.ts';

export interface SearchCriteria {
  /** Lower-case, unaccented words; each must start a word of the patient's names. */
  nameTokens: string[];
  /** The birth date must be one of these (several when a two-digit year is ambiguous); empty = any. */
  birthDates: string[];
  /** E.164 mobile phone; null = any. */
  phone: string | null;
  /** The query can match nothing (an invalid date or phone was typed): skip the database. */
  impossible: boolean;
}

export const MAX_NAME_TOKENS = 6;

const PHONE_CHARS = /^[+(]?[0-9][0-9 .\-()/]*$/;
const PHONE_RUN = /(?:\+|\b)\d[\d .\-()]{7,}\d/g;

function digitCount(s: string): number {
  return s.replace(/\D/g, '').length;
}

function validDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * The dates a token stands for: [] when it is not shaped like a date, null when it is shaped like one but
 * is not a real date ("31/02/1985").
 */
export function parseDateToken(token: string, today: string): string[] | null | undefined {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(token);
  if (m) {
    const d = validDate(Number(m[1]), Number(m[2]), Number(m[3]));
    return d ? [d] : null;
  }
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(token) ?? /^(\d{2})(\d{2})(\d{4}|\d{2})$/.exec(token);
  if (m) {
    const day = Number(m[1]);
    const month = Number(m[2]);
    const yearText = m[3]!;
    if (yearText.length === 4) {
      const d = validDate(Number(yearText), month, day);
      if (d) return [d];
      // "19850312": year first, without separators.
      const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(token);
      const ymd = compact ? validDate(Number(compact[1]), Number(compact[2]), Number(compact[3])) : null;
      return ymd ? [ymd] : null;
    }
    // Two-digit year: the agent means the last century or this one, never the future.
    const yy = Number(yearText);
    const dates = [1900 + yy, 2000 + yy].map((y) => validDate(y, month, day)).filter((d): d is string => d !== null && d <= today);
    return dates.length ? dates : null;
  }
  return undefined;
}

function intersect(current: string[] | null, next: string[]): string[] {
  return current === null ? next : current.filter((d) => next.includes(d));
}

/** today: the current date as YYYY-MM-DD (dates after it are not birth dates). */
export function parseSearchQuery(q: string, today: string): SearchCriteria {
  const text = q.trim();
  const criteria: SearchCriteria = { nameTokens: [], birthDates: [], phone: null, impossible: false };
  if (!text) return criteria;

  // The whole query is a phone number, spaces and all ("06 12 34 56 78").
  if (PHONE_CHARS.test(text) && digitCount(text) >= 9 && parseDateToken(text.replace(/\s+/g, ''), today) === undefined) {
    criteria.phone = toE164(text);
    criteria.impossible = criteria.phone === null;
    return criteria;
  }

  // A phone number typed with spaces among names ("dupont 06 12 34 56 78").
  let rest = text;
  for (const run of text.match(PHONE_RUN) ?? []) {
    const phone = digitCount(run) >= 9 ? toE164(run) : null;
    if (phone === null) continue;
    if (criteria.phone !== null && criteria.phone !== phone) criteria.impossible = true;
    criteria.phone = phone;
    rest = rest.replace(run, ' ');
  }

  let dates: string[] | null = null;
  for (const token of rest.trim().split(/\s+/)) {
    if (!token) continue;
    const asDate = parseDateToken(token, today);
    if (asDate !== undefined) {
      dates = intersect(dates, asDate ?? []);
      continue;
    }
    if (PHONE_CHARS.test(token) && digitCount(token) >= 9) {
      const phone = toE164(token);
      if (phone === null || (criteria.phone !== null && criteria.phone !== phone)) criteria.impossible = true;
      criteria.phone = phone;
      continue;
    }
    for (const word of searchKey(token).split(' ')) {
      if (word && !criteria.nameTokens.includes(word) && criteria.nameTokens.length < MAX_NAME_TOKENS) criteria.nameTokens.push(word);
    }
  }
  if (dates !== null) {
    criteria.birthDates = dates;
    if (dates.length === 0) criteria.impossible = true;
  }
  return criteria;
}

/** True when the query asks for nothing in particular (list the scope). */
export function isEmptyQuery(c: SearchCriteria): boolean {
  return !c.impossible && c.nameTokens.length === 0 && c.birthDates.length === 0 && c.phone === null;
}
