/**
 * Local wall time ↔ instant conversions for IANA zones, DST-correct both ways, with Intl as the only
 * source of truth and every offset cached: a zone's transitions are found once per year (Intl is
 * slow, ~µs per call) and a local day's conversion data once per zone and date.
 *
 * Disambiguation (Temporal's 'compatible'): a wall time in a spring-forward gap moves forward by the
 * gap's length (02:30 on 2026-03-29 in Europe/Paris → 03:30 CEST); a wall time that happens twice in
 * an autumn overlap takes the earlier instant (02:30 on 2026-10-25 → 02:30 CEST = 00:30 UTC).
 *
 * "Wall milliseconds" below = the local wall time read as if it were UTC (Date.UTC of its fields).
 */
/** ISO weekday: Monday = 1 … Sunday = 7. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const MINUTE = 60_000;
const HOUR = 3_600_000;
export const DAY_MS = 86_400_000;
/** No zone is further than this from UTC (Pacific/Kiritimati is +14:00). */
const MAX_OFFSET = 15 * HOUR;
const SAMPLE_STEP = 12 * HOUR;

/** A zone's offsets over the loaded years: `offsets[i]` (local − UTC, ms) holds from `starts[i]`. */
interface ZoneData {
  formatter: Intl.DateTimeFormat;
  years: Map<number, { starts: number[]; offsets: number[] }>;
  starts: number[];
  offsets: number[];
  /** Loaded years form one block; instants in [coveredFrom, coveredTo) need no loading. */
  coveredFrom: number;
  coveredTo: number;
  days: Map<number, LocalDay>;
}

/** One local date of a zone, with what it takes to convert its wall times quickly. */
export interface LocalDay {
  /** Days since 1970-01-01 of this local date. */
  dayNumber: number;
  date: string;
  weekday: IsoWeekday;
  /** Wall milliseconds of this date's 00:00. */
  wallStart: number;
  /** The single offset in force around this day (±15 h), or null when a transition is near. */
  offset: number | null;
}

const zones = new Map<string, ZoneData>();

function zoneData(zone: string): ZoneData {
  let data = zones.get(zone);
  if (data === undefined) {
    const formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    data = { formatter, years: new Map(), starts: [], offsets: [], coveredFrom: 0, coveredTo: 0, days: new Map() };
    zones.set(zone, data);
  }
  return data;
}

const FORMATTED = /^(\d+)\/(\d+)\/(\d+),? (\d+):(\d+):(\d+)$/;

/** The offset at an instant straight from Intl (uncached; resolution 1 s). */
function intlOffset(formatter: Intl.DateTimeFormat, instant: number): number {
  const t = Math.floor(instant / 1000) * 1000;
  // format() + a regex is ~3× faster than formatToParts(); fall back to the latter if the shape differs.
  const m = FORMATTED.exec(formatter.format(t));
  if (m !== null) {
    return Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6])) - t;
  }
  const f: Record<string, number> = {};
  for (const part of formatter.formatToParts(t)) {
    if (part.type !== 'literal') f[part.type] = Number(part.value);
  }
  const wall = Date.UTC(f['year'] ?? 0, (f['month'] ?? 1) - 1, f['day'] ?? 1, f['hour'] ?? 0, f['minute'] ?? 0, f['second'] ?? 0);
  return wall - t;
}

/** Finds a UTC year's transitions by sampling every 12 h and bisecting each change to the second. */
function loadYear(data: ZoneData, year: number): void {
  if (data.years.has(year)) return;
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const starts = [start];
  const offsets = [intlOffset(data.formatter, start)];
  let previousTime = start;
  let previousOffset = offsets[0] as number;
  // The last sample is the year's last second; a change after it shows as the next year's start.
  for (let k = 1; previousTime < end - 1000; k++) {
    const sample = Math.min(start + k * SAMPLE_STEP, end - 1000);
    const offset = intlOffset(data.formatter, sample);
    if (offset !== previousOffset) {
      let lo = previousTime;
      let hi = sample;
      while (hi - lo > 1000) {
        const mid = Math.floor((lo + hi) / 2000) * 1000;
        if (intlOffset(data.formatter, mid) === previousOffset) lo = mid;
        else hi = mid;
      }
      starts.push(hi);
      offsets.push(offset);
      previousOffset = offset;
    }
    previousTime = sample;
  }
  data.years.set(year, { starts, offsets });
  const sortedYears = [...data.years.keys()].sort((a, b) => a - b);
  data.starts = [];
  data.offsets = [];
  for (const y of sortedYears) {
    const entry = data.years.get(y);
    if (entry === undefined) continue;
    data.starts.push(...entry.starts);
    data.offsets.push(...entry.offsets);
  }
}

function utcYear(instant: number): number {
  return new Date(instant).getUTCFullYear();
}

/** Makes sure the offsets of every instant in [a, b] are loaded (years stay one contiguous block). */
function cover(data: ZoneData, a: number, b: number): void {
  if (a >= data.coveredFrom && b < data.coveredTo) return;
  let first = utcYear(a);
  let last = utcYear(b);
  if (data.years.size > 0) {
    first = Math.min(first, utcYear(data.coveredFrom));
    last = Math.max(last, utcYear(data.coveredTo) - 1);
  }
  for (let y = first; y <= last; y++) loadYear(data, y);
  data.coveredFrom = Date.UTC(first, 0, 1);
  data.coveredTo = Date.UTC(last + 1, 0, 1);
}

/** Index of the last segment starting at or before `instant` (−1 if none). */
function segmentAt(starts: readonly number[], instant: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid] as number) <= instant) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The zone's offset (local − UTC, in ms) at an instant. */
export function offsetAt(zone: string, instant: number): number {
  const data = zoneData(zone);
  cover(data, instant, instant);
  const i = segmentAt(data.starts, instant);
  return data.offsets[Math.max(i, 0)] as number;
}

/** The instant of a wall time (wall milliseconds), with the gap/overlap rule of this module. */
export function wallToInstant(zone: string, wall: number): number {
  const data = zoneData(zone);
  cover(data, wall - 2 * MAX_OFFSET, wall + 2 * MAX_OFFSET);
  const { starts, offsets } = data;
  const first = Math.max(segmentAt(starts, wall - 2 * MAX_OFFSET), 0);
  let last = first;
  while (last + 1 < starts.length && (starts[last + 1] as number) <= wall + 2 * MAX_OFFSET) last++;
  // Segments are in time order, so the first one that holds a matching instant holds the earliest.
  for (let i = first; i <= last; i++) {
    const candidate = wall - (offsets[i] as number);
    const segmentEnd = i + 1 < starts.length ? (starts[i + 1] as number) : Infinity;
    if (candidate >= (starts[i] as number) && candidate < segmentEnd) return candidate;
  }
  // A gap: the wall time is after the end of one segment (read with its offset) and before the
  // start of the next (read with the next one). Reading it with the earlier offset moves it forward.
  for (let i = first; i < last; i++) {
    const next = starts[i + 1] as number;
    if (wall - (offsets[i] as number) >= next && wall - (offsets[i + 1] as number) < next) return wall - (offsets[i] as number);
  }
  return wall - offsetAt(zone, wall);
}

/** Parsed dates (rules and holidays name the same few hundred dates again and again). */
const dayNumbers = new Map<string, number>();
/** Parsed times: at most 1441 valid ones, malformed ones are never stored. */
const times = new Map<string, number>();

/** Days since 1970-01-01 of a date 'YYYY-MM-DD'; throws a RangeError on a malformed or impossible date. */
export function dayNumberOf(date: string): number {
  let day = dayNumbers.get(date);
  if (day === undefined) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    if (match === null) throw new RangeError(`not a date: ${date}`);
    const y = Number(match[1]);
    const m = Number(match[2]);
    const d = Number(match[3]);
    const ms = Date.UTC(y, m - 1, d);
    const check = new Date(ms);
    if (check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) throw new RangeError(`not a date: ${date}`);
    day = ms / DAY_MS;
    if (dayNumbers.size >= 100_000) dayNumbers.clear();
    dayNumbers.set(date, day);
  }
  return day;
}

/** 'YYYY-MM-DD' of a day number. */
export function dateOfDayNumber(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday (Monday = 1) of a day number; 1970-01-01 was a Thursday. */
export function weekdayOfDayNumber(dayNumber: number): IsoWeekday {
  return (((((dayNumber + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}

/** Conversion data of one local date, cached per zone. */
export function localDay(zone: string, dayNumber: number): LocalDay {
  const data = zoneData(zone);
  let day = data.days.get(dayNumber);
  if (day === undefined) {
    const wallStart = dayNumber * DAY_MS;
    cover(data, wallStart - 2 * MAX_OFFSET, wallStart + DAY_MS + 2 * MAX_OFFSET);
    const a = Math.max(segmentAt(data.starts, wallStart - 2 * MAX_OFFSET), 0);
    const b = Math.max(segmentAt(data.starts, wallStart + DAY_MS + 2 * MAX_OFFSET), 0);
    let offset: number | null = data.offsets[a] as number;
    for (let i = a + 1; i <= b; i++) if (data.offsets[i] !== offset) offset = null;
    day = { dayNumber, date: dateOfDayNumber(dayNumber), weekday: weekdayOfDayNumber(dayNumber), wallStart, offset };
    data.days.set(dayNumber, day);
  }
  return day;
}

/** The instant of `minutes` after local midnight on a local day (0–1440; 1440 = next midnight). */
export function dayMinuteToInstant(zone: string, day: LocalDay, minutes: number): number {
  const wall = day.wallStart + minutes * MINUTE;
  return day.offset !== null ? wall - day.offset : wallToInstant(zone, wall);
}

/** Minutes since 00:00 of 'HH:MM' (00:00–24:00); throws a RangeError otherwise. */
export function minutesOfTime(time: string): number {
  let minutes = times.get(time);
  if (minutes === undefined) {
    const match = /^(\d{2}):(\d{2})$/.exec(time);
    const h = Number(match?.[1]);
    const m = Number(match?.[2]);
    if (match === null || h > 24 || m > 59 || (h === 24 && m !== 0)) throw new RangeError(`not a time: ${time}`);
    minutes = h * 60 + m;
    times.set(time, minutes);
  }
  return minutes;
}

/** Local date, wall time and weekday of an instant. */
export interface LocalDateTime {
  date: string;
  /** 'HH:MM' */
  time: string;
  /** Minutes since local midnight. */
  minutes: number;
  weekday: IsoWeekday;
  dayNumber: number;
}

/** The local date and wall time of an instant in a zone. */
export function instantToLocal(zone: string, instant: number): LocalDateTime {
  const wall = instant + offsetAt(zone, instant);
  const dayNumber = Math.floor(wall / DAY_MS);
  const minutes = Math.floor((wall - dayNumber * DAY_MS) / MINUTE);
  const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return { date: dateOfDayNumber(dayNumber), time, minutes, weekday: weekdayOfDayNumber(dayNumber), dayNumber };
}

/** The local date 'YYYY-MM-DD' of an instant in a zone. */
export function localDateOf(zone: string, instant: number): string {
  return dateOfDayNumber(Math.floor((instant + offsetAt(zone, instant)) / DAY_MS));
}

/** The instant of a local date and wall time ('HH:MM', '24:00' = next midnight), gap/overlap rule above. */
export function localToInstant(zone: string, date: string, time: string): number {
  return dayMinuteToInstant(zone, localDay(zone, dayNumberOf(date)), minutesOfTime(time));
}

/** The instants of the local dates `fromDate`..`toDate` inclusive: [their first 00:00, the 00:00 after the last). */
export function localDaysInterval(zone: string, fromDate: string, toDate: string): { start: number; end: number } {
  return {
    start: dayMinuteToInstant(zone, localDay(zone, dayNumberOf(fromDate)), 0),
    end: dayMinuteToInstant(zone, localDay(zone, dayNumberOf(toDate) + 1), 0),
  };
}
