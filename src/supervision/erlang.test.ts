/**
 * Erlang B, C and A against published vectors and independent computations.
 *
 * Sources:
 * - Call Centre Helper, "Erlang C Formula – Made Simple With an Easy Worked Example": 100 calls in 30 min,
 *   AHT 180 s (A = 10 Erlangs), T = 20 s: 11 agents wait with probability 0.6821 and answer 39 % within
 *   20 s; 14 agents are the first to reach 80 % (88.8 %).
 * - Westbay Engineers, "The Erlang-C formula" (worked example): 360 calls per half-hour, 240 s, 55 agents,
 *   T = 15 s: A = 48, occupancy 87.3 %, probability of waiting 23.9 %, ASA 8.2 s, service level 84.6 %.
 * - Erlang B table (e.g. ITU-T E.501 style tables): 5 lines at 2 Erlangs block 3.67 %.
 * - Independent computations here: Erlang C as exact rationals with BigInt (the textbook sum of A^k/k!,
 *   no recurrence); Erlang A with patience = handle time, where the number in the system is exactly
 *   Poisson(A) (every caller leaves at rate μ whether served or waiting); and a seeded simulation of
 *   M/M/N+M for the service level within T.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { erlangB, erlangC, evaluateC } from './erlang.ts';
import { evaluateA } from './erlang-a.ts';
import { staffing } from './staffing.ts';

const close = (actual: number, expected: number, tolerance: number, what = '') =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what} ${actual} ≠ ${expected} ± ${tolerance}`);

/** Erlang C for integer A and N from the definition, in exact rational arithmetic. */
function exactErlangC(agents: number, traffic: number): number {
  const a = BigInt(traffic);
  const n = BigInt(agents);
  let term = 1n; // A^k / k! as numerator over k!: keep a common denominator N!
  const terms: bigint[] = [];
  for (let k = 0n; k <= n; k++) {
    if (k > 0n) term *= a;
    terms.push(term); // A^k
  }
  // Σ_{k<N} A^k/k! = Σ A^k · N!/k! / N!
  const factorial = (m: bigint) => {
    let f = 1n;
    for (let i = 2n; i <= m; i++) f *= i;
    return f;
  };
  const nFact = factorial(n);
  let sum = 0n;
  let ratio = nFact; // N!/k! for k = 0
  for (let k = 0n; k < n; k++) {
    sum += (terms[Number(k)] as bigint) * ratio;
    ratio /= k + 1n;
  }
  // top = A^N/N! · N/(N−A); C = top / (Σ_{k<N} A^k/k! + top). Multiply all by N!·(N−A).
  const top = (terms[agents] as bigint) * n;
  const den = sum * (n - a) + top;
  const scale = 10n ** 18n;
  return Number((top * scale) / den) / 1e18;
}

describe('Erlang C', () => {
  const load = { arrivalRate: 100 / 1800, ahtSeconds: 180 };

  it('Call Centre Helper example: 10 Erlangs, T = 20 s, N = 11…15', () => {
    const rows = [11, 12, 13, 14, 15].map((n) => evaluateC(n, load, 20));
    close(rows[0]!.probabilityOfWaiting, 0.6821, 0.00005, 'Pw(11)');
    close(rows[0]!.serviceLevel, 0.39, 0.005, 'SL(11)');
    close(rows[3]!.serviceLevel, 0.888, 0.001, 'SL(14)');
    // Service level rises and ASA falls with every agent added.
    for (let i = 1; i < rows.length; i++) {
      assert.ok(rows[i]!.serviceLevel > rows[i - 1]!.serviceLevel);
      assert.ok(rows[i]!.asaSeconds! < rows[i - 1]!.asaSeconds!);
    }
    assert.ok(rows[2]!.serviceLevel < 0.8 && rows[3]!.serviceLevel >= 0.8);
    const answer = staffing({ model: 'C', callsPerInterval: 100, intervalSeconds: 1800, ahtSeconds: 180, targetSeconds: 20, targetServiceLevel: 0.8 });
    assert.equal(answer?.agents, 14);
  });

  it('Westbay example: 48 Erlangs on 55 agents, T = 15 s', () => {
    const p = evaluateC(55, { arrivalRate: 360 / 1800, ahtSeconds: 240 }, 15);
    assert.equal(p.trafficErlangs, 48);
    close(p.occupancy, 0.873, 0.0005);
    close(p.probabilityOfWaiting, 0.2387, 0.0005);
    close(p.asaSeconds!, 8.2, 0.05);
    close(p.serviceLevel, 0.846, 0.0005);
  });

  it('agrees with the exact rational computation, from 1 agent to 1,000 agents at 800 Erlangs', () => {
    for (const [n, a] of [
      [1, 0],
      [2, 1],
      [11, 10],
      [14, 10],
      [30, 25],
      [120, 100],
      [850, 800],
      [1000, 800],
    ] as const) {
      const exact = a === 0 ? 0 : exactErlangC(n, a);
      const fast = a === 0 ? 0 : erlangC(n, a);
      close(fast, exact, 1e-12 + exact * 1e-10, `C(${n}, ${a})`);
    }
  });

  it('load at or above the agents: service level 0 and no ASA, never NaN', () => {
    for (const n of [10, 5, 1]) {
      const p = evaluateC(n, load, 20);
      assert.deepEqual([p.serviceLevel, p.probabilityOfWaiting, p.asaSeconds, p.occupancy], [0, 1, null, 1]);
    }
  });

  it('no calls: nothing waits; the smallest staffing is 0 agents', () => {
    const none = { arrivalRate: 0, ahtSeconds: 180 };
    const p = evaluateC(3, none, 20);
    assert.deepEqual([p.serviceLevel, p.probabilityOfWaiting, p.asaSeconds, p.occupancy], [1, 0, 0, 0]);
    const s = staffing({ model: 'C', callsPerInterval: 0, intervalSeconds: 1800, ahtSeconds: 180, targetSeconds: 20, shrinkage: 0.3 });
    assert.deepEqual([s?.agents, s?.scheduledAgents], [0, 0]);
  });

  it('one agent: M/M/1, where P(wait) = ρ and SL = 1 − ρ·e^{−(μ−λ)T}', () => {
    const p = evaluateC(1, { arrivalRate: 1 / 600, ahtSeconds: 180 }, 20);
    close(p.probabilityOfWaiting, 0.3, 1e-12);
    close(p.serviceLevel, 1 - 0.3 * Math.exp(-(1 / 180 - 1 / 600) * 20), 1e-12);
  });

  it('a maximum occupancy adds agents beyond the service level; shrinkage schedules more', () => {
    const q = { model: 'C' as const, callsPerInterval: 100, intervalSeconds: 1800, ahtSeconds: 180, targetSeconds: 20, targetServiceLevel: 0.8 };
    assert.equal(staffing({ ...q, maxOccupancy: 0.65 })?.agents, 16); // 10/16 = 0.625; 10/15 = 0.667
    assert.equal(staffing({ ...q, shrinkage: 0.3 })?.scheduledAgents, 20); // ⌈14 / 0.7⌉
  });
});

describe('Erlang B', () => {
  it('5 lines at 2 Erlangs block 3.67 %; the recurrence stays finite at 1,000 lines', () => {
    close(erlangB(5, 2), 0.0367, 0.00005);
    const b = erlangB(1000, 800);
    assert.ok(Number.isFinite(b) && b > 0 && b < 1e-6);
  });
});

describe('Erlang A', () => {
  const load = { arrivalRate: 100 / 1800, ahtSeconds: 180 };

  it('patience = handle time: the number in the system is Poisson(A)', () => {
    const a = 10;
    const pois: number[] = [Math.exp(-a)];
    for (let k = 1; k < 200; k++) pois.push((pois[k - 1]! * a) / k);
    for (const n of [8, 11, 14]) {
      const p = evaluateA(n, load, { targetSeconds: 20, patienceSeconds: 180 });
      const waits = pois.slice(n).reduce((s, x) => s + x, 0);
      const queue = pois.reduce((s, x, k) => s + Math.max(0, k - n) * x, 0);
      close(p.probabilityOfWaiting, waits, 1e-12, `Pw(${n})`);
      close(p.abandonRate!, queue / a, 1e-12, `Pab(${n})`);
    }
  });

  it('very patient callers: Erlang A tends to Erlang C', () => {
    const a = evaluateA(13, load, { targetSeconds: 20, patienceSeconds: 1e9 });
    const c = evaluateC(13, load, 20);
    close(a.serviceLevel, c.serviceLevel, 1e-6);
    close(a.asaSeconds!, c.asaSeconds!, 1e-3);
  });

  it('service level within T of offered calls agrees with a seeded simulation of M/M/N+M', () => {
    const n = 11;
    const patience = 120;
    const model = evaluateA(n, load, { targetSeconds: 20, patienceSeconds: patience });
    const sim = simulate({ agents: n, lambda: load.arrivalRate, aht: 180, patience, t: 20, calls: 400_000 });
    close(model.serviceLevel, sim.withinT, 0.006, 'SL');
    close(model.abandonRate!, sim.abandoned, 0.004, 'abandons');
    // Overloaded, Erlang A stays finite (callers leave) where C has no steady state.
    const over = evaluateA(8, load, { targetSeconds: 20, patienceSeconds: patience });
    assert.ok(over.serviceLevel > 0 && over.abandonRate! > 0.1 && over.asaSeconds! > 0);
  });

  it('1,000 agents at 800 Erlangs with impatient callers: finite, and the search finds fewer agents than C', () => {
    const q = { callsPerInterval: 8000, intervalSeconds: 1800, ahtSeconds: 180, targetSeconds: 20, targetServiceLevel: 0.8 };
    const a = staffing({ ...q, model: 'A', patienceSeconds: 120 })!;
    const c = staffing({ ...q, model: 'C' })!;
    assert.ok(Number.isFinite(a.serviceLevel) && a.serviceLevel >= 0.8);
    assert.ok(a.agents < c.agents, `${a.agents} < ${c.agents}`);
    const below = evaluateA(a.agents - 1, { arrivalRate: 8000 / 1800, ahtSeconds: 180 }, { targetSeconds: 20, patienceSeconds: 120 });
    assert.ok(below.serviceLevel < 0.8);
    const big = evaluateA(1000, { arrivalRate: 8000 / 1800, ahtSeconds: 180 }, { targetSeconds: 20, patienceSeconds: 120 });
    close(big.serviceLevel, 1, 1e-9);
  });
});

/** A discrete-event simulation of M/M/N+M, FCFS, with a fixed seed (xorshift). */
function simulate(o: { agents: number; lambda: number; aht: number; patience: number; t: number; calls: number }) {
  let seed = 0x2545f491;
  const uniform = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return ((seed >>> 0) + 0.5) / 4294967296;
  };
  const exp = (mean: number) => -mean * Math.log(uniform());
  const free: number[] = new Array<number>(o.agents).fill(0); // when each agent is next free
  let clock = 0;
  let within = 0;
  let abandoned = 0;
  for (let i = 0; i < o.calls; i++) {
    clock += exp(1 / o.lambda);
    // FCFS with exponential patience: the caller takes the earliest free agent if he is still there.
    let best = 0;
    for (let k = 1; k < o.agents; k++) if (free[k]! < free[best]!) best = k;
    const start = Math.max(clock, free[best]!);
    const wait = start - clock;
    if (wait > exp(o.patience)) {
      abandoned++;
      continue;
    }
    if (wait <= o.t) within++;
    free[best] = start + exp(o.aht);
  }
  return { withinT: within / o.calls, abandoned: abandoned / o.calls };
}
