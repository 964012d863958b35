/**
 * Reading a practice's patient file exported from its former software: bytes in UTF-8 (with or without BOM)
 * or Windows-1252, `;` or `,` separated, French dates; columns mapped to patient fields (guessed from the
 * headers, or given). Pure: no I/O.
 */
import Papa from 'papaparse';
import { toE164 } from '../core/identifiers.ts';

export const IMPORT_FIELDS = ['birthName', 'firstGivenName', 'usualName', 'birthDate', 'sex', 'mobilePhone', 'email'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
/** Patient field → the file's column header. */
export type ColumnMapping = Partial<Record<ImportField, string>>;

/** UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), Windows-1252 otherwise (the usual French Excel export). */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(body), encoding: 'windows-1252' };
  }
}

export function parseCsv(text: string): { headers: string[]; rows: string[][]; delimiter: string } {
  const result = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy', delimitersToGuess: [';', ',', '\t'] });
  const [headers = [], ...rows] = result.data;
  return { headers: headers.map((h) => h.trim()), rows, delimiter: result.meta.delimiter };
}

const plain = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

const GUESSES: [ImportField, RegExp][] = [
  ['usualName', /^(nomdusage|nommarital|nomusuel)$/],
  ['birthName', /^(nom|nomdenaissance|nomnaissance|patronyme)$/],
  ['firstGivenName', /^(prenom|premierprenom|prenoms)$/],
  ['birthDate', /^(datedenaissance|datenaissance|naissance|ddn|nele|nee)$/],
  ['sex', /^(sexe|genre|civilite)$/],
  ['mobilePhone', /^(telephone|tel|portable|mobile|telportable|telephoneportable)$/],
  ['email', /^(email|mail|courriel|adressemail)$/],
];

/** The mapping read from the headers' usual French names. */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const out: ColumnMapping = {};
  for (const h of headers) {
    const match = GUESSES.find(([field, re]) => re.test(plain(h)) && !out[field]);
    if (match) out[match[0]] = h;
  }
  return out;
}

/** "12/03/1985", "12-03-1985", "12.03.85" (19xx/20xx by the current year) or "1985-03-12" → "1985-03-12"; null when unreadable. */
export function frenchDate(value: string, currentYear: number): string | null {
  const v = value.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  let [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  if (!m) {
    m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(v);
    if (!m) return null;
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (m[3]!.length === 2) y += y + 2000 > currentYear ? 1900 : 2000;
  }
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

export function frenchSex(value: string): 'F' | 'M' | 'I' | null {
  const v = plain(value);
  if (['f', 'femme', 'mme', 'madame', 'mlle', 'mademoiselle'].includes(v)) return 'F';
  if (['m', 'h', 'homme', 'mr', 'monsieur'].includes(v)) return 'M';
  if (['i', 'indetermine', 'autre'].includes(v)) return 'I';
  return null;
}

export interface RowProblem {
  field: ImportField;
  message: string;
}

/** One row turned into a patient's fields (what the patients API accepts), or the problems that prevent it. */
export function rowToPatient(
  headers: readonly string[],
  row: readonly string[],
  mapping: ColumnMapping,
  currentYear: number,
): { values: Record<string, unknown>; problems: RowProblem[] } {
  const cell = (f: ImportField) => {
    const column = mapping[f];
    const i = column === undefined ? -1 : headers.indexOf(column);
    return i < 0 ? '' : (row[i] ?? '').trim();
  };
  const problems: RowProblem[] = [];
  const values: Record<string, unknown> = { birthName: cell('birthName'), firstGivenName: cell('firstGivenName') };
  const usual = cell('usualName');
  if (usual) values['usualName'] = usual;
  const birth = frenchDate(cell('birthDate'), currentYear);
  if (birth) values['birthDate'] = birth;
  else problems.push({ field: 'birthDate', message: 'Date de naissance illisible (JJ/MM/AAAA) / unreadable birth date' });
  const sex = frenchSex(cell('sex'));
  if (sex) values['sex'] = sex;
  else problems.push({ field: 'sex', message: 'Sexe attendu : F, M (ou Mme, M.) / sex expected' });
  const phone = cell('mobilePhone');
  if (phone) {
    const e164 = toE164(phone);
    if (e164) values['mobilePhone'] = e164;
    else problems.push({ field: 'mobilePhone', message: 'Numéro de téléphone invalide / invalid phone number' });
  }
  const email = cell('email');
  if (email) values['email'] = email;
  return { values, problems };
}
