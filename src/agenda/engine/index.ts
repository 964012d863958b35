/**
 * The availability engine: a pure module (no I/O, no clock) from a practitioner's agenda rules and
 * busy intervals to free slots. This file is its public surface; import only from here.
 *
 * Semantics, shared by every function:
 *
 * - Instants are epoch milliseconds; intervals are half-open `[start, end)`. Rules are local wall
 *   times in `rules.timeZone`, converted with Intl (offsets cached per zone and year).
 * - Opening ranges of a local date: its weekly ranges (matching ISO weekday, within validFrom..validTo
 *   inclusive) unless the date is in `rules.holidays`, plus its exceptional ranges (these open even on
 *   a holiday). A range is the interval of real instants `[instant(date, start), instant(date, end))`.
 * - Slot grid: from the range's start instant, every `rules.stepMinutes` (default: the motif's
 *   duration) of REAL time. A slot `[s, s + duration)` is offered when it lies wholly inside ONE range
 *   that accepts the motif, overlaps no busy interval and no absence, and `s >= now`. A slot offered by
 *   several ranges is returned once; it is `urgent` only when all ranges that offer it are urgent.
 * - Urgent ranges (créneaux d'urgence) are held back: their slots are offered only with
 *   `includeUrgent`, and then only on the local date of `now` (same-day booking); when `now` is not
 *   given, `includeUrgent` offers them on every date.
 * - DST: a wall time that does not exist (spring-forward gap, e.g. 02:30 on 2026-03-29 in
 *   Europe/Paris) moves forward by the gap's length (→ 03:30 CEST); a wall time that happens twice
 *   (autumn overlap, 02:30 on 2026-10-25) takes the EARLIER instant (the summer-time one). This is
 *   Temporal's 'compatible' disambiguation. So a range 01:00–04:00 lasts 2 real hours on the spring
 *   day and 4 on the autumn day, and its grid keeps stepping in real time (01:00, 01:30, 03:00, …).
 * - Inputs: `busy` lists must be sorted by start (overlaps allowed; a RangeError says when not);
 *   absences may come in any order. Rules objects are treated as immutable (compiled once, cached
 *   per object). Malformed rules ('25:00', end ≤ start, a bad date) throw a RangeError.
 * - Windows: `freeSlots` and `nextFreeSlots` return slots whose START lies in the window.
 * - Preferences (`nextFreeSlots`): morning = the slot's local start is before 12:00, afternoon =
 *   12:00 or later; weekdays and notBefore apply to the slot's local date.
 * - Cost: offsets come from per-zone tables built once per year from Intl; a query walks local
 *   days, and per day only its grid points, skipping past each appointment with a moving pointer.
 *   `nextFreeSlots` is lazy: a k-way merge (heap) of per-practitioner day-by-day streams computes a
 *   day only when it could hold the next slot, and stops at `limit`.
 */
export type {
  AgendaInput,
  AgendaRules,
  ExceptionalRange,
  FreeSlotsOptions,
  Interval,
  IsoWeekday,
  Motif,
  NextFreeSlotsOptions,
  PartOfDay,
  RuleViolation,
  RuleViolationOptions,
  Slot,
  WeeklyRange,
} from './types.ts';
export { freeSlots } from './free-slots.ts';
export { nextFreeSlots } from './next-slots.ts';
export { ruleViolation } from './violation.ts';
/** Conversions the callers need at the edges (query parameters given as local dates). */
export { instantToLocal, localDateOf, localDaysInterval, localToInstant } from '../../core/time/local-time.ts';
