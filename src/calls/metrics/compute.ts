/**
 * Call-centre metrics from the call log, with DOMAIN.md's definitions. Pure: events in, figures out.
 *
 * - Calls are counted in the interval they ARRIVED in (ENTER; CLOSED for a closed line), with their
 *   outcome whenever it came; agents' time is sliced by the interval it was spent in.
 * - offered = calls that entered a queue = answered + abandoned + shortAbandoned + overflowed + waiting.
 *   Closed-line calls were never offered; they are counted apart (closed).
 * - A short abandon (the caller hung up within `shortAbandonSeconds`, default 5 s) is left out of both
 *   sides of the rates: serviceLevel = answered within T / (offered − short abandons), T =
 *   `serviceLevelSeconds` (default 20 s, "within" = wait ≤ T); abandonRate = abandoned / (offered −
 *   short abandons). A call still waiting is judged once its wait passes T (a miss), not before.
 * - averageSpeedOfAnswer = mean ENTER → CONNECT of answered calls.
 * - averageHandleTime = mean talk (CONNECT → COMPLETE, hold included) + wrap-up (COMPLETE → WRAPUP) of
 *   the calls whose wrap-up has ended (handled).
 * - occupancy = busy (CONNECT → WRAPUP) / staffed (logged in and not paused, or busy) time of the agents;
 *   null per practice (agents serve several practices).
 * - Per agent: the calls offered to her (that rang at her), answered by her, her unanswered rings,
 *   ASA and AHT of her calls, her occupancy; the queue-wide figures (abandons, service level) are null.
 */
import { agentTimes, lengthWithin, type AgentTime } from './agent-time.ts';
import { callRecords, type CallRecord, type MetricEvent } from './call-records.ts';
import { halfHours, localLabel } from './half-hours.ts';

export type GroupBy = 'practice' | 'agent' | 'half_hour';

export interface MetricsQuery {
  /** Window [from, to), ms. */
  from: number;
  to: number;
  /** The present: time after it is not counted (live figures), ms. */
  now: number;
  /** IANA zone of the half-hours. */
  timeZone: string;
  groupBy: GroupBy;
  practiceId?: string;
  agentId?: string;
  /** Rows to show even without any call (the practices in scope, say). */
  practiceIds?: readonly string[];
  agentIds?: readonly string[];
  shortAbandonSeconds?: number;
  serviceLevelSeconds?: number;
}

export interface MetricsFigures {
  offered: number;
  answered: number;
  answeredWithinThreshold: number;
  abandoned: number | null;
  shortAbandoned: number | null;
  overflowed: number | null;
  waiting: number | null;
  closed: number | null;
  voicemails: number | null;
  ringNoAnswers: number;
  /** Calls whose talk and wrap-up are over (the base of the handle time). */
  handled: number;
  /** 0–1. */
  serviceLevel: number | null;
  abandonRate: number | null;
  averageSpeedOfAnswerSeconds: number | null;
  averageTalkSeconds: number | null;
  averageWrapUpSeconds: number | null;
  averageHandleTimeSeconds: number | null;
  /** 0–1. */
  occupancy: number | null;
  busySeconds: number | null;
  staffedSeconds: number | null;
}

export interface MetricsRow extends MetricsFigures {
  practiceId: string | null;
  agentId: string | null;
  /** The half-hour [start, end), ISO instants, and its local label ('2026-10-25T02:00+01:00'). */
  start: string | null;
  end: string | null;
  label: string | null;
}

export interface MetricsReport {
  from: string;
  to: string;
  timeZone: string;
  groupBy: GroupBy;
  serviceLevelSeconds: number;
  shortAbandonSeconds: number;
  total: MetricsFigures;
  items: MetricsRow[];
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const mean = (values: readonly number[]) => (values.length === 0 ? null : round1(values.reduce((a, b) => a + b, 0) / values.length / 1000));
const ratio = (num: number, den: number) => (den > 0 ? round4(num / den) : null);

interface Thresholds {
  shortMs: number;
  serviceMs: number;
  now: number;
}

/** Average speed of answer, talk, wrap-up and handle time of a set of calls. */
function durations(calls: readonly CallRecord[]) {
  const answered = calls.filter((c) => c.disposition === 'answered');
  const handled = answered.filter((c) => c.talkMs !== null && c.wrapUpMs !== null);
  return {
    answered: answered.length,
    handled: handled.length,
    averageSpeedOfAnswerSeconds: mean(answered.map((c) => c.waitMs ?? 0)),
    averageTalkSeconds: mean(handled.map((c) => c.talkMs ?? 0)),
    averageWrapUpSeconds: mean(handled.map((c) => c.wrapUpMs ?? 0)),
    averageHandleTimeSeconds: mean(handled.map((c) => (c.talkMs ?? 0) + (c.wrapUpMs ?? 0))),
  };
}

function occupancyOf(times: readonly AgentTime[], from: number, to: number) {
  let busy = 0;
  let staffed = 0;
  for (const t of times) {
    busy += lengthWithin(t.busy, from, to);
    staffed += lengthWithin(t.staffed, from, to);
  }
  return { occupancy: ratio(busy, staffed), busySeconds: round1(busy / 1000), staffedSeconds: round1(staffed / 1000) };
}

const NO_OCCUPANCY = { occupancy: null, busySeconds: null, staffedSeconds: null };

/** Queue-wide figures of the calls that arrived in an interval. */
function queueFigures(calls: readonly CallRecord[], t: Thresholds): Omit<MetricsFigures, 'occupancy' | 'busySeconds' | 'staffedSeconds'> {
  const queued = calls.filter((c) => c.disposition !== 'closed');
  const isShort = (c: CallRecord) => c.disposition === 'abandoned' && (c.waitMs ?? 0) < t.shortMs;
  const shortAbandoned = queued.filter(isShort).length;
  const abandoned = queued.filter((c) => c.disposition === 'abandoned').length - shortAbandoned;
  const overflowed = queued.filter((c) => c.disposition === 'overflowed').length;
  const waiting = queued.filter((c) => c.disposition === 'waiting');
  const withinT = queued.filter((c) => c.disposition === 'answered' && (c.waitMs ?? 0) <= t.serviceMs).length;
  // A waiting call is judged once it has waited past T; before that its outcome is unknown.
  const undecided = waiting.filter((c) => t.now - c.arrivedAt <= t.serviceMs).length;
  const d = durations(queued);
  return {
    offered: queued.length,
    answered: d.answered,
    answeredWithinThreshold: withinT,
    abandoned,
    shortAbandoned,
    overflowed,
    waiting: waiting.length,
    closed: calls.length - queued.length,
    voicemails: calls.filter((c) => c.voicemail).length,
    ringNoAnswers: calls.reduce((n, c) => n + c.ringNoAnswers.length, 0),
    handled: d.handled,
    serviceLevel: ratio(withinT, queued.length - shortAbandoned - undecided),
    abandonRate: ratio(abandoned, queued.length - shortAbandoned),
    averageSpeedOfAnswerSeconds: d.averageSpeedOfAnswerSeconds,
    averageTalkSeconds: d.averageTalkSeconds,
    averageWrapUpSeconds: d.averageWrapUpSeconds,
    averageHandleTimeSeconds: d.averageHandleTimeSeconds,
  };
}

/** One agent's figures over the calls that arrived in an interval. */
function agentFigures(calls: readonly CallRecord[], agentId: string, t: Thresholds): Omit<MetricsFigures, 'occupancy' | 'busySeconds' | 'staffedSeconds'> {
  const offered = calls.filter((c) => c.offers.some((o) => o.agentId === agentId));
  const hers = calls.filter((c) => c.disposition === 'answered' && c.agentId === agentId);
  const d = durations(hers);
  return {
    offered: offered.length,
    answered: d.answered,
    answeredWithinThreshold: hers.filter((c) => (c.waitMs ?? 0) <= t.serviceMs).length,
    abandoned: null,
    shortAbandoned: null,
    overflowed: null,
    waiting: null,
    closed: null,
    voicemails: null,
    ringNoAnswers: calls.reduce((n, c) => n + c.ringNoAnswers.filter((r) => r.agentId === agentId).length, 0),
    handled: d.handled,
    serviceLevel: null,
    abandonRate: null,
    averageSpeedOfAnswerSeconds: d.averageSpeedOfAnswerSeconds,
    averageTalkSeconds: d.averageTalkSeconds,
    averageWrapUpSeconds: d.averageWrapUpSeconds,
    averageHandleTimeSeconds: d.averageHandleTimeSeconds,
  };
}

const rowKeys = { practiceId: null, agentId: null, start: null, end: null, label: null };

/** Calls under each key (a call may go under several), in their order. */
function groupCalls(calls: readonly CallRecord[], keys: (c: CallRecord) => readonly string[]): Map<string, CallRecord[]> {
  const out = new Map<string, CallRecord[]>();
  for (const c of calls) {
    for (const k of keys(c)) {
      const list = out.get(k);
      if (list) list.push(c);
      else out.set(k, [c]);
    }
  }
  return out;
}

/**
 * The metrics of [from, to) grouped as asked, with the total of the whole selection.
 * Precondition: `events` hold every event of each call concerned and the agent events that set the
 * agents' state at `from` (see the service), in log order.
 */
export function computeMetrics(events: readonly MetricEvent[], q: MetricsQuery): MetricsReport {
  const t: Thresholds = { shortMs: (q.shortAbandonSeconds ?? 5) * 1000, serviceMs: (q.serviceLevelSeconds ?? 20) * 1000, now: q.now };
  const end = Math.min(q.to, q.now);
  const records = callRecords(events);
  const times = agentTimes(events, records, q.from, end);
  const selected = records.filter((c) => c.arrivedAt >= q.from && c.arrivedAt < q.to && (q.practiceId === undefined || c.practiceId === q.practiceId));
  // Occupancy is an agent's, across practices: it has no meaning for one practice.
  const occupancyFor = (agents: readonly string[] | null, from: number, to: number) => {
    if (q.practiceId !== undefined) return NO_OCCUPANCY;
    const list = agents === null ? [...times.values()] : agents.map((a) => times.get(a)).filter((x): x is AgentTime => x !== undefined);
    return occupancyOf(list, from, Math.min(to, end));
  };
  const figures = (calls: readonly CallRecord[], from: number, to: number): MetricsFigures =>
    q.agentId !== undefined
      ? { ...agentFigures(calls, q.agentId, t), ...occupancyFor([q.agentId], from, to) }
      : { ...queueFigures(calls, t), ...occupancyFor(null, from, to) };

  const total = figures(selected, q.from, q.to);
  let items: MetricsRow[];
  if (q.groupBy === 'practice') {
    const byPractice = groupCalls(selected, (c) => [c.practiceId]);
    for (const id of q.practiceId !== undefined ? [q.practiceId] : (q.practiceIds ?? [])) if (!byPractice.has(id)) byPractice.set(id, []);
    items = [...byPractice.keys()].sort().map((practiceId) => {
      const calls = byPractice.get(practiceId) ?? [];
      const f = q.agentId !== undefined ? agentFigures(calls, q.agentId, t) : queueFigures(calls, t);
      return { ...rowKeys, practiceId, agentId: q.agentId ?? null, ...f, ...NO_OCCUPANCY };
    });
  } else if (q.groupBy === 'agent') {
    // Each agent's calls: those that rang at her (the ones she answered among them).
    const byAgent = groupCalls(selected, (c) => [...new Set([...c.offers.map((o) => o.agentId), ...(c.agentId !== null ? [c.agentId] : [])])]);
    const ids = new Set<string>(q.agentId !== undefined ? [q.agentId] : [...(q.agentIds ?? []), ...times.keys(), ...byAgent.keys()]);
    items = [...ids].sort().map((agentId) => ({
      ...rowKeys,
      practiceId: q.practiceId ?? null,
      agentId,
      ...agentFigures(byAgent.get(agentId) ?? [], agentId, t),
      ...occupancyFor([agentId], q.from, q.to),
    }));
  } else {
    // `selected` is in arrival order: each half-hour takes the next run of calls.
    let next = 0;
    items = halfHours(q.timeZone, q.from, q.to).map(({ start, end: stop }) => {
      const from = Math.max(start, q.from);
      const to = Math.min(stop, q.to);
      const first = next;
      while (next < selected.length && (selected[next] as CallRecord).arrivedAt < to) next++;
      const calls = selected.slice(first, next);
      return {
        ...rowKeys,
        practiceId: q.practiceId ?? null,
        agentId: q.agentId ?? null,
        start: new Date(start).toISOString(),
        end: new Date(stop).toISOString(),
        label: localLabel(q.timeZone, start),
        ...figures(calls, from, to),
      };
    });
  }
  return {
    from: new Date(q.from).toISOString(),
    to: new Date(q.to).toISOString(),
    timeZone: q.timeZone,
    groupBy: q.groupBy,
    serviceLevelSeconds: t.serviceMs / 1000,
    shortAbandonSeconds: t.shortMs / 1000,
    total,
    items,
  };
}
