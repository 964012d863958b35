/**
 * The value report that comes with an invoice: what the secretariat did for the client this month,
 * compared with last month, and the invoice's units reconciled line by line. Pure: figures in, report out.
 */
import type { Band } from './bands.ts';

export interface MonthFigures {
  received: number;
  answered: number;
  abandoned: number;
  shortAbandoned: number;
  overflowed: number;
  closed: number;
  voicemails: number;
  averageWaitSeconds: number | null;
  afterHours: number;
  appointmentsBooked: number;
  appointmentsMoved: number;
  appointmentsCancelled: number;
  messages: number;
  sms: number;
  waitlistRefills: number;
}

export interface ReconciledLine {
  position: number;
  label: string;
  invoiced: number;
  /** Units the log gives today for the same line (null for lines that count no units). */
  recomputed: number | null;
  matches: boolean;
}

export interface ValueReport {
  month: string;
  previousMonth: string;
  current: MonthFigures;
  previous: MonthFigures;
  lines: ReconciledLine[];
  rules: string[];
}

export const RULES = [
  'Appels reçus : appels entrés en file d’attente (hors appels de formation).',
  'Abandons courts : l’appelant a raccroché en moins de 5 secondes ; ils ne comptent ni comme reçus traités ni comme abandons.',
  'Appels facturables : appels décrochés par une secrétaire, au jour et à l’heure de leur arrivée dans le fuseau du cabinet.',
  'Hors heures : appels arrivés le soir, le samedi, le dimanche ou un jour férié de la région du cabinet, ou sur ligne fermée.',
  'Rendez-vous : pris par téléphone par le secrétariat dans le mois.',
];

export function previousMonthOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** Each line's invoiced units against those recomputed for the same line (key: code and label). */
export function reconcile(
  invoiced: readonly { position: number; key: string; label: string; units: number }[],
  recomputed: ReadonlyMap<string, number>,
): ReconciledLine[] {
  return invoiced.map((l) => {
    const again = recomputed.get(l.key) ?? null;
    const counts = l.units > 0 || (again ?? 0) > 0;
    return { position: l.position, label: l.label, invoiced: l.units, recomputed: counts ? (again ?? 0) : null, matches: !counts || again === l.units };
  });
}

export type { Band };
