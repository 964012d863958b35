/** How patients' names and dates are written on screen. Pure. */
import type { PatientSummary } from '../app/contracts.ts';

/** Birth name and first given name as the patient gave them, with the usual name when there is one. */
export function patientName(p: Pick<PatientSummary, 'birthName' | 'firstGivenName' | 'usualName'>): string {
  const base = `${p.birthName} ${p.firstGivenName}`;
  return p.usualName && p.usualName !== p.birthName ? `${p.usualName} (${base})` : base;
}

/** "1985-03-12" → "12/03/1985". */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return y && m && d ? `${d}/${m}/${y}` : iso;
}

/** Reads "12/03/1985", "12.03.1985", "12031985" or "1985-03-12" as an ISO date; null if it is not a real date. */
export function parseBirthDate(input: string): string | null {
  const text = input.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text) ?? null;
  let y: number, mo: number, d: number;
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else {
    const f = /^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})$/.exec(text) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(text);
    if (!f) return null;
    [d, mo, y] = [Number(f[1]), Number(f[2]), Number(f[3])];
  }
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
