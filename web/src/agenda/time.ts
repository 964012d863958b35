/**
 * Dates and times of the agenda, always in the PRACTICE's time zone, never the browser's: an agent in
 * Antananarivo booking for a practice in Fort-de-France reads Fort-de-France times. Pure (Intl only).
 */
import { DAY_MS, dateOfDayNumber, dayNumberOf, instantToLocal, localDaysInterval, weekdayOfDayNumber } from '../../../src/core/time/local-time.ts';

export type AgendaLocale = 'fr' | 'en';
const INTL_LOCALE: Record<AgendaLocale, string> = { fr: 'fr-FR', en: 'en-GB' };
const MINUTE = 60_000;

/** A local date ('YYYY-MM-DD') moved by whole days. */
export function addDays(date: string, days: number): string {
  return dateOfDayNumber(dayNumberOf(date) + days);
}

/** Today's date in `zone`. */
export function todayIn(zone: string, now: number = Date.now()): string {
  return instantToLocal(zone, now).date;
}

/** ISO weekday (Monday = 1 … Sunday = 7) of a local date. */
export function weekdayOf(date: string): number {
  return weekdayOfDayNumber(dayNumberOf(date));
}

/** The Monday of the week holding `date`. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - weekdayOf(date));
}

/** The seven dates, Monday to Sunday, of the week holding `date`. */
export function weekDates(date: string): string[] {
  const monday = mondayOf(date);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** A local date's [00:00, next 00:00) as instants: 23 h on a spring-forward day, 25 h on an autumn one. */
export function dayBounds(zone: string, date: string): { start: number; end: number } {
  return localDaysInterval(zone, date, date);
}

/** Length in minutes of a local date in `zone` (1380, 1440 or 1500 around DST changes). */
export function dayLengthMinutes(zone: string, date: string): number {
  const { start, end } = dayBounds(zone, date);
  return (end - start) / MINUTE;
}

/** [first date 00:00, the 00:00 after the last date) as ISO instants, for the API's from/to. */
export function isoRange(zone: string, fromDate: string, toDate: string): { from: string; to: string } {
  const { start, end } = localDaysInterval(zone, fromDate, toDate);
  return { from: new Date(start).toISOString(), to: new Date(end).toISOString() };
}

/** The local date of an instant. */
export function localDateOfInstant(zone: string, instant: number): string {
  return instantToLocal(zone, instant).date;
}

/** 'HH:MM' of an instant in the zone. */
export function formatTime(instant: number, zone: string): string {
  return instantToLocal(zone, instant).time;
}

/**
 * Where an interval falls on one local date, as wall-clock minutes since 00:00, clipped to the day.
 * The agenda's axis is the wall clock (09:00 sits at the same height every day of a week), so an
 * interval crossing a DST change keeps at least its real length: 02:30 CEST → 02:30 CET on the autumn
 * day is one hour long, not zero. Null when the interval does not touch the date.
 */
export function wallSpan(zone: string, date: string, start: number, end: number): { start: number; end: number } | null {
  const day = dayBounds(zone, date);
  if (end <= day.start || start >= day.end) return null;
  const from = start <= day.start ? 0 : instantToLocal(zone, start).minutes;
  const to = end >= day.end ? 1440 : instantToLocal(zone, end).minutes;
  const real = (Math.min(end, day.end) - Math.max(start, day.start)) / MINUTE;
  return { start: from, end: Math.min(1440, Math.max(to, from + real)) };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: AgendaLocale, zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${zone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone: zone, ...options });
    formatters.set(key, f);
  }
  return f;
}

/** A local date read as noon UTC: formatting it in UTC gives back the same calendar date. */
const dateInstant = (date: string) => dayNumberOf(date) * DAY_MS + DAY_MS / 2;

/** "mardi 24 novembre" / "Tuesday 24 November"; the year is added when it is not the current one. */
export function dateInWords(date: string, locale: AgendaLocale, today?: string): string {
  const withYear = today !== undefined && today.slice(0, 4) !== date.slice(0, 4);
  return formatter(locale, 'UTC', { weekday: 'long', day: 'numeric', month: 'long', ...(withYear ? { year: 'numeric' } : {}) }).format(dateInstant(date));
}

/** "mar. 24 nov." / "Tue 24 Nov": a column header. */
export function shortDate(date: string, locale: AgendaLocale): string {
  return formatter(locale, 'UTC', { weekday: 'short', day: 'numeric', month: 'short' }).format(dateInstant(date));
}

/** "mar. 24" / "Tue 24": a week column's header. */
export function dayHeader(date: string, locale: AgendaLocale): string {
  return formatter(locale, 'UTC', { weekday: 'short', day: 'numeric' }).format(dateInstant(date));
}

/** "mardi 24 novembre à 09:15" / "Tuesday 24 November at 09:15", in the practice's zone. */
export function instantInWords(instant: number, zone: string, locale: AgendaLocale, now: number = Date.now()): string {
  const local = instantToLocal(zone, instant);
  const day = dateInWords(local.date, locale, todayIn(zone, now));
  return locale === 'fr' ? `${day} à ${local.time}` : `${day} at ${local.time}`;
}

/** The zone's abbreviation or offset at an instant ("UTC−4", "CET"), to say which clock the times follow. */
export function zoneLabel(zone: string, locale: AgendaLocale, instant: number = Date.now()): string {
  const part = formatter(locale, zone, { timeZoneName: 'short' })
    .formatToParts(instant)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? zone;
}
