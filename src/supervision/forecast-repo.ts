/** SQL of the forecast: the call log summed per practice and local half-hour, and the practices' calendars. Read-only. */
import type { Queryable } from '../core/db/types.ts';

export interface HistoryRow {
  practice_id: string;
  date: string;
  slot: number;
  calls: number;
  handled: number;
  handle_seconds: number;
  abandons: number;
  wait_seconds: number;
}

/**
 * Queued calls (ENTER) of [from, to) per practice, local date and half-hour, training calls left out:
 * how many, how many handled and their handle time (CONNECT → WRAPUP), abandons and total wait (for the
 * patience estimate).
 */
export async function historyCells(db: Queryable, o: { organisationId: string; practiceIds: readonly string[]; from: Date; to: Date }): Promise<HistoryRow[]> {
  const { rows } = await db.query<HistoryRow>(
    `with c as (
       select e.call_id, e.practice_id,
              min(e.at) filter (where e.event = 'ENTER') as entered,
              bool_or(e.event = 'ENTER' and coalesce((e.data->>'training')::boolean, false)) as training,
              min(e.at) filter (where e.event = 'CONNECT') as connected,
              min(e.at) filter (where e.event = 'WRAPUP') as wrapped,
              min(e.at) filter (where e.event in ('ABANDON', 'TIMEOUT', 'OVERFLOW')) as left_at,
              bool_or(e.event = 'ABANDON') as abandoned
       from call_events e
       where e.organisation_id = $1 and e.practice_id = any($2::uuid[]) and e.at >= $3 and e.at < $4::timestamptz + interval '1 hour'
       group by e.call_id, e.practice_id)
     select c.practice_id, to_char(c.entered at time zone p.time_zone, 'YYYY-MM-DD') as date,
            (extract(hour from c.entered at time zone p.time_zone) * 2 + floor(extract(minute from c.entered at time zone p.time_zone) / 30))::int as slot,
            count(*)::int as calls,
            count(c.wrapped)::int as handled,
            coalesce(sum(extract(epoch from c.wrapped - c.connected)) filter (where c.wrapped is not null), 0)::float8 as handle_seconds,
            count(*) filter (where c.abandoned)::int as abandons,
            coalesce(sum(extract(epoch from coalesce(c.connected, c.left_at) - c.entered)), 0)::float8 as wait_seconds
     from c join practices p on p.id = c.practice_id
     where c.entered >= $3 and c.entered < $4 and not c.training
     group by 1, 2, 3`,
    [o.organisationId, o.practiceIds, o.from, o.to],
  );
  return rows;
}

export interface PracticeCalendar {
  id: string;
  time_zone: string;
  region: string;
}

export async function practiceCalendars(db: Queryable, organisationId: string, practiceIds: readonly string[]): Promise<PracticeCalendar[]> {
  const { rows } = await db.query<PracticeCalendar>(
    'select id, time_zone, region from practices where organisation_id = $1 and id = any($2::uuid[]) order by id',
    [organisationId, practiceIds],
  );
  return rows;
}
