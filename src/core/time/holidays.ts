/**
 * Public holidays (jours fériés) of a region as local dates, from date-holidays, cached per region and
 * year. Only `type === 'public'` days count: observances (Pentecôte Sunday, Fête des Mères) and
 * optional days do not close a practice.
 */
import Holidays from 'date-holidays';
import { REGIONS, type Region } from './regions.ts';

const perYear = new Map<string, readonly string[]>();
const calendars = new Map<Region, Holidays>();

function calendar(region: Region): Holidays {
  let hd = calendars.get(region);
  if (hd === undefined) {
    const codes: { country: string; state?: string } = REGIONS[region].holidays;
    hd = codes.state === undefined ? new Holidays(codes.country) : new Holidays(codes.country, codes.state);
    calendars.set(region, hd);
  }
  return hd;
}

/** The public holidays of one region and year, 'YYYY-MM-DD', sorted (cached). */
export function publicHolidaysOfYear(region: Region, year: number): readonly string[] {
  const key = `${region}:${year}`;
  let dates = perYear.get(key);
  if (dates === undefined) {
    const found = new Set<string>();
    for (const h of calendar(region).getHolidays(year)) {
      // `date` is the local start, 'YYYY-MM-DD hh:mm:ss'.
      if (h.type === 'public') found.add(h.date.slice(0, 10));
    }
    dates = [...found].sort();
    perYear.set(key, dates);
  }
  return dates;
}

/** The public holidays of a region from `fromYear` to `toYear` inclusive, as local dates 'YYYY-MM-DD'. */
export function publicHolidays(region: Region, fromYear: number, toYear: number): Set<string> {
  const out = new Set<string>();
  for (let year = fromYear; year <= toYear; year++) for (const date of publicHolidaysOfYear(region, year)) out.add(date);
  return out;
}
