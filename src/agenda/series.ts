/** Expands a recurring-series rule into the instants of its sessions (pure, DST-correct). */
import { dateOfDayNumber, dayNumberOf, instantToLocal, localToInstant, weekdayOfDayNumber } from '../core/time/local-time.ts';

export interface SeriesRule {
  count: number;
  /** ISO weekdays of the sessions; with `times`, a wall time per weekday. */
  weekdays?: readonly number[];
  times?: Partial<Record<string, string>>;
  /** Or one session every N days. */
  intervalDays?: number;
}

/**
 * The first `rule.count` session starts at or after `start`, in `zone`. Every session keeps the local
 * wall time of `start` (or its weekday's time), so a weekly 10:00 stays 10:00 across a DST change.
 * Weekday mode takes the listed weekdays from the date of `start` on; interval mode starts at `start`.
 */
export function seriesStarts(zone: string, start: number, rule: SeriesRule): number[] {
  const first = instantToLocal(zone, start);
  const firstDay = dayNumberOf(first.date);
  const starts: number[] = [];
  if (rule.intervalDays !== undefined) {
    for (let k = 0; k < rule.count; k++) starts.push(localToInstant(zone, dateOfDayNumber(firstDay + k * rule.intervalDays), first.time));
    return starts;
  }
  const weekdays = new Set(rule.weekdays ?? [first.weekday]);
  // count ≤ a few dozen and at least one weekday a week: the loop is bounded by count weeks + 1.
  for (let day = firstDay; starts.length < rule.count && day <= firstDay + 7 * (rule.count + 1); day++) {
    const weekday = weekdayOfDayNumber(day);
    if (!weekdays.has(weekday)) continue;
    const s = localToInstant(zone, dateOfDayNumber(day), rule.times?.[String(weekday)] ?? first.time);
    if (s >= start) starts.push(s);
  }
  return starts;
}
