/**
 * Erlang A (Palm's M/M/N+M): Poisson arrivals, exponential handle time, N agents, and callers who hang up
 * after an exponential patience (mean `patienceSeconds`) while they wait. Pure.
 *
 * Stationary law, relative to the state "N busy, nobody waiting": states below N sum to 1/B(N, A)
 * (Erlang B, by its recurrence); queue state j weighs Π_{k=1..j} λ / (Nμ + kθ). Everything is summed in
 * log space, so that neither powers nor factorials overflow (1,000 agents, 800 Erlangs).
 *
 * - probabilityOfWaiting = P(an arrival finds the N agents busy) (PASTA).
 * - abandonRate = θ·E[queue] / λ (the rate of hang-ups over the rate of arrivals).
 * - serviceLevel = share of OFFERED calls answered within T: answered at once, or served within T
 *   before hanging up. A caller arriving with i callers ahead moves up at rate Nμ + iθ and hangs up at
 *   rate θ; P(served by T) has a closed form through an incomplete beta function (see servedBy).
 * - asaSeconds = mean wait of ANSWERED calls (the call log's definition); occupancy = carried load / N.
 */
import { logInverseErlangB, type Load, type Performance } from './erlang.ts';

/** Stationary queue weights below this share of the largest are dropped (far below double precision). */
const NEGLIGIBLE_LOG = Math.log(1e-18);
/** A queue this long is beyond any call centre: the question is refused before (see the service). */
const MAX_QUEUE_STATES = 1_000_000;

function logSumExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  const m = Math.max(a, b);
  return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
}

export function evaluateA(agents: number, load: Load, o: { targetSeconds: number; patienceSeconds: number }): Performance {
  const lambda = load.arrivalRate;
  const mu = 1 / load.ahtSeconds;
  const theta = 1 / o.patienceSeconds;
  const a = lambda * load.ahtSeconds;
  if (lambda === 0) return { agents, trafficErlangs: 0, probabilityOfWaiting: 0, serviceLevel: 1, asaSeconds: 0, occupancy: 0, abandonRate: 0 };
  if (agents === 0) return { agents, trafficErlangs: a, probabilityOfWaiting: 1, serviceLevel: 0, asaSeconds: null, occupancy: 0, abandonRate: 1 };

  const nMu = agents * mu;
  // Queue weights q_j (j ≥ 1 waiting), in logs, until negligible past their peak.
  const logQ: number[] = [0]; // j = 0: the state "N busy, nobody waiting" itself (weight 1)
  let logS = -Infinity; // log Σ_{j≥1} q_j
  let peak = 0;
  for (let j = 1; j <= MAX_QUEUE_STATES; j++) {
    const l = (logQ[j - 1] as number) + Math.log(lambda / (nMu + j * theta));
    logQ.push(l);
    logS = logSumExp(logS, l);
    peak = Math.max(peak, l);
    if (l < peak + NEGLIGIBLE_LOG && lambda < nMu + j * theta) break;
    if (j === MAX_QUEUE_STATES) throw new RangeError('Erlang A: queue longer than 1,000,000 callers (λ × patience too large)');
  }
  // States 0..N sum to 1/B (N included); the queue adds S.
  const logZ = logSumExp(logInverseErlangB(agents, a), logS);
  const mass = logQ.map((l) => Math.exp(l - logZ)); // P(arrival finds N + j), j = 0..J
  const probabilityOfWaiting = Math.min(1, Math.exp(logSumExp(0, logS) - logZ));

  let meanQueue = 0;
  for (let j = 1; j < mass.length; j++) meanQueue += j * (mass[j] as number);
  const abandonRate = Math.min(1, (theta * meanQueue) / lambda);

  // Mean wait of the served, E[W·1{served}] from i callers ahead: m_i = q_i (p_{i−1}/r_i + m_{i−1}).
  let p = 1;
  let m = 0;
  let waitServed = 0;
  for (let i = 0; i < mass.length; i++) {
    const r = nMu + (i + 1) * theta;
    const q = (nMu + i * theta) / r;
    m = q * (p / r + m);
    p *= q;
    waitServed += (mass[i] as number) * m;
  }
  const served = 1 - abandonRate;
  const servedWithinT = 1 - probabilityOfWaiting + servedBy(mass, { nMu, theta, t: o.targetSeconds });
  return {
    agents,
    trafficErlangs: a,
    probabilityOfWaiting,
    serviceLevel: Math.min(1, Math.max(0, servedWithinT)),
    asaSeconds: served > 0 ? waitServed / served : null,
    occupancy: Math.min(1, (a * served) / agents),
    abandonRate,
  };
}

/**
 * Σ_i mass[i] · P(served within t | i callers ahead), in one pass.
 *
 * With i ahead the time to service S is a sum of exponentials of rates Nμ + kθ (k = i…0), and
 * S = −ln(U)/θ with U ~ Beta(x, i+1), x = Nμ/θ (their Laplace transforms agree term by term). The caller
 * is served within t if S ≤ t and S comes before his own patience Exp(θ):
 *   E[e^{−θS}; S ≤ t] = E[U; U ≥ z] = x/(x+i+1) · (1 − I_z(x+1, i+1)),  z = e^{−θt},
 * and for an integer second parameter I_z(a, i+1) = z^a Σ_{k=0..i} C(a+k−1, k)(1−z)^k: the sum for i
 * extends the sum for i−1 by one term. Terms are kept in logs.
 */
function servedBy(mass: readonly number[], o: { nMu: number; theta: number; t: number }): number {
  const x = o.nMu / o.theta;
  const logZ = -o.theta * o.t; // ln z
  const log1mZ = Math.log(-Math.expm1(logZ)); // ln(1 − z)
  let logTerm = (x + 1) * logZ; // k = 0: z^{x+1}
  let logCdf = logTerm;
  let total = 0;
  for (let i = 0; i < mass.length; i++) {
    if (i > 0) {
      logTerm += Math.log((x + i) / i) + log1mZ;
      logCdf = logSumExp(logCdf, logTerm);
    }
    const servedAtAll = x / (x + i + 1);
    total += (mass[i] as number) * servedAtAll * Math.max(0, 1 - Math.exp(Math.min(0, logCdf)));
  }
  return total;
}
