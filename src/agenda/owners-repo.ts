/** The practitioners whose agenda a caller may see: existence and scope in one query (SQL only). */
import type { Actor } from '../core/auth/actor.ts';
import type { Queryable } from '../core/db/types.ts';

/** A practitioner as the agenda needs him: zone, grid step, and where he works. */
export interface AgendaOwner {
  id: string;
  organisationId: string;
  timeZone: string;
  stepMinutes: number | null;
  /** Regions of every practice he works in (their public holidays close his weekly ranges). */
  regions: string[];
  /** His practices inside the caller's scope (never empty for a returned owner). */
  practiceIds: string[];
}

interface OwnerRow {
  id: string;
  organisation_id: string;
  time_zone: string;
  step_minutes: number | null;
  regions: string[] | null;
  practice_ids: string[] | null;
}

/** The owners among `ids` the actor may see, in no particular order; others are silently absent. */
export async function findOwners(q: Queryable, actor: Actor, ids: readonly string[]): Promise<AgendaOwner[]> {
  if (ids.length === 0 || actor.practiceIds.length === 0) return [];
  const { rows } = await q.query<OwnerRow>(
    `select pr.id, pr.organisation_id, pr.time_zone, s.step_minutes,
            (select json_agg(distinct p.region) from practice_practitioners pp join practices p on p.id = pp.practice_id
              where pp.practitioner_id = pr.id) as regions,
            (select json_agg(pp.practice_id order by pp.practice_id) from practice_practitioners pp
              where pp.practitioner_id = pr.id and pp.practice_id = any($3::uuid[])) as practice_ids
       from practitioners pr left join agenda_settings s on s.practitioner_id = pr.id
      where pr.id = any($1::uuid[]) and pr.organisation_id = $2
        and exists (select 1 from practice_practitioners pp where pp.practitioner_id = pr.id and pp.practice_id = any($3::uuid[]))`,
    [ids, actor.organisationId, actor.practiceIds],
  );
  return rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    timeZone: r.time_zone,
    stepMinutes: r.step_minutes,
    regions: r.regions ?? [],
    practiceIds: r.practice_ids ?? [],
  }));
}
