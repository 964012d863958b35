/**
 * The routing decision (src/calls/routing/decide.ts) with 500 agents and 200 practice queues, against a
 * naive baseline measured in the same run: for every waiting call, list the eligible agents, sort them
 * by (tier, idle since) and take the first one still free. Both must give the same assignments (checked).
 *
 * Cases: one call arriving with every agent free (the decision taken on each incoming call); a busy
 * morning tick (600 waiting calls, 50 free agents); a stress case that cannot happen with a router
 * running on every event (600 waiting while 500 agents are free), timed for scale, without a budget.
 * Agents are assigned to ~12 practices each, one in five is the dedicated secretary of one or two.
 * Budget (ours; DESIGN.md gives 50 ms end to end for webhook → screen): a decision ≤ 1 ms p99 for one
 * call, ≤ 5 ms p99 for a busy tick, so routing stays a small part of that.
 * Run: `npm run bench calls-routing` or `npx tsx bench/calls-routing.ts [case name part]`. BENCH_ITERATIONS (default 200).
 */
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import {
  decide,
  compareCalls,
  tierOf,
  tierOpen,
  DEFAULT_QUEUE_CONFIG,
  type Assignment,
  type FreeAgent,
  type QueueConfig,
  type RoutingInput,
  type WaitingCall,
} from '../src/calls/routing/decide.ts';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);
const AGENTS = 500;
const QUEUES = 200;
const T0 = Date.UTC(2026, 2, 2, 8, 30);

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const practiceId = (i: number) => `p${String(i).padStart(3, '0')}`;

function world(seed: number) {
  const random = prng(seed);
  const agents: FreeAgent[] = [];
  for (let i = 0; i < AGENTS; i++) {
    const assigned = new Set<string>();
    while (assigned.size < 8 + Math.floor(random() * 9)) assigned.add(practiceId(Math.floor(random() * QUEUES)));
    const dedicated = new Set<string>();
    if (random() < 0.2) for (const p of [...assigned].slice(0, 1 + Math.floor(random() * 2))) dedicated.add(p);
    agents.push({ agentId: `a${String(i).padStart(3, '0')}`, idleSince: T0 - Math.floor(random() * 600_000), dedicated, assigned });
  }
  const configs = new Map<string, QueueConfig>();
  for (let q = 0; q < QUEUES; q++) configs.set(practiceId(q), { ...DEFAULT_QUEUE_CONFIG, maxQueueLength: 5 + Math.floor(random() * 10) });
  const calls = (n: number): WaitingCall[] =>
    Array.from({ length: n }, (_, i) => ({
      callId: `c${String(i).padStart(4, '0')}`,
      practiceId: practiceId(Math.floor(random() * QUEUES)),
      enqueuedAt: T0 - Math.floor(random() * 120_000),
      urgent: random() < 0.04,
      attempts: 0,
    }));
  return { agents, configs, calls, random };
}

/** The naive baseline: every call sorts its eligible agents. */
function naiveDecide(input: RoutingInput): Assignment[] {
  const calls = [...input.calls].sort(compareCalls);
  const taken = new Set<string>();
  const out: Assignment[] = [];
  const rank = { dedicated: 0, trained: 1, pool: 2 } as const;
  for (const call of calls) {
    const config = input.configs.get(call.practiceId) ?? DEFAULT_QUEUE_CONFIG;
    const eligible = input.agents
      .filter((a) => !taken.has(a.agentId) && tierOpen(tierOf(a, call.practiceId), config, input.now - call.enqueuedAt))
      .map((a) => ({ a, tier: tierOf(a, call.practiceId) }))
      .sort((x, y) => rank[x.tier] - rank[y.tier] || x.a.idleSince - y.a.idleSince || (x.a.agentId < y.a.agentId ? -1 : 1));
    const best = eligible[0];
    if (best === undefined) continue;
    taken.add(best.a.agentId);
    out.push({ callId: call.callId, agentId: best.a.agentId, tier: best.tier });
  }
  return out;
}

interface Stats {
  median: number;
  p99: number;
}

function measure(fn: () => unknown, iterations: number): Stats {
  for (let i = 0; i < Math.min(20, iterations); i++) fn();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)] as number, p99: times[Math.min(times.length - 1, Math.floor(times.length * 0.99))] as number };
}

const fmt = (x: number) => (x < 1 ? `${(x * 1000).toFixed(0)} µs` : `${x.toFixed(2)} ms`);

export async function run(only?: string): Promise<void> {
  const w = world(42);
  const many = w.calls(600);
  const oneCall = w.calls(1);
  const fewFree = w.agents.filter(() => w.random() < 0.1).slice(0, 50);
  const cases = [
    {
      name: 'one incoming call, 500 free agents',
      budget: 1,
      iterations: ITERATIONS * 10,
      input: { now: T0 + 20_000, calls: oneCall, agents: w.agents, configs: w.configs },
    },
    {
      name: 'busy tick: 600 waiting, 50 free agents',
      budget: 5,
      iterations: ITERATIONS * 5,
      input: { now: T0 + 20_000, calls: many, agents: fewFree, configs: w.configs },
    },
    {
      name: 'stress: 600 waiting, 500 free agents',
      budget: null,
      iterations: ITERATIONS,
      input: { now: T0 + 20_000, calls: many, agents: w.agents, configs: w.configs },
    },
  ].filter((c) => only === undefined || c.name.includes(only));

  console.log(
    `${AGENTS} agents (8–16 practices each, 20 % dedicated secretaries), ${QUEUES} queues; ${os.cpus().length} cores, ` +
      `load ${os.loadavg()[0]?.toFixed(1)}. Baseline: per call, filter + sort every eligible agent.`,
  );
  const header = ['case', 'assigned', 'decide p50', 'decide p99', 'naive p50', 'naive p99', 'speed-up', 'budget', 'met (p99)'];
  const rows: string[][] = [];
  for (const c of cases) {
    const fast = decide(c.input);
    const naive = naiveDecide(c.input);
    if (JSON.stringify(fast.assignments) !== JSON.stringify(naive)) throw new Error(`${c.name}: decide and the baseline disagree`);
    const r = measure(() => decide(c.input), c.iterations);
    const b = measure(() => naiveDecide(c.input), Math.max(20, Math.floor(c.iterations / 4)));
    rows.push([
      c.name,
      String(fast.assignments.length),
      fmt(r.median),
      fmt(r.p99),
      fmt(b.median),
      fmt(b.p99),
      `${(b.median / r.median).toFixed(1)}×`,
      c.budget === null ? '—' : `≤ ${c.budget} ms`,
      c.budget === null ? '—' : r.p99 <= c.budget ? 'yes' : 'NO',
    ]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) => cells.map((x, i) => (i === 0 ? x.padEnd(widths[i] as number) : x.padStart(widths[i] as number))).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run(process.argv[2]);
