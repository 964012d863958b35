/**
 * Staffing: evaluate a number of agents, or find the smallest one meeting a service-level target under a
 * maximum occupancy, with Erlang B, C or A; shrinkage (breaks, training, absence) turns agents on the
 * phone into agents scheduled: scheduled = ⌈agents / (1 − shrinkage)⌉. Pure.
 */
import { evaluateA } from './erlang-a.ts';
import { evaluateB, evaluateC, smallestAgentCount, smallestAgents, type Load, type Performance } from './erlang.ts';

export type ErlangModel = 'B' | 'C' | 'A';

export interface StaffingQuestion {
  model: ErlangModel;
  callsPerInterval: number;
  intervalSeconds: number;
  ahtSeconds: number;
  targetSeconds: number;
  agents?: number;
  /** 0–1; default 0.8. */
  targetServiceLevel?: number;
  /** 0–1; default 1 (no limit). */
  maxOccupancy?: number;
  /** Erlang A only: mean patience before a waiting caller hangs up. */
  patienceSeconds?: number;
  /** 0–1 (exclusive). */
  shrinkage?: number;
}

export interface StaffingAnswer extends Performance {
  /** Agents to schedule so that `agents` are on the phone after shrinkage (when searching). */
  scheduledAgents?: number;
}

/** Past this many agents the search gives up: no target needs it for the loads a centre sees. */
export const MAX_AGENTS = 5_000;

export const scheduledFor = (agents: number, shrinkage: number): number => Math.max(0, Math.ceil(agents / (1 - shrinkage) - 1e-9));

function evaluate(q: StaffingQuestion, agents: number, load: Load): Performance {
  if (q.model === 'B') return evaluateB(agents, load);
  if (q.model === 'C') return evaluateC(agents, load, q.targetSeconds);
  return evaluateA(agents, load, { targetSeconds: q.targetSeconds, patienceSeconds: q.patienceSeconds ?? Infinity });
}

/** Smallest N for Erlang A: its service level grows with N; binary search under Erlang C's answer. */
function smallestA(q: StaffingQuestion, load: Load, target: { sl: number; occ: number }): Performance | null {
  const meets = (p: Performance) => p.serviceLevel >= target.sl && p.occupancy <= target.occ;
  let hi = Math.max(1, Math.ceil(load.arrivalRate * load.ahtSeconds));
  let best = evaluate(q, hi, load);
  while (!meets(best)) {
    if (hi >= MAX_AGENTS) return null;
    hi = Math.min(MAX_AGENTS, hi * 2);
    best = evaluate(q, hi, load);
  }
  let lo = 0; // does not meet (or is 0 agents, tried below)
  if (meets(evaluate(q, 0, load))) return evaluate(q, 0, load);
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    const p = evaluate(q, mid, load);
    if (meets(p)) {
      hi = mid;
      best = p;
    } else lo = mid;
  }
  return best;
}

/** The answer of POST /api/staffing/erlang; null when no staffing up to MAX_AGENTS meets the target. */
export function staffing(q: StaffingQuestion): StaffingAnswer | null {
  const load: Load = { arrivalRate: q.callsPerInterval / q.intervalSeconds, ahtSeconds: q.ahtSeconds };
  if (q.agents !== undefined) return evaluate(q, q.agents, load);
  const target = { sl: q.targetServiceLevel ?? 0.8, occ: q.maxOccupancy ?? 1 };
  const found =
    q.model === 'A'
      ? smallestA(q, load, target)
      : smallestAgents(q.model, load, { targetSeconds: q.targetSeconds, targetServiceLevel: target.sl, maxOccupancy: target.occ, maxAgents: MAX_AGENTS });
  if (found === null) return null;
  return { ...found, scheduledAgents: scheduledFor(found.agents, q.shrinkage ?? 0) };
}

/**
 * Agents to schedule for one interval (Erlang C, or B), numbers only: what a week of half-hours for
 * hundreds of queues needs. −1 when no staffing up to MAX_AGENTS meets the target.
 */
export function scheduledAgentsC(load: Load, o: { targetSeconds: number; targetServiceLevel: number; maxOccupancy: number; shrinkage: number }): number {
  const n = smallestAgentCount('C', load, {
    targetSeconds: o.targetSeconds,
    targetServiceLevel: o.targetServiceLevel,
    maxOccupancy: o.maxOccupancy,
    maxAgents: MAX_AGENTS,
  });
  return n < 0 ? -1 : scheduledFor(n, o.shrinkage);
}
