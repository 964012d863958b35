/**
 * The metrics of a small hand-made morning, every expected figure worked out by hand below.
 *
 * Monday 2 March 2026, Europe/Paris (UTC+1). Window 09:00–10:00 local, T = 20 s, short abandon < 5 s.
 * Agents A and B; practices P1, P2, P3 (P3's line is closed).
 *
 *  call prac arrival   what happened                                          wait  talk wrap  AHT
 *  c0   P1   08:58:00  (before the window) A answers 08:58:10, wrap ends 09:00:01 — not counted, but A
 *                      is busy 09:00:00–09:00:01 (1 s) inside the window
 *  c1   P1   09:00:00  A answers 09:00:10, ends 09:03:10, wrap ends 09:03:40      10   180   30   210
 *  c2   P1   09:05:00  A answers 09:05:30, ends 09:07:30, wrap ends 09:08:00      30   120   30   150
 *  c3   P1   09:10:00  hangs up 09:10:03: a SHORT abandon                          3
 *  c4   P2   09:12:00  rings B 09:12:05, no answer 09:12:20 (B paused until
 *                      09:13:00); A answers 09:12:25, ends 09:16:25, wrap 09:16:45 25   240   20   260
 *  c5   P2   09:20:00  hangs up 09:21:00: abandoned                               60
 *  c6   P2   09:25:00  B answers 09:25:05, ends 09:27:05, wrap ends 09:27:35        5   120   30   150
 *  c7   P1   09:30:00  TIMEOUT 09:33:00 (overflow), voicemail                     180
 *  c8   P3   09:35:00  CLOSED (never queued), voicemail
 *  c9   P1   09:45:00  B answers 09:45:15, ends 09:48:15, wrap ends 09:48:45       15   180   30   210
 *  c10  P2   09:58:00  hangs up 10:00:30 (after the window; counted where it arrived) 150
 *
 * Totals: offered 9 (c1–c7, c9, c10) = answered 5 + abandoned 2 (c5, c10) + short 1 (c3) + overflowed 1.
 *   within T: c1, c6, c9 = 3 → service level 3 / (9 − 1) = 0.375; abandon rate 2 / 8 = 0.25.
 *   ASA (10+30+25+5+15)/5 = 17; talk 840/5 = 168; wrap 140/5 = 28; AHT 980/5 = 196.
 * Agents: A logged in 08:55, break 09:40–09:50 → staffed 2400 + 600 = 3000 s;
 *           busy 1 + 210 + 150 + 260 = 621 s → occupancy 0.207.
 *         B logged in 09:10, paused 09:12:20–09:13:00 by the unanswered ring, logged off 09:50 →
 *           staffed 140 + 2220 = 2360 s; busy 150 + 210 = 360 s → 0.1525.
 *         All: 981 / 5360 = 0.1830.
 * Per agent: A offered c1 c2 c4, answered 3, within T 1, ASA 65/3 = 21.7, AHT 620/3 = 206.7;
 *            B offered c4 c6 c9, answered 2, 1 unanswered ring, ASA 10, AHT 180.
 * Per practice: P1 offered 5, answered 3, within T 2 → 2/(5−1) = 0.5, ASA 55/3 = 18.3, AHT 570/3 = 190;
 *               P2 offered 4, answered 2, abandoned 2, within T 1 → 0.25, ASA 15, AHT 205;
 *               P3 offered 0, closed 1.
 * Half-hours: 09:00 offered 6, answered 4, within T 2, short 1 → 2/5 = 0.4;
 *               occupancy (621 + 150) / (1800 + 1160) = 771/2960 = 0.2605.
 *             09:30 offered 3, answered 1 (within T), overflowed 1, abandoned 1, closed 1 → 1/3;
 *               occupancy 210 / (1200 + 1200) = 0.0875.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { EventType } from '../events.ts';
import type { MetricEvent } from './call-records.ts';
import { computeMetrics, type MetricsQuery } from './compute.ts';
import { halfHours, localLabel } from './half-hours.ts';

const at = (hms: string) => Date.parse(`2026-03-02T${hms}+01:00`);

const log: MetricEvent[] = [];
function call(id: string, practice: string, steps: [string, EventType, string?][]) {
  for (const [time, event, agent] of steps) log.push({ at: at(time), event, callId: id, practiceId: practice, agentId: agent ?? null, data: {} });
}
function agent(id: string, steps: [string, EventType, Record<string, unknown>?][]) {
  for (const [time, event, data] of steps) log.push({ at: at(time), event, callId: null, practiceId: null, agentId: id, data: data ?? {} });
}

agent('A', [
  ['08:55:00', 'LOGIN', { status: 'available' }],
  ['09:40:00', 'PAUSE', { status: 'break' }],
  ['09:50:00', 'UNPAUSE'],
]);
agent('B', [
  ['09:10:00', 'LOGIN', { status: 'available' }],
  ['09:12:20', 'PAUSE', { status: 'break', reason: 'ring_no_answer' }],
  ['09:13:00', 'UNPAUSE'],
  ['09:50:00', 'LOGOFF'],
]);
call('c0', 'P1', [
  ['08:58:00', 'ENTER'],
  ['08:58:02', 'OFFER', 'A'],
  ['08:58:10', 'CONNECT', 'A'],
  ['08:59:30', 'COMPLETE', 'A'],
  ['09:00:01', 'WRAPUP', 'A'],
]);
call('c1', 'P1', [
  ['09:00:00', 'ENTER'],
  ['09:00:02', 'OFFER', 'A'],
  ['09:00:10', 'CONNECT', 'A'],
  ['09:03:10', 'COMPLETE', 'A'],
  ['09:03:40', 'WRAPUP', 'A'],
]);
call('c2', 'P1', [
  ['09:05:00', 'ENTER'],
  ['09:05:05', 'OFFER', 'A'],
  ['09:05:30', 'CONNECT', 'A'],
  ['09:07:30', 'COMPLETE', 'A'],
  ['09:08:00', 'WRAPUP', 'A'],
]);
call('c3', 'P1', [
  ['09:10:00', 'ENTER'],
  ['09:10:03', 'ABANDON'],
]);
call('c4', 'P2', [
  ['09:12:00', 'ENTER'],
  ['09:12:05', 'OFFER', 'B'],
  ['09:12:20', 'RING_NO_ANSWER', 'B'],
  ['09:12:21', 'OFFER', 'A'],
  ['09:12:25', 'CONNECT', 'A'],
  ['09:16:25', 'COMPLETE', 'A'],
  ['09:16:45', 'WRAPUP', 'A'],
]);
call('c5', 'P2', [
  ['09:20:00', 'ENTER'],
  ['09:21:00', 'ABANDON'],
]);
call('c6', 'P2', [
  ['09:25:00', 'ENTER'],
  ['09:25:02', 'OFFER', 'B'],
  ['09:25:05', 'CONNECT', 'B'],
  ['09:27:05', 'COMPLETE', 'B'],
  ['09:27:35', 'WRAPUP', 'B'],
]);
call('c7', 'P1', [
  ['09:30:00', 'ENTER'],
  ['09:33:00', 'TIMEOUT'],
  ['09:34:00', 'VOICEMAIL'],
]);
call('c8', 'P3', [
  ['09:35:00', 'CLOSED'],
  ['09:36:00', 'VOICEMAIL'],
]);
call('c9', 'P1', [
  ['09:45:00', 'ENTER'],
  ['09:45:01', 'OFFER', 'B'],
  ['09:45:15', 'CONNECT', 'B'],
  ['09:48:15', 'COMPLETE', 'B'],
  ['09:48:45', 'WRAPUP', 'B'],
]);
call('c10', 'P2', [
  ['09:58:00', 'ENTER'],
  ['10:00:30', 'ABANDON'],
]);
log.sort((a, b) => Number(a.at) - Number(b.at));

const window: Omit<MetricsQuery, 'groupBy'> = { from: at('09:00:00'), to: at('10:00:00'), now: at('12:00:00'), timeZone: 'Europe/Paris' };

describe('call metrics of a hand-computed morning', () => {
  it('totals: offered splits into answered, abandoned, short abandons and overflow; rates leave short abandons out', () => {
    const { total } = computeMetrics(log, { ...window, groupBy: 'practice' });
    assert.equal(total.offered, 9);
    assert.equal(total.answered, 5);
    assert.equal(total.abandoned, 2);
    assert.equal(total.shortAbandoned, 1);
    assert.equal(total.overflowed, 1);
    assert.equal(total.waiting, 0);
    assert.equal(total.closed, 1);
    assert.equal(total.voicemails, 2);
    assert.equal(total.ringNoAnswers, 1);
    assert.equal(total.answeredWithinThreshold, 3);
    assert.equal(total.serviceLevel, 0.375);
    assert.equal(total.abandonRate, 0.25);
    assert.equal(total.averageSpeedOfAnswerSeconds, 17);
    assert.equal(total.averageTalkSeconds, 168);
    assert.equal(total.averageWrapUpSeconds, 28);
    assert.equal(total.averageHandleTimeSeconds, 196);
    assert.equal(total.handled, 5);
    assert.equal(total.busySeconds, 981);
    assert.equal(total.staffedSeconds, 5360);
    assert.equal(total.occupancy, 0.183);
  });

  it('per practice', () => {
    const { items } = computeMetrics(log, { ...window, groupBy: 'practice' });
    const by = new Map(items.map((r) => [r.practiceId, r]));
    const p1 = by.get('P1')!;
    assert.deepEqual([p1.offered, p1.answered, p1.answeredWithinThreshold, p1.shortAbandoned, p1.overflowed], [5, 3, 2, 1, 1]);
    assert.equal(p1.serviceLevel, 0.5);
    assert.equal(p1.averageSpeedOfAnswerSeconds, 18.3);
    assert.equal(p1.averageHandleTimeSeconds, 190);
    assert.equal(p1.occupancy, null);
    const p2 = by.get('P2')!;
    assert.deepEqual([p2.offered, p2.answered, p2.abandoned, p2.answeredWithinThreshold, p2.ringNoAnswers], [4, 2, 2, 1, 1]);
    assert.equal(p2.serviceLevel, 0.25);
    assert.equal(p2.averageSpeedOfAnswerSeconds, 15);
    assert.equal(p2.averageHandleTimeSeconds, 205);
    const p3 = by.get('P3')!;
    assert.deepEqual([p3.offered, p3.closed, p3.voicemails, p3.serviceLevel], [0, 1, 1, null]);
  });

  it('per agent: her calls, her unanswered rings, her occupancy; answered adds up to the total', () => {
    const { items, total } = computeMetrics(log, { ...window, groupBy: 'agent' });
    const by = new Map(items.map((r) => [r.agentId, r]));
    const a = by.get('A')!;
    assert.deepEqual([a.offered, a.answered, a.answeredWithinThreshold, a.ringNoAnswers], [3, 3, 1, 0]);
    assert.equal(a.averageSpeedOfAnswerSeconds, 21.7);
    assert.equal(a.averageHandleTimeSeconds, 206.7);
    assert.deepEqual([a.busySeconds, a.staffedSeconds, a.occupancy], [621, 3000, 0.207]);
    assert.equal(a.serviceLevel, null);
    const b = by.get('B')!;
    assert.deepEqual([b.offered, b.answered, b.answeredWithinThreshold, b.ringNoAnswers], [3, 2, 2, 1]);
    assert.equal(b.averageSpeedOfAnswerSeconds, 10);
    assert.equal(b.averageHandleTimeSeconds, 180);
    assert.deepEqual([b.busySeconds, b.staffedSeconds, b.occupancy], [360, 2360, 0.1525]);
    assert.equal(a.answered + b.answered, total.answered);
  });

  it('one agent only (agentId): her figures as the total', () => {
    const { total, items } = computeMetrics(log, { ...window, groupBy: 'agent', agentId: 'B' });
    assert.deepEqual(
      items.map((r) => r.agentId),
      ['B'],
    );
    assert.deepEqual([total.offered, total.answered, total.occupancy], [3, 2, 0.1525]);
  });

  it('per local half-hour, occupancy sliced by the half-hour it was spent in', () => {
    const { items } = computeMetrics(log, { ...window, groupBy: 'half_hour' });
    assert.deepEqual(
      items.map((r) => r.label),
      ['2026-03-02T09:00+01:00', '2026-03-02T09:30+01:00'],
    );
    const [first, second] = items;
    assert.deepEqual([first!.offered, first!.answered, first!.answeredWithinThreshold, first!.shortAbandoned, first!.abandoned], [6, 4, 2, 1, 1]);
    assert.equal(first!.serviceLevel, 0.4);
    assert.deepEqual([first!.busySeconds, first!.staffedSeconds, first!.occupancy], [771, 2960, 0.2605]);
    assert.deepEqual([second!.offered, second!.answered, second!.overflowed, second!.abandoned, second!.closed], [3, 1, 1, 1, 1]);
    assert.equal(second!.serviceLevel, 0.3333);
    assert.deepEqual([second!.busySeconds, second!.staffedSeconds, second!.occupancy], [210, 2400, 0.0875]);
  });

  it('a longer short-abandon threshold moves an abandon out of both sides', () => {
    // With 60 s, c5 (60 s) is no longer short; with 61 s it is: SL 3/(9−2), abandon rate 1/7.
    const { total } = computeMetrics(log, { ...window, groupBy: 'practice', shortAbandonSeconds: 61 });
    assert.deepEqual([total.shortAbandoned, total.abandoned], [2, 1]);
    assert.equal(total.serviceLevel, 0.4286);
    assert.equal(total.abandonRate, 0.1429);
  });

  it('live: a call still waiting is judged once it has waited past T; open calls and states run to now', () => {
    const now = at('09:20:00');
    const live: MetricEvent[] = [
      { at: at('09:00:00'), event: 'LOGIN', callId: null, practiceId: null, agentId: 'A', data: { status: 'available' } },
      { at: at('09:10:00'), event: 'ENTER', callId: 'x', practiceId: 'P1', agentId: null },
      { at: at('09:10:05'), event: 'OFFER', callId: 'x', practiceId: 'P1', agentId: 'A' },
      { at: at('09:10:10'), event: 'CONNECT', callId: 'x', practiceId: 'P1', agentId: 'A' },
      { at: at('09:19:00'), event: 'ENTER', callId: 'y', practiceId: 'P1', agentId: null },
      { at: at('09:19:50'), event: 'ENTER', callId: 'z', practiceId: 'P1', agentId: null },
    ];
    const { total } = computeMetrics(live, { from: at('09:00:00'), to: at('10:00:00'), now, timeZone: 'Europe/Paris', groupBy: 'half_hour' });
    assert.deepEqual([total.offered, total.answered, total.waiting, total.answeredWithinThreshold], [3, 1, 2, 1]);
    // x within T; y has waited 60 s (a miss); z only 10 s (not judged yet): 1 / 2.
    assert.equal(total.serviceLevel, 0.5);
    // A on the call since 09:10:10, not over: busy 590 s of 1200 s staffed; no handle time yet.
    assert.deepEqual([total.busySeconds, total.staffedSeconds, total.handled, total.averageHandleTimeSeconds], [590, 1200, 0, null]);
  });
});

describe('local half-hours', () => {
  it('autumn change in Paris: two half-hours read 02:00 and two read 02:30', () => {
    const from = Date.parse('2026-10-25T01:00:00+02:00');
    const to = Date.parse('2026-10-25T04:00:00+01:00');
    assert.deepEqual(
      halfHours('Europe/Paris', from, to).map((h) => localLabel('Europe/Paris', h.start)),
      [
        '2026-10-25T01:00+02:00',
        '2026-10-25T01:30+02:00',
        '2026-10-25T02:00+02:00',
        '2026-10-25T02:30+02:00',
        '2026-10-25T02:00+01:00',
        '2026-10-25T02:30+01:00',
        '2026-10-25T03:00+01:00',
        '2026-10-25T03:30+01:00',
      ],
    );
  });

  it('spring change in Paris: the half-hours of 02:00–03:00 do not exist', () => {
    const from = Date.parse('2026-03-29T01:00:00+01:00');
    const to = Date.parse('2026-03-29T04:00:00+02:00');
    assert.deepEqual(
      halfHours('Europe/Paris', from, to).map((h) => localLabel('Europe/Paris', h.start)),
      ['2026-03-29T01:00+01:00', '2026-03-29T01:30+01:00', '2026-03-29T03:00+02:00', '2026-03-29T03:30+02:00'],
    );
  });

  it('follows the local clock of the zone asked (Réunion, UTC+4)', () => {
    const h = halfHours('Indian/Reunion', Date.parse('2026-03-02T05:10:00Z'), Date.parse('2026-03-02T05:40:00Z'));
    assert.deepEqual(
      h.map((x) => localLabel('Indian/Reunion', x.start)),
      ['2026-03-02T09:00+04:00', '2026-03-02T09:30+04:00'],
    );
  });
});
