/** Dates and times as patients read them, in the practice's time zone (Intl with the zone). Pure. */
export type Locale = 'fr' | 'en';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, zone: string, kind: 'day' | 'time' | 'year'): Intl.DateTimeFormat {
  const key = `${locale}|${zone}|${kind}`;
  let f = formatters.get(key);
  if (!f) {
    const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
    f =
      kind === 'day'
        ? new Intl.DateTimeFormat(tag, { timeZone: zone, weekday: 'long', day: 'numeric', month: 'long' })
        : kind === 'year'
          ? new Intl.DateTimeFormat(tag, { timeZone: zone, year: 'numeric' })
          : new Intl.DateTimeFormat(tag, { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(key, f);
  }
  return f;
}

/** How dates are read: in this language, in the practice's zone, as of `now` (epoch ms). */
export interface Reading {
  locale: Locale;
  zone: string;
  now: number;
}

/** "lundi 30 mars" / "Monday 30 March" (with the year when it is not the year of `now`). */
export function formatDay({ locale, zone, now }: Reading, instant: number): string {
  const day = formatter(locale, zone, 'day').format(instant);
  const year = formatter(locale, zone, 'year').format(instant);
  return year === formatter(locale, zone, 'year').format(now) ? day : `${day} ${year}`;
}

/** "09h05" / "09:05". */
export function formatTime(locale: Locale, zone: string, instant: number): string {
  const t = formatter(locale, zone, 'time').format(instant);
  return locale === 'fr' ? t.replace(':', 'h') : t;
}

/** "lundi 30 mars à 09h05" / "Monday 30 March at 09:05". */
export function formatWhen(r: Reading, instant: number): string {
  const { locale, zone } = r;
  return `${formatDay(r, instant)} ${locale === 'fr' ? 'à' : 'at'} ${formatTime(locale, zone, instant)}`;
}
