import { PractitionerSlots } from './practitioner-slots.ts';
import type { AgendaRules, FreeSlotsOptions, Interval, Motif, Slot } from './types.ts';

/**
 * The free slots of one practitioner for `motif` whose START lies in `[from, to)` (and not before
 * `opts.now`), in start order. `busy` must be sorted by start (overlaps allowed); a RangeError
 * reports unsorted input, a non-positive duration or step, or malformed rules.
 * See index.ts for the grid, holiday, urgent and DST semantics.
 */
export function freeSlots(rules: AgendaRules, busy: readonly Interval[], motif: Motif, from: number, to: number, opts: FreeSlotsOptions = {}): Slot[] {
  const stream = new PractitionerSlots(rules, busy, motif, { from, to, now: opts.now, includeUrgent: opts.includeUrgent });
  const out: Slot[] = [];
  for (let day = stream.nextDay(); day !== null; day = stream.nextDay()) {
    for (const slot of day) out.push(slot);
  }
  return out;
}
