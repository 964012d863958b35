/**
 * Requirement vs plan for one day (supervisors, administrators): the forecast of every practice in scope
 * from eight weeks of call history, put on the organisation's half-hours; agents required (Erlang A with
 * the patience observed in the history, else C); agents planned = agents staffed in the same half-hour a
 * week before (read through the call metrics); funnel alerts; a what-if. Reads no patient data: no audit row.
 */
import type { Db } from '../core/db/types.ts';
import type { RequestContext } from '../core/auth/actor.ts';
import { AppError } from '../core/errors/catalogue.ts';
import { publicHolidays } from '../core/time/holidays.ts';
import { dateOfDayNumber, dayNumberOf, instantToLocal, localToInstant, weekdayOfDayNumber } from '../core/time/local-time.ts';
import type { Region } from '../core/time/regions.ts';
import { getCallMetrics } from '../calls/metrics/service.ts';
import { forecastDay, indexHistory, SLOTS, type HistoryCell } from './forecast.ts';
import * as repo from './forecast-repo.ts';
import { requirementVsPlan, type FunnelAlert, type PlanRow, type PlanSlot } from './plan.ts';

export const HISTORY_DAYS = 56;
const HALF_HOUR_MS = 1_800_000;
/** Below this many abandons the patience estimate is noise: Erlang C is used. */
const MIN_ABANDONS = 20;

export interface PlanQuestion {
  date?: string | undefined;
  targetSeconds: number;
  targetServiceLevel: number;
  whatIf: { from: string; to: string; agents: number }[];
}

export interface PlanAnswer {
  date: string;
  timeZone: string;
  model: 'A' | 'C';
  patienceSeconds: number | null;
  rows: PlanRow[];
  alerts: FunnelAlert[];
  /** Mean calls per weekday (0 = Monday) and local half-hour over the history. */
  heatmap: number[][];
}

const slotOf = (time: string) => {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 2 + ((m ?? 0) >= 30 ? 1 : 0);
};
const labelOf = (slot: number) => `${String(Math.floor(slot / 2)).padStart(2, '0')}:${slot % 2 ? '30' : '00'}`;

function mostCommon(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? 'Europe/Paris';
}

export async function planDay(db: Db, ctx: RequestContext, q: PlanQuestion): Promise<PlanAnswer> {
  const { actor } = ctx;
  if (actor.role !== 'admin' && actor.role !== 'supervisor') throw new AppError('forbidden');
  const practices = await repo.practiceCalendars(db, actor.organisationId, actor.practiceIds);
  const zone = mostCommon(practices.map((p) => p.time_zone));
  const now = ctx.clock.nowMs();
  const date = q.date ?? dateOfDayNumber(dayNumberOf(instantToLocal(zone, now).date) + 1);
  const day = dayNumberOf(date);
  const dayStart = localToInstant(zone, date, '00:00');
  const from = localToInstant(zone, dateOfDayNumber(day - HISTORY_DAYS - 1), '00:00');

  const history = await repo.historyCells(db, {
    organisationId: actor.organisationId,
    practiceIds: practices.map((p) => p.id),
    from: new Date(from),
    to: new Date(dayStart),
  });
  const byPractice = new Map<string, HistoryCell[]>();
  let waits = 0;
  let abandons = 0;
  const heat = Array.from({ length: 7 }, () => new Array<number>(SLOTS).fill(0));
  for (const r of history) {
    const list = byPractice.get(r.practice_id) ?? [];
    list.push({ date: r.date, slot: r.slot, calls: r.calls, handled: r.handled, handleSeconds: r.handle_seconds });
    byPractice.set(r.practice_id, list);
    waits += r.wait_seconds;
    abandons += r.abandons;
    const row = heat[weekdayOfDayNumber(dayNumberOf(r.date)) - 1] as number[];
    row[r.slot] = (row[r.slot] ?? 0) + r.calls / (HISTORY_DAYS / 7);
  }
  const patienceSeconds = abandons >= MIN_ABANDONS ? Math.round(waits / abandons) : null;

  const slots: PlanSlot[] = Array.from({ length: SLOTS }, (_, slot) => ({
    slot,
    label: labelOf(slot),
    forecastCalls: 0,
    ahtSeconds: null,
    practices: [],
    plannedAgents: 0,
  }));
  const handleOf = new Array<number>(SLOTS).fill(0);
  const year = Number(date.slice(0, 4));
  for (const p of practices) {
    const f = forecastDay(indexHistory(byPractice.get(p.id) ?? []), date, { holidays: publicHolidays(p.region as Region, year - 1, year) });
    for (const s of f) {
      if (s.calls <= 0) continue;
      // The practice's local half-hour, placed on the organisation's day by its instant.
      const orgSlot = Math.floor((localToInstant(p.time_zone, date, labelOf(s.slot)) - dayStart) / HALF_HOUR_MS);
      const target = slots[orgSlot];
      if (target === undefined) continue;
      target.forecastCalls += s.calls;
      target.practices.push({ practiceId: p.id, calls: s.calls });
      handleOf[orgSlot] = (handleOf[orgSlot] ?? 0) + s.calls * (s.ahtSeconds ?? 180);
    }
  }
  for (const s of slots) s.ahtSeconds = s.forecastCalls > 0 ? (handleOf[s.slot] ?? 0) / s.forecastCalls : null;

  const lastWeek = dateOfDayNumber(day - 7);
  const staffed = await getCallMetrics(db, ctx, {
    from: lastWeek,
    to: dateOfDayNumber(day - 6),
    groupBy: 'half_hour',
    timeZone: zone,
    serviceLevelSeconds: q.targetSeconds,
    shortAbandonSeconds: 5,
  });
  for (const item of staffed.items) {
    const target = item.label ? slots[slotOf(item.label.slice(11, 16))] : undefined;
    if (target) target.plannedAgents = (item.staffedSeconds ?? 0) / 1800;
  }

  const whatIf = q.whatIf.map((w) => ({ fromSlot: slotOf(w.from), toSlot: slotOf(w.to), agents: w.agents }));
  const { rows, alerts } = requirementVsPlan(slots, { targetSeconds: q.targetSeconds, targetServiceLevel: q.targetServiceLevel, patienceSeconds }, whatIf);
  return {
    date,
    timeZone: zone,
    model: patienceSeconds === null ? 'C' : 'A',
    patienceSeconds,
    rows,
    alerts,
    heatmap: heat.map((r) => r.map((x) => Math.round(x * 10) / 10)),
  };
}
