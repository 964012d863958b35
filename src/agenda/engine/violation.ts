import { DAY_MS, dayMinuteToInstant, localDay, offsetAt } from '../../core/time/local-time.ts';
import { compileRules, openRanges } from './compile.ts';
import type { AgendaRules, Motif, RuleViolation, RuleViolationOptions } from './types.ts';

/**
 * Why booking `motif` at `start` breaks the rules, or null when `[start, start + duration)` lies
 * wholly inside one open range that accepts the motif (grid alignment is NOT required: an agent may
 * book 09:10 in a 09:00–12:00 range). Busy intervals are not checked here: the database's exclusion
 * constraint does that. Checked in this order:
 * 1. 'in_past': start < now;
 * 2. 'absence': the appointment overlaps an absence;
 * 3. (fits an open range that accepts the motif → null);
 * 4. 'holiday': the local date is a public holiday and no exceptional range opens that date;
 * 5. 'motif_not_accepted': an open range contains the appointment but does not accept the motif;
 * 6. 'outside_opening_hours': otherwise.
 * `force` waives 5 and 6 (an agent forcing with a written reason), never 1, 2 or 4.
 * Urgent ranges count only with `includeUrgent` and on the local date of `now` (same-day booking).
 */
export function ruleViolation(rules: AgendaRules, motif: Motif, start: number, opts: RuleViolationOptions): RuleViolation | null {
  if (!Number.isInteger(motif.durationMinutes) || motif.durationMinutes <= 0) {
    throw new RangeError('motif duration must be a positive whole number of minutes');
  }
  if (start < opts.now) return 'in_past';
  const end = start + motif.durationMinutes * 60_000;
  const compiled = compileRules(rules);
  for (const a of compiled.absences) {
    if (a.start >= end) break;
    if (a.end > start) return 'absence';
  }
  const zone = rules.timeZone;
  const dayOf = (instant: number): number => Math.floor((instant + offsetAt(zone, instant)) / DAY_MS);
  const startDay = dayOf(start);
  const urgentDay = opts.includeUrgent === true ? dayOf(opts.now) : null;
  let otherMotifOnly = false;
  // The neighbouring dates matter only where a DST change falls at midnight.
  for (let dayNumber = startDay - 1; dayNumber <= startDay + 1; dayNumber++) {
    const day = localDay(zone, dayNumber);
    for (const r of openRanges(compiled, compiled.holidays, dayNumber, day.weekday)) {
      if (r.urgent && urgentDay !== dayNumber) continue;
      if (dayMinuteToInstant(zone, day, r.start) > start || dayMinuteToInstant(zone, day, r.end) < end) continue;
      if (r.accepts.includes(motif.id)) return null;
      otherMotifOnly = true;
    }
  }
  if (compiled.holidays.has(startDay) && !compiled.exceptional.has(startDay)) return 'holiday';
  if (opts.force === true) return null;
  return otherMotifOnly ? 'motif_not_accepted' : 'outside_opening_hours';
}
