/** SQL of a window's call activity for billing and value reports: whole calls, training calls left out. Read-only. */
import type { Queryable } from '../../core/db/types.ts';
import type { CallEventRow } from '../events.ts';
/** Calls made by hand for training (simulate-routes.ts' provider). */
const SIMULATOR_PROVIDER = 'simulator';

/**
 * Every event of the calls of the given practices created in [from − 1 day, to) — a call's arrival is
 * its creation — except training calls (made by hand through the simulate endpoint), in log order.
 */
export async function nonTrainingCallEvents(db: Queryable, o: { organisationId: string; practiceIds: readonly string[]; from: Date; to: Date }): Promise<CallEventRow[]> {
  const { rows } = await db.query<CallEventRow>(
    `select e.id, e.at, e.organisation_id as "organisationId", e.practice_id as "practiceId",
            e.call_id as "callId", e.agent_id as "agentId", e.event, e.data
       from calls c join call_events e on e.call_id = c.id
      where c.organisation_id = $1 and c.practice_id = any($2::uuid[]) and c.provider <> $5
        and c.created_at >= $3::timestamptz - interval '1 day' and c.created_at < $4
      order by e.at, e.id`,
    [o.organisationId, o.practiceIds, o.from, o.to, SIMULATOR_PROVIDER],
  );
  return rows;
}
