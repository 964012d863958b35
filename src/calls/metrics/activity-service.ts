/**
 * A window's call activity with the metrics' own definitions (compute.ts), for billing and the value
 * report: the calls that arrived in [from, to) and their figures. Training calls (made by hand through
 * the simulate endpoint) are left out; short abandons are counted apart by the metrics (default 5 s).
 * No patient data is read.
 */
import type { Queryable } from '../../core/db/types.ts';
import { nonTrainingCallEvents } from './activity-repo.ts';
import { callRecords, type CallRecord } from './call-records.ts';
import { computeMetrics, type MetricsFigures } from './compute.ts';

export type { CallRecord, MetricsFigures };

export interface CallActivity {
  /** Calls that arrived in the window, in arrival order. */
  calls: CallRecord[];
  /** Short abandons: abandoned within this many seconds (left out of both sides of the rates). */
  shortAbandonSeconds: number;
  figures: MetricsFigures;
}

export async function callActivity(
  db: Queryable,
  o: { organisationId: string; practiceIds: readonly string[]; from: number; to: number; now: number; timeZone: string },
): Promise<CallActivity> {
  const events = await nonTrainingCallEvents(db, { organisationId: o.organisationId, practiceIds: o.practiceIds, from: new Date(o.from), to: new Date(o.to) });
  const report = computeMetrics(events, { from: o.from, to: o.to, now: o.now, timeZone: o.timeZone, groupBy: 'practice', practiceIds: o.practiceIds });
  const calls = callRecords(events).filter((c) => c.arrivedAt >= o.from && c.arrivedAt < o.to);
  return { calls, shortAbandonSeconds: report.shortAbandonSeconds, figures: report.total };
}
