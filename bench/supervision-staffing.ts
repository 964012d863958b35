/**
 * Staffing for 200 queues × 7 days × 48 half-hours (67,200 smallest-N searches, Erlang C, 80 % in 20 s) — DESIGN.md's budget: ≤ 50 ms in total. Loads follow the demo's weekly shape
 * (5–60 calls a day per queue, AHT 150–240 s). Baseline in the same run: the same searches with Erlang C
 * as a naive, factorial-free direct sum (Σ A^k/k! rebuilt term by term for every N tried). Also printed:
 * the same searches with Erlang A (patience 120 s), without a budget.
 * Run: `npm run bench supervision-staffing`. BENCH_ITERATIONS (default 20).
 */
import { pathToFileURL } from 'node:url';
import { expectedCalls, HALF_HOUR_PROFILE } from '../src/demo/call-history-model.ts';
import { scheduledAgentsC, staffing } from '../src/supervision/staffing.ts';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 20);
const QUEUES = 200;

interface Cell {
  calls: number;
  aht: number;
}

function loads(): Cell[] {
  let seed = 12345;
  const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296;
  const cells: Cell[] = [];
  for (let q = 0; q < QUEUES; q++) {
    const daily = 5 + rnd() * 55;
    const aht = 150 + rnd() * 90;
    for (let weekday = 1; weekday <= 7; weekday++) {
      for (let slot = 0; slot < 48; slot++) {
        const h = slot - 16; // the profile starts at 08:00
        const calls = h >= 0 && h < HALF_HOUR_PROFILE.length ? expectedCalls({ dailyCalls: daily, weekday, halfHour: h, epidemic: false }) : 0;
        cells.push({ calls, aht });
      }
    }
  }
  return cells;
}

/** Erlang C by the textbook sum, each term from the previous one (no factorial), rebuilt for every N. */
function naiveSmallestC(calls: number, aht: number): number {
  const a = (calls / 1800) * aht;
  if (a === 0) return 0;
  for (let n = Math.floor(a) + 1; ; n++) {
    let term = 1;
    let sum = 0;
    for (let k = 0; k < n; k++) {
      sum += term;
      term = (term * a) / (k + 1);
    }
    const top = (term * n) / (n - a);
    const c = top / (sum + top);
    if (1 - c * Math.exp((-(n - a) * 20) / aht) >= 0.8) return n;
  }
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

function time(label: string, once: () => number): { p50: number; p95: number; check: number } {
  const samples: number[] = [];
  let check = once(); // warm-up (compilation), not counted
  for (let i = 0; i < ITERATIONS; i++) {
    const started = performance.now();
    check = once();
    samples.push(performance.now() - started);
  }
  samples.sort((x, y) => x - y);
  const r = { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95), check };
  console.log(`${label.padEnd(44)} p50 ${r.p50.toFixed(1).padStart(7)} ms   p95 ${r.p95.toFixed(1).padStart(7)} ms   (agents in total: ${check})`);
  return r;
}

export async function run(): Promise<void> {
  const cells = loads();
  console.log(`${QUEUES} queues × 7 days × 48 half-hours = ${cells.length} staffing searches, ${ITERATIONS} runs`);
  const target = { targetSeconds: 20, targetServiceLevel: 0.8, maxOccupancy: 1, shrinkage: 0 };
  const load = { arrivalRate: 0, ahtSeconds: 180 };
  const ours = time('Erlang C, recurrence (src/supervision)', () => {
    let total = 0;
    for (const c of cells) {
      load.arrivalRate = c.calls / 1800;
      load.ahtSeconds = c.aht;
      total += scheduledAgentsC(load, target);
    }
    return total;
  });
  time('  the same through staffing() (full answer)', () => {
    let total = 0;
    for (const c of cells)
      total +=
        staffing({ model: 'C', callsPerInterval: c.calls, intervalSeconds: 1800, ahtSeconds: c.aht, targetSeconds: 20, targetServiceLevel: 0.8 })?.agents ?? 0;
    return total;
  });
  const naive = time('Erlang C, naive direct sum (baseline)', () => {
    let total = 0;
    for (const c of cells) total += naiveSmallestC(c.calls, c.aht);
    return total;
  });
  if (ours.check !== naive.check) throw new Error(`the two disagree: ${ours.check} vs ${naive.check} agents`);
  time('Erlang A, patience 120 s (no budget)', () => {
    let total = 0;
    for (const c of cells)
      total +=
        staffing({
          model: 'A',
          callsPerInterval: c.calls,
          intervalSeconds: 1800,
          ahtSeconds: c.aht,
          targetSeconds: 20,
          targetServiceLevel: 0.8,
          patienceSeconds: 120,
        })?.agents ?? 0;
    return total;
  });
  console.log(
    `budget ≤ 50 ms in total: p95 ${ours.p95.toFixed(1)} ms — ${ours.p95 <= 50 ? 'met' : 'NOT met'}; ${(naive.p50 / ours.p50).toFixed(1)}× faster than the baseline (p50)`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
