import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateTraffic, type TrafficOptions } from './traffic.ts';
import { intensityAtLocal } from './profile.ts';

const paris = { number: '+33140000001', timeZone: 'Europe/Paris' };
const HOUR = 3_600_000;
// Monday 2 March 2026, 07:00 in Paris (UTC+1).
const mondayMorning = Date.parse('2026-03-02T07:00:00+01:00');
const base: TrafficOptions = { seed: 's1', start: mondayMorning, durationMs: 12 * HOUR, callsPerHour: 300, practices: [paris] };

const count = (calls: { at: number }[], from: string, to: string) =>
  calls.filter((c) => c.at >= Date.parse(`2026-03-02T${from}:00+01:00`) && c.at < Date.parse(`2026-03-02T${to}:00+01:00`)).length;

describe('simulated traffic', () => {
  it('is the same for the same seed and differs for another', () => {
    const a = generateTraffic(base);
    assert.deepEqual(generateTraffic(base), a);
    assert.notDeepEqual(generateTraffic({ ...base, seed: 's2' }).slice(0, 5), a.slice(0, 5));
    assert.ok(
      a.every((c, i) => i === 0 || c.at >= a[i - 1]!.at),
      'in arrival order',
    );
    assert.ok(a.every((c) => /^CA[0-9a-f]{32}$/.test(c.callSid) && /^\+33[67]\d{8}$/.test(c.from)));
    assert.equal(new Set(a.map((c) => c.callSid)).size, a.length);
    assert.ok(
      a.some((c, i) => a.findIndex((x) => x.from === c.from) !== i),
      'some callers call again',
    );
    // …but never within the hour: a console tells calls apart by called and caller number.
    const last = new Map<string, number>();
    for (const c of a) {
      const key = `${c.to}|${c.from}`;
      assert.ok(c.at - (last.get(key) ?? -Infinity) > HOUR, `${key} twice within the hour`);
      last.set(key, c.at);
    }
  });

  it('brings as many calls as asked over the window (300 an hour for 12 hours ≈ 3600)', () => {
    const n = generateTraffic(base).length;
    // Poisson: σ = 60; the seed is fixed, the bound is five σ wide.
    assert.ok(Math.abs(n - 3600) < 300, `${n} calls`);
  });

  it('peaks on Monday morning 8:30–10:30 and dips at lunch, in the practice’s local time', () => {
    const calls = generateTraffic(base);
    const peak = count(calls, '08:30', '10:30') / 2;
    const lunch = count(calls, '12:00', '14:00') / 2;
    const afternoon = count(calls, '14:00', '17:00') / 3;
    assert.ok(peak > 3 * lunch, `peak ${peak}/h, lunch ${lunch}/h`);
    assert.ok(afternoon > 1.5 * lunch && afternoon < peak, `afternoon ${afternoon}/h`);
    assert.ok(intensityAtLocal(1, 9 * 60) > intensityAtLocal(2, 9 * 60), 'Monday above Tuesday');
  });

  it('follows each practice’s own clock: at 06:00 in Paris it is 09:00 in Réunion', () => {
    const reunion = { number: '+262262000001', timeZone: 'Indian/Reunion' };
    const calls = generateTraffic({ ...base, start: Date.parse('2026-03-02T05:00:00Z'), durationMs: 2 * HOUR, practices: [paris, reunion] });
    const toReunion = calls.filter((c) => c.to === reunion.number).length;
    assert.ok(toReunion > 0.8 * calls.length, `${toReunion} of ${calls.length}`);
  });

  it('draws handle times around 2–3 minutes, patience around the mean asked, a few urgent calls', () => {
    const calls = generateTraffic({ ...base, durationMs: 40 * HOUR, profile: 'flat', patienceMeanSeconds: 80 });
    const talks = calls.map((c) => c.talkMs).sort((a, b) => a - b);
    const median = talks[Math.floor(talks.length / 2)]!;
    assert.ok(median > 130_000 && median < 170_000, `median talk ${median} ms`);
    const patience = calls.reduce((s, c) => s + c.patienceMs, 0) / calls.length;
    assert.ok(patience > 72_000 && patience < 88_000, `mean patience ${patience} ms`);
    const urgent = calls.filter((c) => c.urgent).length / calls.length;
    assert.ok(urgent > 0.025 && urgent < 0.055, `urgent share ${urgent}`);
    assert.ok(calls.some((c) => c.firstRingUnanswered));
  });

  it('brings nothing without practices or time', () => {
    assert.deepEqual(generateTraffic({ ...base, practices: [] }), []);
    assert.deepEqual(generateTraffic({ ...base, durationMs: 0 }), []);
  });
});
