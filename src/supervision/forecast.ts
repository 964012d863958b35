/**
 * Call forecast per local half-hour of a day, from the call history. Pure.
 *
 * - Calls: the same weekday and half-hour over the last `weeks` weeks, weighted toward recent ones
 *   (weight decay^k for the k-th most recent), public holidays left out of the history (not representative)
 *   and forecast as closed (0 calls).
 * - The day after a public holiday carries its backlog like a Monday: its morning half-hours are scaled by
 *   the history's Monday-morning ratio (Monday mornings over the other weekdays' mornings).
 * - Handle time: the same weights over handled calls (total handle time / handled calls), else the overall mean.
 */
import { dateOfDayNumber, dayNumberOf, weekdayOfDayNumber } from '../core/time/local-time.ts';

export const SLOTS = 48;
const MORNING_END = 24; // 12:00

/** One local half-hour of history for one practice. */
export interface HistoryCell {
  date: string;
  /** 0–47: local half-hour of the day. */
  slot: number;
  calls: number;
  handled: number;
  handleSeconds: number;
}

export interface ForecastSlot {
  slot: number;
  calls: number;
  ahtSeconds: number | null;
}

export interface ForecastOptions {
  weeks?: number;
  decay?: number;
  /** Local dates the practice is closed (public holidays of its region). */
  holidays: ReadonlySet<string>;
}

/** History indexed by date, then slot. */
export function indexHistory(cells: readonly HistoryCell[]): Map<string, HistoryCell[]> {
  const byDate = new Map<string, HistoryCell[]>();
  for (const c of cells) {
    let day = byDate.get(c.date);
    if (day === undefined) byDate.set(c.date, (day = []));
    day.push(c);
  }
  return byDate;
}

function totalsBySlot(cells: readonly HistoryCell[] | undefined): { calls: number[]; handled: number[]; handle: number[] } {
  const calls = new Array<number>(SLOTS).fill(0);
  const handled = new Array<number>(SLOTS).fill(0);
  const handle = new Array<number>(SLOTS).fill(0);
  for (const c of cells ?? []) {
    calls[c.slot] = (calls[c.slot] ?? 0) + c.calls;
    handled[c.slot] = (handled[c.slot] ?? 0) + c.handled;
    handle[c.slot] = (handle[c.slot] ?? 0) + c.handleSeconds;
  }
  return { calls, handled, handle };
}

const morning = (calls: readonly number[]) => calls.slice(0, MORNING_END).reduce((s, x) => s + x, 0);

/** Monday mornings over the other weekdays' mornings in the history (1 when unknown). */
export function mondayMorningRatio(byDate: ReadonlyMap<string, HistoryCell[]>, holidays: ReadonlySet<string>): number {
  let monday = 0;
  let mondays = 0;
  let other = 0;
  let others = 0;
  for (const [date, cells] of byDate) {
    if (holidays.has(date)) continue;
    const wd = weekdayOfDayNumber(dayNumberOf(date));
    if (wd > 5) continue;
    const m = morning(totalsBySlot(cells).calls);
    if (wd === 1) {
      monday += m;
      mondays++;
    } else {
      other += m;
      others++;
    }
  }
  return mondays > 0 && others > 0 && other > 0 ? monday / mondays / (other / others) : 1;
}

/** The forecast of one practice for one local date. */
export function forecastDay(byDate: ReadonlyMap<string, HistoryCell[]>, date: string, o: ForecastOptions): ForecastSlot[] {
  const weeks = o.weeks ?? 6;
  const decay = o.decay ?? 0.75;
  if (o.holidays.has(date)) return Array.from({ length: SLOTS }, (_, slot) => ({ slot, calls: 0, ahtSeconds: null }));
  const day = dayNumberOf(date);
  const calls = new Array<number>(SLOTS).fill(0);
  const handled = new Array<number>(SLOTS).fill(0);
  const handle = new Array<number>(SLOTS).fill(0);
  let weightSum = 0;
  let weight = 1;
  // Up to `weeks` usable same weekdays, looking back at most twice as far (holidays skipped).
  for (let k = 1, used = 0; k <= 2 * weeks && used < weeks; k++) {
    const past = dateOfDayNumber(day - 7 * k);
    if (o.holidays.has(past)) continue;
    const t = totalsBySlot(byDate.get(past));
    for (let s = 0; s < SLOTS; s++) {
      calls[s] = (calls[s] ?? 0) + weight * (t.calls[s] ?? 0);
      handled[s] = (handled[s] ?? 0) + weight * (t.handled[s] ?? 0);
      handle[s] = (handle[s] ?? 0) + weight * (t.handle[s] ?? 0);
    }
    weightSum += weight;
    weight *= decay;
    used++;
  }
  const allHandled = handled.reduce((a, b) => a + b, 0);
  const overallAht = allHandled > 0 ? handle.reduce((a, b) => a + b, 0) / allHandled : null;
  const previous = dateOfDayNumber(day - 1);
  const afterHoliday = o.holidays.has(previous) && weekdayOfDayNumber(day) !== 1;
  const backlog = afterHoliday ? mondayMorningRatio(byDate, o.holidays) : 1;
  return calls.map((c, slot) => ({
    slot,
    calls: weightSum === 0 ? 0 : (c / weightSum) * (slot < MORNING_END ? backlog : 1),
    ahtSeconds: (handled[slot] ?? 0) > 0 ? (handle[slot] ?? 0) / (handled[slot] ?? 1) : overallAht,
  }));
}
