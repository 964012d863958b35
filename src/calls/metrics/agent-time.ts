/**
 * Each agent's time from the call log: when she was staffed and available (logged in, not paused),
 * and when she was busy with a call (CONNECT → WRAPUP: talk, hold and wrap-up). Occupancy is busy
 * time over staffed time, staffed = available ∪ busy (a call taken just before a pause still counts).
 * Ringing counts as available, not busy. Pure.
 *
 * Precondition: events in log order; the agent events before the window may be given (they set the
 * state the window starts in).
 */
import type { CallRecord, MetricEvent } from './call-records.ts';
import { ms } from './call-records.ts';

export type Interval = readonly [start: number, end: number];

export interface AgentTime {
  /** Sorted, disjoint intervals within the window. */
  busy: Interval[];
  staffed: Interval[];
}

/** Sorted, disjoint union of intervals; empty ones dropped. */
export function merge(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** Total length of sorted disjoint intervals inside [from, to). */
export function lengthWithin(intervals: readonly Interval[], from: number, to: number): number {
  // Disjoint and sorted: ends are sorted too; skip to the first interval ending after `from`.
  let lo = 0;
  let hi = intervals.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((intervals[mid] as Interval)[1] <= from) lo = mid + 1;
    else hi = mid;
  }
  let sum = 0;
  for (let i = lo; i < intervals.length; i++) {
    const [a, b] = intervals[i] as Interval;
    if (a >= to) break;
    sum += Math.min(b, to) - Math.max(a, from);
  }
  return sum;
}

const PAUSES = new Set(['break', 'lunch', 'training', 'back_office']);

/** The staffed and busy time of each agent within [from, end). */
export function agentTimes(events: readonly MetricEvent[], calls: readonly CallRecord[], from: number, end: number): Map<string, AgentTime> {
  const available = new Map<string, Interval[]>();
  const busy = new Map<string, Interval[]>();
  const state = new Map<string, { since: number; available: boolean }>();
  const push = (map: Map<string, Interval[]>, agent: string, a: number, b: number) => {
    const lo = Math.max(a, from);
    const hi = Math.min(b, end);
    let list = map.get(agent);
    if (list === undefined) map.set(agent, (list = []));
    if (hi > lo) list.push([lo, hi]);
  };
  for (const e of events) {
    if (e.agentId === null || (e.event !== 'LOGIN' && e.event !== 'LOGOFF' && e.event !== 'PAUSE' && e.event !== 'UNPAUSE')) continue;
    const at = ms(e.at);
    if (at >= end) continue;
    const before = state.get(e.agentId);
    if (before?.available === true) push(available, e.agentId, before.since, at);
    let nowAvailable: boolean;
    if (e.event === 'LOGIN') nowAvailable = !PAUSES.has(String((e.data as { status?: unknown } | undefined)?.status ?? 'available'));
    else nowAvailable = e.event === 'UNPAUSE';
    state.set(e.agentId, { since: at, available: nowAvailable });
    if (!available.has(e.agentId)) available.set(e.agentId, []);
  }
  for (const [agent, s] of state) if (s.available) push(available, agent, s.since, end);
  for (const c of calls) {
    if (c.agentId === null || c.busyFrom === null) continue;
    push(busy, c.agentId, c.busyFrom, c.busyTo ?? end);
  }
  const out = new Map<string, AgentTime>();
  for (const agent of new Set([...available.keys(), ...busy.keys()])) {
    const b = merge(busy.get(agent) ?? []);
    out.set(agent, { busy: b, staffed: merge([...(available.get(agent) ?? []), ...b]) });
  }
  return out;
}
