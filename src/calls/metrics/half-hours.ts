/**
 * Half-hour intervals of local time, DST-safe: a half-hour starts where the local wall clock reads
 * :00 or :30, so the autumn night has two half-hours labelled 02:00 (one at +02:00, one at +01:00) and
 * the spring night none labelled 02:00 or 02:30. Intervals are half-open [start, end). Pure.
 */
import { instantToLocal, offsetAt } from '../../core/time/local-time.ts';

const HALF_HOUR = 30 * 60_000;

/** The start of the local half-hour holding `instant`. */
export function halfHourStart(zone: string, instant: number): number {
  const wall = instant + offsetAt(zone, instant);
  return instant - (((wall % HALF_HOUR) + HALF_HOUR) % HALF_HOUR);
}

/** The local half-hours that meet [from, to), in order. */
export function halfHours(zone: string, from: number, to: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (let start = halfHourStart(zone, from); start < to;) {
    let end = halfHourStart(zone, start + HALF_HOUR);
    if (end <= start) end = start + HALF_HOUR;
    out.push({ start, end });
    start = end;
  }
  return out;
}

/** The local wall time of an instant with its offset, e.g. '2026-10-25T02:00+01:00'. */
export function localLabel(zone: string, instant: number): string {
  const local = instantToLocal(zone, instant);
  const offsetMinutes = Math.round(offsetAt(zone, instant) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local.date}T${local.time}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
