/**
 * Call metrics use case: reads the call log of the window in the caller's scope and computes the
 * figures (compute.ts). Supervisors and administrators see their organisation; an agent sees her own
 * figures only; other roles are refused. No patient data is read: no audit row.
 */
import type { Db } from '../../core/db/types.ts';
import type { RequestContext } from '../../core/auth/actor.ts';
import { AppError, invalidField, notFound } from '../../core/errors/catalogue.ts';
import { instantToLocal, localToInstant } from '../../core/time/local-time.ts';
import type { CallEventRow } from '../events.ts';
import { computeMetrics, type MetricsReport } from './compute.ts';
import * as repo from './repo.ts';
import type { MetricsQueryInput } from './schemas.ts';

const DAY = 86_400_000;
/** Longest windows: a month of half-hours (1,488 rows), a year otherwise. */
const MAX_DAYS = { half_hour: 31, practice: 366, agent: 366 } as const;
const DEFAULT_ZONE = 'Europe/Paris';
/** About 60,000 calls: a large centre's fortnight. Beyond it, ask for a shorter window. */
const MAX_EVENTS = 500_000;

function instantOf(value: string, zone: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? localToInstant(zone, value, '00:00') : Date.parse(value);
}

/** Two lists in log order (at, then id) merged into one. */
function mergeLog(a: readonly CallEventRow[], b: readonly CallEventRow[]): CallEventRow[] {
  const out: CallEventRow[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && (x.at.getTime() < y.at.getTime() || (x.at.getTime() === y.at.getTime() && x.id <= y.id)))) {
      out.push(x as CallEventRow);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
  return out;
}

export async function getCallMetrics(db: Db, ctx: RequestContext, q: MetricsQueryInput): Promise<MetricsReport> {
  const now = ctx.clock.nowMs();
  const { actor } = ctx;
  if (actor.role !== 'admin' && actor.role !== 'supervisor' && actor.role !== 'agent') throw new AppError('forbidden');
  const scope = actor.practiceIds;
  if (q.practiceId !== undefined && !scope.includes(q.practiceId)) throw notFound();

  let agentId = q.agentId;
  if (actor.role === 'agent') {
    // An agent sees her own figures: another agent's id answers like a nonexistent one.
    if (agentId !== undefined && agentId !== actor.userId) throw notFound();
    agentId = actor.userId;
  } else if (agentId !== undefined && !(await repo.isAgentOf(db, actor.organisationId, agentId))) {
    throw notFound();
  }

  const zone =
    q.timeZone ??
    (q.practiceId !== undefined
      ? await repo.practiceZone(db, actor.organisationId, scope, q.practiceId)
      : await repo.commonZone(db, actor.organisationId, scope)) ??
    DEFAULT_ZONE;
  const from = q.from !== undefined ? instantOf(q.from, zone) : localToInstant(zone, instantToLocal(zone, now).date, '00:00');
  const to = q.to !== undefined ? instantOf(q.to, zone) : now;
  if (to <= from) throw invalidField('to', 'La fin doit suivre le début / to must be after from');
  if (to - from > MAX_DAYS[q.groupBy] * DAY) {
    throw invalidField('to', `Au plus ${MAX_DAYS[q.groupBy]} jours pour ce regroupement / at most ${MAX_DAYS[q.groupBy]} days for this grouping`);
  }

  const practices = q.practiceId !== undefined ? [q.practiceId] : scope;
  const [calls, agents] = await Promise.all([
    repo.callEventsOfWindow(db, {
      organisationId: actor.organisationId,
      practiceIds: practices,
      from: new Date(from),
      to: new Date(to),
      limit: MAX_EVENTS + 1,
    }),
    repo.agentEventsOfWindow(db, actor.organisationId, agentId ?? null, new Date(from), new Date(to)),
  ]);
  // Figures computed on part of the log would be wrong, not approximate: refuse, and say so.
  if (calls.length > MAX_EVENTS) {
    throw new AppError('unprocessable', { field: 'from', details: { reason: 'too_many_events', maxEvents: MAX_EVENTS } });
  }
  return computeMetrics(mergeLog(calls, agents), {
    from,
    to,
    now,
    timeZone: zone,
    groupBy: q.groupBy,
    ...(q.practiceId !== undefined ? { practiceId: q.practiceId } : {}),
    ...(agentId !== undefined ? { agentId } : {}),
    serviceLevelSeconds: q.serviceLevelSeconds,
    shortAbandonSeconds: q.shortAbandonSeconds,
  });
}
