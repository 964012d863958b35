/**
 * Erlang B and Erlang C (M/M/N): blocking, probability of waiting, service level, ASA, occupancy. Pure.
 *
 * Numerically stable for any N and load: Erlang B by its recurrence B(0) = 1,
 * B(n) = A·B(n−1) / (n + A·B(n−1)) (never a power or a factorial), and Erlang C from B:
 * C = N·B / (N − A·(1 − B)). Correct to double precision up to thousands of agents.
 * Rates are per second; A = λ·AHT (Erlangs).
 */

export interface Load {
  /** Calls per second. */
  arrivalRate: number;
  ahtSeconds: number;
}

export interface Performance {
  agents: number;
  trafficErlangs: number;
  probabilityOfWaiting: number;
  /** Share of offered calls answered within T (0–1). */
  serviceLevel: number;
  /** Mean wait of answered calls; null when the queue grows without end (load ≥ agents). */
  asaSeconds: number | null;
  /** Busy share of the agents (0–1). */
  occupancy: number;
  abandonRate?: number;
  blockingProbability?: number;
}

export const trafficOf = (load: Load): number => load.arrivalRate * load.ahtSeconds;

/** Erlang B: the probability that a call finds all N servers busy in a loss system. */
export function erlangB(agents: number, traffic: number): number {
  let b = 1;
  for (let n = 1; n <= agents; n++) b = (traffic * b) / (n + traffic * b);
  return b;
}

/**
 * ln(1/B(N, A)), which stays finite where B underflows (4,000 agents at 2,000 Erlangs):
 * 1/B(n) = 1 + (n/A)·1/B(n−1), summed in logs.
 */
export function logInverseErlangB(agents: number, traffic: number): number {
  let l = 0;
  for (let n = 1; n <= agents; n++) {
    const x = Math.log(n / traffic) + l;
    l = x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
  }
  return l;
}

/** Erlang C from Erlang B of the same N and A; 1 when the load reaches the agents (the queue never empties). */
export function erlangCFromB(agents: number, traffic: number, b: number): number {
  if (traffic >= agents) return 1;
  const c = (agents * b) / (agents - traffic * (1 - b));
  return Math.min(1, Math.max(0, c));
}

export function erlangC(agents: number, traffic: number): number {
  return erlangCFromB(agents, traffic, erlangB(agents, traffic));
}

/** Erlang C performance once B(N, A) is known (the search below carries B along its recurrence). */
function performanceC(agents: number, load: Load, targetSeconds: number, b: number): Performance {
  const a = trafficOf(load);
  if (a === 0) return { agents, trafficErlangs: 0, probabilityOfWaiting: 0, serviceLevel: 1, asaSeconds: 0, occupancy: 0 };
  if (a >= agents) return { agents, trafficErlangs: a, probabilityOfWaiting: 1, serviceLevel: 0, asaSeconds: null, occupancy: 1 };
  const c = erlangCFromB(agents, a, b);
  const spare = (agents - a) / load.ahtSeconds; // Nμ − λ, per second
  return {
    agents,
    trafficErlangs: a,
    probabilityOfWaiting: c,
    serviceLevel: Math.max(0, 1 - c * Math.exp(-spare * targetSeconds)),
    asaSeconds: c / spare,
    occupancy: a / agents,
  };
}

export function evaluateC(agents: number, load: Load, targetSeconds: number): Performance {
  return performanceC(agents, load, targetSeconds, erlangB(agents, trafficOf(load)));
}

/** Erlang B performance: no queue; a blocked call is lost (a failure of the service level). */
function performanceB(agents: number, load: Load, b: number): Performance {
  const a = trafficOf(load);
  const blocked = a === 0 ? 0 : b;
  return {
    agents,
    trafficErlangs: a,
    probabilityOfWaiting: 0,
    serviceLevel: 1 - blocked,
    asaSeconds: 0,
    occupancy: agents === 0 ? (a === 0 ? 0 : 1) : (a * (1 - blocked)) / agents,
    blockingProbability: blocked,
  };
}

export function evaluateB(agents: number, load: Load): Performance {
  return performanceB(agents, load, erlangB(agents, trafficOf(load)));
}

export interface Target {
  targetSeconds: number;
  /** 0–1. */
  targetServiceLevel: number;
  /** 0–1: the smallest N also keeps A/N at or under it. */
  maxOccupancy: number;
  /** Give up past this many agents (the answer is then null). */
  maxAgents: number;
}

/**
 * The smallest N meeting the service-level target under the maximum occupancy (Erlang B or C), walking
 * N upward with B's recurrence: O(N) in all. Null when no N ≤ maxAgents does.
 */
export function smallestAgents(model: 'B' | 'C', load: Load, t: Target): Performance | null {
  const a = trafficOf(load);
  if (a === 0) return model === 'B' ? performanceB(0, load, 0) : performanceC(0, load, t.targetSeconds, 1);
  let b = 1;
  for (let n = 1; n <= t.maxAgents; n++) {
    b = (a * b) / (n + a * b);
    if (model === 'C' && a >= n) continue;
    const p = model === 'B' ? performanceB(n, load, b) : performanceC(n, load, t.targetSeconds, b);
    if (p.serviceLevel >= t.targetServiceLevel && p.occupancy <= t.maxOccupancy) return p;
  }
  return null;
}
