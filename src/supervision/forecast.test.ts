/**
 * The forecast on a generated history with a known weekly shape (the demo's: Monday peak, morning rush,
 * lunch dip) and Poisson noise: it reproduces the shape within 6 % over a day (sum of absolute errors over
 * the expected total), public holidays are closed, and the day after one carries a Monday-like morning.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dateOfDayNumber, dayNumberOf, weekdayOfDayNumber } from '../core/time/local-time.ts';
import { expectedCalls, HALF_HOUR_PROFILE } from '../demo/call-history-model.ts';
import { Rng } from '../demo/random.ts';
import { forecastDay, indexHistory, type HistoryCell } from './forecast.ts';

const FIRST_SLOT = 16; // 08:00
// Large enough that Poisson noise (about 1/√(calls × 4.9 effective weeks) per half-hour) stays near 4 %.
const DAILY = 2000;

function poisson(rng: Rng, mean: number): number {
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next())));
  let k = 0;
  let p = rng.next();
  while (p > Math.exp(-mean)) {
    k++;
    p *= rng.next();
  }
  return k;
}

function history(fromDay: number, toDay: number, holidays: ReadonlySet<string>): HistoryCell[] {
  const rng = new Rng('forecast-test');
  const cells: HistoryCell[] = [];
  for (let d = fromDay; d <= toDay; d++) {
    const date = dateOfDayNumber(d);
    const weekday = weekdayOfDayNumber(d);
    if (holidays.has(date)) continue;
    HALF_HOUR_PROFILE.forEach((_, h) => {
      const calls = poisson(rng, expectedCalls({ dailyCalls: DAILY, weekday, halfHour: h, epidemic: false }));
      cells.push({ date, slot: FIRST_SLOT + h, calls, handled: calls, handleSeconds: calls * 180 });
    });
  }
  return cells;
}

const monday = dayNumberOf('2026-03-02');

describe('forecast', () => {
  const none = new Set<string>();
  const byDate = indexHistory(history(monday - 56, monday - 1, none));

  for (const [name, day] of [
    ['Monday', monday],
    ['Tuesday', monday + 1],
    ['Saturday', monday + 5],
  ] as const) {
    it(`reproduces a ${name}'s half-hours within 6 %`, () => {
      const f = forecastDay(byDate, dateOfDayNumber(day), { holidays: none });
      const weekday = weekdayOfDayNumber(day);
      let error = 0;
      let total = 0;
      HALF_HOUR_PROFILE.forEach((_, h) => {
        const expected = expectedCalls({ dailyCalls: DAILY, weekday, halfHour: h, epidemic: false });
        error += Math.abs(f[FIRST_SLOT + h]!.calls - expected);
        total += expected;
      });
      assert.ok(error / total < 0.06, `${name}: ${((100 * error) / total).toFixed(1)} %`);
      assert.equal(f[10]!.calls, 0, 'nothing at 05:00');
      assert.equal(f[FIRST_SLOT + 4]!.ahtSeconds, 180);
    });
  }

  it('keeps the Monday peak and the lunch dip', () => {
    const mon = forecastDay(byDate, dateOfDayNumber(monday), { holidays: none });
    const tue = forecastDay(byDate, dateOfDayNumber(monday + 1), { holidays: none });
    const sum = (f: typeof mon) => f.reduce((s, x) => s + x.calls, 0);
    assert.ok(sum(mon) > 1.3 * sum(tue));
    assert.ok(tue[FIRST_SLOT + 2]!.calls > 3 * tue[FIRST_SLOT + 9]!.calls); // 09:00 vs 12:30
  });

  it('closes public holidays, ignores them in the history, and gives the next day a Monday-like morning', () => {
    // Easter Monday 6 April 2026 is a holiday; forecast it and the Tuesday after, with history up to it.
    const easterMonday = '2026-04-06';
    const holidays = new Set([easterMonday]);
    const hist = indexHistory(history(dayNumberOf(easterMonday) - 56, dayNumberOf(easterMonday) - 1, holidays));
    assert.ok(forecastDay(hist, easterMonday, { holidays }).every((s) => s.calls === 0));
    const tuesday = forecastDay(hist, '2026-04-07', { holidays });
    const ordinary = forecastDay(hist, '2026-04-07', { holidays: new Set() });
    const morning = (f: typeof tuesday) => f.slice(0, 24).reduce((s, x) => s + x.calls, 0);
    const ratio = morning(tuesday) / morning(ordinary);
    assert.ok(ratio > 1.5 && ratio < 2.0, `backlog ratio ${ratio}`); // Monday 1.4 × 1.25 over Tuesday 1.0
  });
});
