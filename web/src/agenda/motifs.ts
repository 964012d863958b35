/**
 * The practice's motifs grouped by label across its practitioners ("Consultation" of Dr Lefèvre and of
 * Dr Nguyen are one choice for the agent), and the patient's last and next appointments. Pure.
 */
import { searchKey } from '../../../src/core/text.ts';

export interface MotifLike {
  id: string;
  practitionerId: string;
  label: string;
  durationMinutes: number;
  colour: string;
  active: boolean;
}

export interface MotifGroup {
  /** The label's search key: the same for "Première consultation" and "premiere  consultation". */
  key: string;
  /** The label as the first practitioner wrote it. */
  label: string;
  colour: string;
  /** Distinct durations among the practitioners, ascending. */
  durations: number[];
  motifIds: string[];
  /** practitionerId → his motif of this label. */
  byPractitioner: Record<string, string>;
}

/** Active motifs grouped by label, in the order they first appear (practitioners' order, then each one's). */
export function groupMotifs(motifs: readonly MotifLike[]): MotifGroup[] {
  const groups = new Map<string, MotifGroup>();
  for (const m of motifs) {
    if (!m.active) continue;
    const key = searchKey(m.label);
    let g = groups.get(key);
    if (!g) {
      g = { key, label: m.label, colour: m.colour, durations: [], motifIds: [], byPractitioner: {} };
      groups.set(key, g);
    }
    if (g.byPractitioner[m.practitionerId] !== undefined) continue;
    g.byPractitioner[m.practitionerId] = m.id;
    g.motifIds.push(m.id);
    if (!g.durations.includes(m.durationMinutes)) g.durations.push(m.durationMinutes);
  }
  for (const g of groups.values()) g.durations.sort((a, b) => a - b);
  return [...groups.values()];
}

/** The group a motif id belongs to. */
export function groupOfMotif(groups: readonly MotifGroup[], motifId: string): MotifGroup | undefined {
  return groups.find((g) => g.motifIds.includes(motifId));
}

export interface Dated {
  start: string;
  status: string;
}

/** The latest appointment that has begun (not cancelled) and the first booked one still to come. */
export function lastAndNext<T extends Dated>(items: readonly T[], now: number): { last: T | null; next: T | null } {
  let last: T | null = null;
  let next: T | null = null;
  for (const a of items) {
    if (a.status === 'cancelled') continue;
    const start = Date.parse(a.start);
    if (start <= now) {
      if (!last || start > Date.parse(last.start)) last = a;
    } else if (a.status === 'booked' && (!next || start < Date.parse(next.start))) next = a;
  }
  return { last, next };
}
