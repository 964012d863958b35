/**
 * Staffing use case: answers an Erlang question for supervisors and administrators. Pure computation; no
 * data is read (no audit row). Loads beyond what a centre sees are refused rather than computed slowly.
 */
import type { RequestContext } from '../core/auth/actor.ts';
import { AppError } from '../core/errors/catalogue.ts';
import { staffing, type StaffingAnswer } from './staffing.ts';
import type { ErlangQuestion } from './staffing-schemas.ts';

/** 2,000 Erlangs: twice the largest load the module is checked for. */
const MAX_TRAFFIC = 2_000;
/** Erlang A sums the queue state by state: callers arriving within one mean patience bound its length. */
const MAX_ARRIVALS_PER_PATIENCE = 50_000;

export function answerErlang(ctx: RequestContext, q: ErlangQuestion): StaffingAnswer {
  if (ctx.actor.role !== 'admin' && ctx.actor.role !== 'supervisor') throw new AppError('forbidden');
  const traffic = (q.callsPerInterval / q.intervalSeconds) * q.ahtSeconds;
  if (traffic > MAX_TRAFFIC)
    throw new AppError('unprocessable', { field: 'callsPerInterval', details: { reason: 'traffic_too_high', maxTrafficErlangs: MAX_TRAFFIC } });
  if (q.model === 'A' && (q.callsPerInterval / q.intervalSeconds) * (q.patienceSeconds ?? 0) > MAX_ARRIVALS_PER_PATIENCE) {
    throw new AppError('unprocessable', { field: 'patienceSeconds', details: { reason: 'queue_too_long', maxArrivalsPerPatience: MAX_ARRIVALS_PER_PATIENCE } });
  }
  const answer = staffing(q);
  if (answer === null) throw new AppError('staffing_target_unreachable', { field: 'targetServiceLevel' });
  return answer;
}
