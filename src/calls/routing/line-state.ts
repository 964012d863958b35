/**
 * Is a practice's line answered at an instant? Service hours are local wall-time ranges [start, end) in
 * the practice's time zone (DST-correct through core/time); the region's public holidays close the line
 * unless the practice's contract covers them. Pure: holidays come from date-holidays' tables, no I/O.
 *
 * A practice with no service hours at all has not configured them: its line is always answered.
 */
import { instantToLocal } from '../../core/time/local-time.ts';
import { publicHolidaysOfYear } from '../../core/time/holidays.ts';
import type { Region } from '../../core/time/regions.ts';
import { minutesOf, WEEKDAYS, type ServiceHours } from '../../practices/service-hours.ts';

export interface LineRules {
  serviceHours: ServiceHours;
  timeZone: string;
  region: Region;
  /** Extended hours by contract: public holidays follow the weekday's service hours. */
  openOnPublicHolidays: boolean;
}

export type LineState = { open: true } | { open: false; reason: 'hours' | 'holiday' };

export function lineState(rules: LineRules, instant: number): LineState {
  const days = WEEKDAYS.map((d) => rules.serviceHours[d] ?? []);
  if (days.every((ranges) => ranges.length === 0)) return { open: true };
  const local = instantToLocal(rules.timeZone, instant);
  if (!rules.openOnPublicHolidays && publicHolidaysOfYear(rules.region, Number(local.date.slice(0, 4))).includes(local.date)) {
    return { open: false, reason: 'holiday' };
  }
  const ranges = days[local.weekday - 1] ?? [];
  const inside = ranges.some(([start, end]) => local.minutes >= minutesOf(start) && local.minutes < (end === '24:00' ? 1440 : minutesOf(end)));
  return inside ? { open: true } : { open: false, reason: 'hours' };
}
