/**
 * How busy a practice's line is at a local time, relative to an ordinary weekday hour (1.0): patients
 * call when the practice opens, most of all on Monday morning (8:30–10:30), little over lunch, steadily
 * in the afternoon, hardly at night. Shapes the Poisson arrivals of the simulator; pure.
 */
import { instantToLocal, type IsoWeekday } from '../../core/time/local-time.ts';

export type ProfileName = 'day' | 'flat';

/** [from minute, to minute, intensity] of a weekday, half-open ranges covering 0–1440. */
type Band = readonly [from: number, to: number, intensity: number];
const h = (hh: number, mm = 0) => hh * 60 + mm;

const WEEKDAY: readonly Band[] = [
  [h(0), h(7, 30), 0.02],
  [h(7, 30), h(8), 0.3],
  [h(8), h(8, 30), 0.9],
  [h(8, 30), h(10, 30), 1.8],
  [h(10, 30), h(12), 1.1],
  [h(12), h(14), 0.45],
  [h(14), h(17), 0.9],
  [h(17), h(19), 0.6],
  [h(19), h(21), 0.15],
  [h(21), h(24), 0.03],
];

const SATURDAY: readonly Band[] = [
  [h(0), h(8), 0.02],
  [h(8), h(12), 0.5],
  [h(12), h(24), 0.05],
];

const SUNDAY: readonly Band[] = [[h(0), h(24), 0.03]];

/** Monday's morning peak is the week's highest; Friday afternoon tails off. */
const MONDAY_PEAK = 1.5;

/** The highest intensity any local time reaches (for thinning). */
export const PEAK_INTENSITY = 1.8 * MONDAY_PEAK;

function bandValue(bands: readonly Band[], minute: number): number {
  for (const [from, to, value] of bands) if (minute >= from && minute < to) return value;
  return 0;
}

/** Relative call intensity at a local weekday and minute of the day (0–1439). */
export function intensityAtLocal(weekday: IsoWeekday, minute: number): number {
  if (weekday === 7) return bandValue(SUNDAY, minute);
  if (weekday === 6) return bandValue(SATURDAY, minute);
  const base = bandValue(WEEKDAY, minute);
  if (weekday === 1 && minute >= h(8, 30) && minute < h(10, 30)) return base * MONDAY_PEAK;
  if (weekday === 5 && minute >= h(14)) return base * 0.8;
  return base;
}

/** Relative intensity at an instant for a practice in `zone` ('flat' is 1 at all times). */
export function intensityAt(profile: ProfileName, zone: string, instant: number): number {
  if (profile === 'flat') return 1;
  const local = instantToLocal(zone, instant);
  return intensityAtLocal(local.weekday, local.minutes);
}
