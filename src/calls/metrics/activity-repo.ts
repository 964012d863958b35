/** SQL of a window's call activity for billing and value reports: whole calls, training calls left out. Read-only. */
import type { Queryable } from '../../core/db/types.ts';
import type { CallEventRow } from '../events.ts';

/**
 * Every event of the calls of the given practices that arrived (ENTER, or CLOSED for a closed line) in
 * [from, to), except training calls (calls.training, migration 0020), in log order.
 */
export async function nonTrainingCallEvents(
  db: Queryable,
  o: { organisationId: string; practiceIds: readonly string[]; from: Date; to: Date },
): Promise<CallEventRow[]> {
  const { rows } = await db.query<CallEventRow>(
    `select e.id, e.at, e.organisation_id as "organisationId", e.practice_id as "practiceId",
            e.call_id as "callId", e.agent_id as "agentId", e.event, e.data
       from call_events e join calls c on c.id = e.call_id
      where e.call_id in (select call_id from call_events
                           where organisation_id = $1 and practice_id = any($2::uuid[]) and event in ('ENTER', 'CLOSED') and at >= $3 and at < $4)
        and not c.training
      order by e.at, e.id`,
    [o.organisationId, o.practiceIds, o.from, o.to],
  );
  return rows;
}
