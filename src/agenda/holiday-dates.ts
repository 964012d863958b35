/** The public holidays (local dates) of a set of regions over some years, cached per combination. */
import { publicHolidaysOfYear } from '../core/time/holidays.ts';
import { REGIONS, type Region } from '../core/time/regions.ts';

const combined = new Map<string, ReadonlySet<string>>();

/**
 * Union of the holidays of `regions` from `fromYear` to `toYear`; unknown regions add nothing. A
 * practitioner working in practices of two regions closes on the holidays of both (rare; an
 * exceptional range reopens a day).
 */
export function holidayDates(regions: readonly string[], fromYear: number, toYear: number): ReadonlySet<string> {
  const known = regions.filter((r): r is Region => r in REGIONS).sort();
  const key = `${known.join(',')}|${fromYear}|${toYear}`;
  let set = combined.get(key);
  if (!set) {
    const s = new Set<string>();
    for (const region of known) for (let y = fromYear; y <= toYear; y++) for (const d of publicHolidaysOfYear(region, y)) s.add(d);
    set = s;
    if (combined.size > 1000) combined.clear();
    combined.set(key, set);
  }
  return set;
}
