/**
 * The time band of a call for surcharges, in the practice's own zone and region: public holiday of the
 * region, Sunday, Saturday, weekday evening (from `eveningFrom` to midnight and from midnight to
 * `morningUntil`), or none. Local wall time, so DST changes move nothing. Pure.
 */
import { publicHolidaysOfYear } from '../core/time/holidays.ts';
import { instantToLocal, minutesOfTime } from '../core/time/local-time.ts';
import type { Region } from '../core/time/regions.ts';

export type Band = 'holiday' | 'sunday' | 'saturday' | 'evening';
export const BANDS: readonly Band[] = ['holiday', 'sunday', 'saturday', 'evening'];

export interface Place {
  zone: string;
  region: Region;
}

export function bandOf(at: number, place: Place, evening: { eveningFrom: string; morningUntil: string }): Band | null {
  const local = instantToLocal(place.zone, at);
  if (publicHolidaysOfYear(place.region, Number(local.date.slice(0, 4))).includes(local.date)) return 'holiday';
  if (local.weekday === 7) return 'sunday';
  if (local.weekday === 6) return 'saturday';
  if (local.minutes >= minutesOfTime(evening.eveningFrom) || local.minutes < minutesOfTime(evening.morningUntil)) return 'evening';
  return null;
}
