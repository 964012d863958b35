/** SQL of the call metrics: the call log rows a window needs. Read-only. */
import type { Queryable } from '../../core/db/types.ts';
import { CALL_EVENT_SELECT, type CallEventRow } from '../events.ts';

/** Agents' state may be set this long before the window (a shift longer than that is not expected). */
const STATE_LOOKBACK = '24 hours';

/**
 * Every event of the calls of the given practices that have at least one event in [from, to)
 * (their ENTER may be earlier, their end later), in log order; at most `limit` rows.
 */
export async function callEventsOfWindow(
  db: Queryable,
  o: { organisationId: string; practiceIds: readonly string[]; from: Date; to: Date; limit: number },
): Promise<CallEventRow[]> {
  const { rows } = await db.query<CallEventRow>(
    `${CALL_EVENT_SELECT}
     where call_id in (select distinct call_id from call_events
                       where organisation_id = $1 and practice_id = any($2::uuid[]) and at >= $3 and at < $4)
     order by at, id
     limit $5`,
    [o.organisationId, o.practiceIds, o.from, o.to, o.limit],
  );
  return rows;
}

/**
 * The agent events (LOGIN, LOGOFF, PAUSE, UNPAUSE) of [from, to), preceded by each agent's last one
 * before `from` (the state the window starts in); all agents of the organisation, or one.
 */
export async function agentEventsOfWindow(db: Queryable, organisationId: string, agentId: string | null, from: Date, to: Date): Promise<CallEventRow[]> {
  const before = await db.query<CallEventRow>(
    `select * from (
       select distinct on (agent_id) id, at, organisation_id as "organisationId", practice_id as "practiceId",
              call_id as "callId", agent_id as "agentId", event, data
       from call_events
       where organisation_id = $1 and call_id is null and ($2::uuid is null or agent_id = $2)
         and at < $3 and at >= $3::timestamptz - interval '${STATE_LOOKBACK}'
       order by agent_id, at desc, id desc) last
     order by at, id`,
    [organisationId, agentId, from],
  );
  const within = await db.query<CallEventRow>(
    `${CALL_EVENT_SELECT}
     where organisation_id = $1 and call_id is null and ($2::uuid is null or agent_id = $2) and at >= $3 and at < $4
     order by at, id`,
    [organisationId, agentId, from, to],
  );
  return [...before.rows, ...within.rows];
}

/** The practice's time zone, if it is in the scope given. */
export async function practiceZone(db: Queryable, organisationId: string, practiceIds: readonly string[], practiceId: string): Promise<string | null> {
  const { rows } = await db.query<{ time_zone: string }>('select time_zone from practices where id = $1 and organisation_id = $2 and id = any($3::uuid[])', [
    practiceId,
    organisationId,
    practiceIds,
  ]);
  return rows[0]?.time_zone ?? null;
}

/** The most common time zone of the practices in scope (the organisation's local time). */
export async function commonZone(db: Queryable, organisationId: string, practiceIds: readonly string[]): Promise<string | null> {
  const { rows } = await db.query<{ time_zone: string }>(
    `select time_zone from practices where organisation_id = $1 and id = any($2::uuid[])
     group by time_zone order by count(*) desc, time_zone limit 1`,
    [organisationId, practiceIds],
  );
  return rows[0]?.time_zone ?? null;
}

/** True when the user is an agent of the organisation. */
export async function isAgentOf(db: Queryable, organisationId: string, userId: string): Promise<boolean> {
  const { rows } = await db.query('select 1 from users where id = $1 and organisation_id = $2 and role = $3', [userId, organisationId, 'agent']);
  return rows.length > 0;
}
