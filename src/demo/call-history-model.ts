/**
 * The demo's eight weeks of calls, generated in memory (pure: a PRNG and the practices in, calls out):
 * arrivals per practice and local half-hour with a Monday peak, a morning rush, a lunch dip, an epidemic
 * week and no calls on public holidays; then one queue served first come, first served by the six demo
 * agents on their shifts, callers hanging up after an exponential patience, calls leaving for voicemail
 * after the maximum wait. What comes out is what the live system would have logged.
 */
import { dateOfDayNumber, dayNumberOf, instantToLocal, localToInstant, weekdayOfDayNumber } from '../core/time/local-time.ts';
import type { Rng } from './random.ts';

const MINUTE = 60_000;
const SECOND = 1000;

/** Relative call volume of each local half-hour from 08:00 to 19:00 (22 half-hours): rush, lunch dip. */
export const HALF_HOUR_PROFILE = [0.6, 1.3, 1.6, 1.5, 1.3, 1.1, 1.0, 0.9, 0.6, 0.35, 0.35, 0.6, 1.0, 1.1, 1.0, 0.9, 0.9, 0.85, 0.8, 0.7, 0.5, 0.35] as const;
/** ISO weekday (1 = Monday) → factor; Saturday mornings only; Sunday closed. */
export const WEEKDAY_FACTOR = [0, 1.4, 1.0, 0.9, 1.0, 0.95, 0.45, 0] as const;
/** Monday mornings (before noon) carry the weekend's backlog. */
export const MONDAY_MORNING_FACTOR = 1.25;
export const EPIDEMIC_FACTOR = 1.6;
const PROFILE_SUM = HALF_HOUR_PROFILE.reduce((s, x) => s + x, 0);

export interface HistoryPractice {
  id: string;
  timeZone: string;
  /** Local dates 'YYYY-MM-DD' the practice is closed (public holidays of its region). */
  holidays: ReadonlySet<string>;
  /** Calls of an ordinary Tuesday. */
  dailyCalls: number;
  /** The practices a trainer uses for exercises get a few training calls a week. */
  training: boolean;
}

export interface HistoryAgent {
  id: string;
  /** Shift in Europe/Paris wall time, minutes from midnight; lunch break start (45 min) or null. */
  start: number;
  end: number;
  lunch: number | null;
  saturday: boolean;
}

export type Disposition = 'answered' | 'abandoned' | 'overflowed';

export interface HistoryCall {
  practiceId: string;
  arrivedAt: number;
  disposition: Disposition;
  agentId: string | null;
  offeredAt: number | null;
  connectedAt: number | null;
  completedAt: number | null;
  wrappedAt: number | null;
  /** ABANDON or TIMEOUT. */
  leftAt: number | null;
  training: boolean;
}

export interface AgentEvent {
  at: number;
  agentId: string;
  event: 'LOGIN' | 'LOGOFF' | 'PAUSE' | 'UNPAUSE';
  data: Record<string, unknown>;
}

export interface HistoryOptions {
  /** The first and last local days (day numbers), inclusive. */
  fromDay: number;
  toDay: number;
  /** Day number of the Monday that starts the epidemic week. */
  epidemicMonday: number;
  maxWaitSeconds: number;
  meanPatienceSeconds: number;
}

const PARIS = 'Europe/Paris';

/** A Poisson draw (Knuth for small means, normal approximation above 30). */
function poisson(rng: Rng, mean: number): number {
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(rng)));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

function gaussian(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

const exponential = (rng: Rng, mean: number) => -mean * Math.log(1 - rng.next());

/** The expected calls of one practice in one local half-hour (index 0 = 08:00). */
export function expectedCalls(o: { dailyCalls: number; weekday: number; halfHour: number; epidemic: boolean }): number {
  const profile = HALF_HOUR_PROFILE[o.halfHour] ?? 0;
  if (o.weekday === 6 && o.halfHour >= 8) return 0; // Saturday: 08:00–12:00
  const monday = o.weekday === 1 && o.halfHour < 8 ? MONDAY_MORNING_FACTOR : 1;
  return (o.dailyCalls * (WEEKDAY_FACTOR[o.weekday] ?? 0) * monday * (o.epidemic ? EPIDEMIC_FACTOR : 1) * profile) / PROFILE_SUM;
}

function arrivals(rng: Rng, practices: readonly HistoryPractice[], o: HistoryOptions): { practiceId: string; at: number; training: boolean }[] {
  const out: { practiceId: string; at: number; training: boolean }[] = [];
  for (const p of practices) {
    for (let day = o.fromDay; day <= o.toDay; day++) {
      const date = dateOfDayNumber(day);
      const weekday = weekdayOfDayNumber(day);
      if (weekday === 7 || p.holidays.has(date)) continue;
      const epidemic = day >= o.epidemicMonday && day < o.epidemicMonday + 7;
      const eight = localToInstant(p.timeZone, date, '08:00');
      for (let h = 0; h < HALF_HOUR_PROFILE.length; h++) {
        const n = poisson(rng, expectedCalls({ dailyCalls: p.dailyCalls, weekday, halfHour: h, epidemic }));
        for (let i = 0; i < n; i++) out.push({ practiceId: p.id, at: eight + h * 30 * MINUTE + Math.floor(rng.next() * 30 * MINUTE), training: false });
      }
      // Tuesday 14:00: a trainer rings a practice six times for an exercise.
      if (p.training && weekday === 2) {
        for (let i = 0; i < 6; i++) out.push({ practiceId: p.id, at: localToInstant(p.timeZone, date, '14:00') + i * 5 * MINUTE, training: true });
      }
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

interface Shift {
  agentId: string;
  /** Available intervals of the day, ms. */
  spans: [number, number][];
}

function shifts(agents: readonly HistoryAgent[], o: HistoryOptions): { spans: Shift[]; events: AgentEvent[] } {
  const spans: Shift[] = [];
  const events: AgentEvent[] = [];
  for (let day = o.fromDay; day <= o.toDay; day++) {
    const weekday = weekdayOfDayNumber(day);
    if (weekday === 7) continue;
    const date = dateOfDayNumber(day);
    for (const a of agents) {
      if (weekday === 6 && !a.saturday) continue;
      const at = (minutes: number) =>
        localToInstant(PARIS, date, `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`);
      const start = at(a.start);
      const end = weekday === 6 ? Math.min(at(a.end), at(13 * 60)) : at(a.end);
      if (end <= start) continue;
      events.push({ at: start, agentId: a.id, event: 'LOGIN', data: { status: 'available' } });
      if (a.lunch !== null && weekday !== 6) {
        const lunch = at(a.lunch);
        spans.push({
          agentId: a.id,
          spans: [
            [start, lunch],
            [lunch + 45 * MINUTE, end],
          ],
        });
        events.push({ at: lunch, agentId: a.id, event: 'PAUSE', data: { status: 'lunch', reason: null } });
        events.push({ at: lunch + 45 * MINUTE, agentId: a.id, event: 'UNPAUSE', data: { from: 'lunch' } });
      } else spans.push({ agentId: a.id, spans: [[start, end]] });
      events.push({ at: end, agentId: a.id, event: 'LOGOFF', data: {} });
    }
  }
  return { spans, events: events.sort((x, y) => x.at - y.at) };
}

/** The earliest instant ≥ t at which the agent is on shift and free, or null if not within `limit`; spans from `from`. */
function earliest(spans: readonly [number, number][], from: number, t: number, limit: number): number | null {
  for (let i = from; i < spans.length; i++) {
    const [a, b] = spans[i] as [number, number];
    if (b <= t) continue;
    const s = Math.max(a, t);
    return s <= limit ? s : null;
  }
  return null;
}

export function generateHistory(
  rng: Rng,
  o: HistoryOptions & { practices: readonly HistoryPractice[]; agents: readonly HistoryAgent[]; trainerId: string },
): { calls: HistoryCall[]; agentEvents: AgentEvent[] } {
  const { spans, events } = shifts(o.agents, o);
  const byAgent = new Map<string, [number, number][]>();
  for (const s of spans) {
    let list = byAgent.get(s.agentId);
    if (list === undefined) byAgent.set(s.agentId, (list = []));
    list.push(...s.spans);
  }
  for (const list of byAgent.values()) list.sort((x, y) => x[0] - y[0]);
  // Arrivals come in order: each agent's spans that ended before the current call are skipped for good.
  const cursor = new Map<string, number>();
  const freeAt = new Map<string, number>(o.agents.map((a) => [a.id, 0]));
  const calls: HistoryCall[] = [];

  for (const c of arrivals(rng, o.practices, o)) {
    const talk = Math.round(SECOND * Math.min(900, Math.max(20, 150 * Math.exp(0.5 * gaussian(rng) - 0.125))));
    const wrap = rng.int(10, 45) * SECOND;
    const ring = rng.int(2, 7) * SECOND;
    if (c.training) {
      const connectedAt = c.at + ring;
      calls.push({
        practiceId: c.practiceId,
        arrivedAt: c.at,
        disposition: 'answered',
        agentId: o.trainerId,
        offeredAt: c.at,
        connectedAt,
        completedAt: connectedAt + talk,
        wrappedAt: connectedAt + talk + wrap,
        leftAt: null,
        training: true,
      });
      continue;
    }
    const patience = rng.chance(0.03) ? rng.int(1, 4) * SECOND : exponential(rng, o.meanPatienceSeconds * SECOND);
    const giveUp = c.at + Math.min(patience, o.maxWaitSeconds * SECOND);
    // The agent free the earliest (the longest idle among those free at once) takes the call.
    let best: { agentId: string; at: number } | null = null;
    for (const a of o.agents) {
      const list = byAgent.get(a.id) ?? [];
      let from = cursor.get(a.id) ?? 0;
      while (from < list.length && (list[from] as [number, number])[1] <= c.at) from++;
      cursor.set(a.id, from);
      const s = earliest(list, from, Math.max(c.at, freeAt.get(a.id) ?? 0), giveUp);
      if (s !== null && (best === null || s < best.at || (s === best.at && (freeAt.get(a.id) ?? 0) < (freeAt.get(best.agentId) ?? 0))))
        best = { agentId: a.id, at: s };
    }
    if (best !== null && best.at + ring <= giveUp) {
      const connectedAt = best.at + ring;
      const wrappedAt = connectedAt + talk + wrap;
      freeAt.set(best.agentId, wrappedAt);
      calls.push({
        practiceId: c.practiceId,
        arrivedAt: c.at,
        disposition: 'answered',
        agentId: best.agentId,
        offeredAt: best.at,
        connectedAt,
        completedAt: connectedAt + talk,
        wrappedAt,
        leftAt: null,
        training: false,
      });
      continue;
    }
    const timedOut = patience >= o.maxWaitSeconds * SECOND;
    calls.push({
      practiceId: c.practiceId,
      arrivedAt: c.at,
      disposition: timedOut ? 'overflowed' : 'abandoned',
      agentId: null,
      offeredAt: null,
      connectedAt: null,
      completedAt: null,
      wrappedAt: null,
      leftAt: giveUp,
      training: false,
    });
  }
  return { calls, agentEvents: events };
}

/** The local day number of an instant in Paris (the organisation's day). */
export const parisDay = (instant: number): number => dayNumberOf(instantToLocal(PARIS, instant).date);
