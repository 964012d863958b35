/**
 * The simulator's traffic model: which calls arrive when, and how each caller and agent will behave.
 * Arrivals per practice are a non-homogeneous Poisson process (intensity from profile.ts in the
 * practice's local time, drawn by thinning); handle times are log-normal around 2–3 minutes; callers
 * hang up after an exponential patience; a few calls are urgent (the voice menu's digit). Pure and
 * seeded: the same options give the same calls, to the millisecond.
 */
import { Rng } from '../../demo/random.ts';
import type { CallOutcome } from '../events.ts';
import { exponential, logNormal, uniform } from './distributions.ts';
import { intensityAt, PEAK_INTENSITY, type ProfileName } from './profile.ts';

export interface SimPractice {
  /** The practice's forwarded number (the DID the carrier calls the webhook with), E.164. */
  number: string;
  /** IANA zone of the practice: its profile follows its local clock. */
  timeZone: string;
  /** Relative size of the practice (more practitioners, more calls); 1 by default. */
  weight?: number;
  practiceId?: string;
}

export interface TrafficOptions {
  seed: string;
  /** Simulated instant the traffic starts at (ms since epoch). */
  start: number;
  /** Simulated duration (ms). */
  durationMs: number;
  /** Mean arrivals per simulated hour over the whole window, all practices together. */
  callsPerHour: number;
  practices: readonly SimPractice[];
  profile?: ProfileName;
  /** Share of calls flagged urgent by the voice menu (default 0.04). */
  urgentShare?: number;
  /** Median talk time, seconds (default 150: 2 min 30 s). */
  talkMedianSeconds?: number;
  /** σ of the log of talk time (default 0.45: half the calls between ~1 min 50 s and ~3 min 25 s). */
  talkSigma?: number;
  /** Mean patience of a waiting caller, seconds (default 75). */
  patienceMeanSeconds?: number;
  /** Share of first rings the simulated agent lets go unanswered (default 0.03). */
  ringNoAnswerShare?: number;
}

/** One simulated call: what the carrier will send and how caller and agent will act, in simulated ms. */
export interface SimCall {
  seq: number;
  /** Twilio-style call id: 'CA' + 32 hex digits. */
  callSid: string;
  /** Simulated instant of arrival. */
  at: number;
  /** The called number (the practice's line). */
  to: string;
  /** The caller's number. */
  from: string;
  practiceId?: string;
  /** The voice menu's urgent digit was pressed. */
  urgent: boolean;
  /** The caller hangs up after waiting this long unanswered. */
  patienceMs: number;
  /** Conversation time once connected. */
  talkMs: number;
  /** The agent's after-call work. */
  wrapUpMs: number;
  /** How long the ringing agent takes to pick up. */
  answerDelayMs: number;
  /** The first agent offered this call lets it ring out (the call is re-queued). */
  firstRingUnanswered: boolean;
  /** Who ends the conversation: the agent (else the caller hangs up). */
  agentEndsCall: boolean;
  /** Sent to voicemail (closed line, overflow), the caller leaves a message (else hangs up). */
  leavesVoicemail: boolean;
  /** What the agent records as the call's outcome. */
  outcome: CallOutcome;
}

/** What calls to a practice are about (an urgent call is put through or sent to the 15 more often). */
const OUTCOMES: readonly (readonly [CallOutcome, number])[] = [
  ['booked', 35],
  ['moved', 10],
  ['cancelled', 8],
  ['message', 20],
  ['information', 20],
  ['put_through', 5],
  ['other', 2],
];
const URGENT_OUTCOMES: readonly (readonly [CallOutcome, number])[] = [
  ['put_through', 40],
  ['sent_to_15', 25],
  ['message', 20],
  ['booked', 15],
];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function hex(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(rng.next() * 16)];
  return s;
}

/**
 * A French mobile number; one caller in five is someone who called before (a caller pool), but never
 * one who called in the last hour: the simulated agents tell calls apart by called and caller number.
 */
function callerNumber(rng: Rng, pool: Map<string, number>, at: number): string {
  if (pool.size > 0 && rng.chance(0.2)) {
    const again = rng.pick([...pool.keys()]);
    if (at - (pool.get(again) as number) > HOUR) {
      pool.set(again, at);
      return again;
    }
  }
  const n = `+33${rng.chance(0.85) ? '6' : '7'}${rng.digits(8)}`;
  pool.set(n, at);
  return n;
}

/** The expected intensity integral (intensity × minutes) of each practice over the window. */
function intensityMinutes(o: TrafficOptions, profile: ProfileName): number[] {
  const minutes = Math.max(1, Math.round(o.durationMs / MINUTE));
  return o.practices.map((p) => {
    let sum = 0;
    for (let m = 0; m < minutes; m++) sum += intensityAt(profile, p.timeZone, o.start + (m + 0.5) * (o.durationMs / minutes));
    return sum * (o.durationMs / minutes / MINUTE) * (p.weight ?? 1);
  });
}

/**
 * The calls of the window, in arrival order. The rate is scaled so that the expected number of calls
 * is `callsPerHour` × hours: the profile decides when and where they fall, not how many.
 */
export function generateTraffic(o: TrafficOptions): SimCall[] {
  if (o.practices.length === 0 || o.durationMs <= 0 || o.callsPerHour <= 0) return [];
  const profile = o.profile ?? 'day';
  const expectedTotal = (o.callsPerHour * o.durationMs) / (60 * MINUTE);
  const mass = intensityMinutes(o, profile);
  const totalMass = mass.reduce((a, b) => a + b, 0);
  if (totalMass <= 0) return [];
  // Calls per (intensity × weight × minute): then rate_p(t) = scale × weight_p × intensity_p(t).
  const scale = expectedTotal / totalMass;
  const weights = o.practices.map((p) => p.weight ?? 1);
  const peak = profile === 'flat' ? 1 : PEAK_INTENSITY;
  const maxRatePerMs = (scale * peak * weights.reduce((a, b) => a + b, 0)) / MINUTE;

  const arrivals = new Rng(o.seed).fork('arrivals');
  const behaviour = new Rng(o.seed).fork('behaviour');
  const pool = new Map<string, number>();
  const calls: SimCall[] = [];
  const end = o.start + o.durationMs;
  for (let t = o.start + exponential(arrivals, 1 / maxRatePerMs); t < end; t += exponential(arrivals, 1 / maxRatePerMs)) {
    // Thinning: keep a candidate with probability rate(t) / max rate, then pick its practice by rate.
    const rates = o.practices.map((p, i) => scale * (weights[i] as number) * intensityAt(profile, p.timeZone, t));
    const rate = rates.reduce((a, b) => a + b, 0) / MINUTE;
    if (arrivals.next() * maxRatePerMs >= rate) continue;
    const index = arrivals.weighted(rates.map((r, i) => [i, r] as const));
    const practice = o.practices[index] as SimPractice;
    const at = Math.round(t);
    const urgent = behaviour.chance(o.urgentShare ?? 0.04);
    calls.push({
      seq: calls.length + 1,
      callSid: `CA${hex(behaviour, 32)}`,
      at,
      to: practice.number,
      from: callerNumber(behaviour, pool, at),
      ...(practice.practiceId !== undefined ? { practiceId: practice.practiceId } : {}),
      urgent,
      patienceMs: Math.round(exponential(behaviour, (o.patienceMeanSeconds ?? 75) * 1000)),
      talkMs: Math.round(Math.min(logNormal(behaviour, (o.talkMedianSeconds ?? 150) * 1000, o.talkSigma ?? 0.45), 30 * MINUTE)),
      wrapUpMs: Math.round(uniform(behaviour, 10_000, 40_000)),
      answerDelayMs: Math.round(uniform(behaviour, 1_000, 4_000)),
      firstRingUnanswered: behaviour.chance(o.ringNoAnswerShare ?? 0.03),
      agentEndsCall: behaviour.chance(0.7),
      leavesVoicemail: behaviour.chance(0.6),
      outcome: behaviour.weighted(urgent ? URGENT_OUTCOMES : OUTCOMES),
    });
  }
  return calls;
}
