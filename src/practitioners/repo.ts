/** SQL for practitioners and the practices they work in. Reads see only links to practices in the scope. */
import type { Queryable } from '../core/db/types.ts';

export interface Scope {
  organisationId: string;
  practiceIds: readonly string[];
}

export interface PractitionerRow {
  id: string;
  title: string | null;
  first_name: string;
  last_name: string;
  profession: string;
  specialty: string | null;
  rpps: string;
  time_zone: string;
  created_at: Date;
  updated_at: Date;
  practices: { id: string; name: string }[];
}

// $1 organisation, $2 scope; a practitioner is visible when one of his practices is.
const SELECT = `
  select r.id, r.title, r.first_name, r.last_name, r.profession, r.specialty, r.rpps, r.time_zone, r.created_at, r.updated_at,
         (select json_agg(json_build_object('id', p.id, 'name', p.name) order by p.name, p.id)
            from practice_practitioners pp join practices p on p.id = pp.practice_id
           where pp.practitioner_id = r.id and p.organisation_id = $1 and p.id = any($2::uuid[])) as practices
    from practitioners r
   where r.organisation_id = $1
     and exists (select 1 from practice_practitioners pp
                  where pp.practitioner_id = r.id and pp.practice_id = any($2::uuid[]))`;

export async function findPractitioner(db: Queryable, id: string, scope: Scope): Promise<PractitionerRow | undefined> {
  const { rows } = await db.query<PractitionerRow>(`${SELECT} and r.id = $3`, [scope.organisationId, scope.practiceIds, id]);
  return rows[0];
}

/** `search` is a searchKey() (lower-case, unaccented, [a-z0-9 ] only). */
export async function listPractitioners(
  db: Queryable,
  scope: Scope,
  o: { practiceId: string | null; search: string | null; limit: number; offset: number },
): Promise<PractitionerRow[]> {
  const { rows } = await db.query<PractitionerRow>(
    `${SELECT}
       and ($3::uuid is null or exists (select 1 from practice_practitioners pp
                                         where pp.practitioner_id = r.id and pp.practice_id = $3 and pp.practice_id = any($2::uuid[])))
       and ($4::text is null
            or regexp_replace(lower(unaccent(r.first_name || ' ' || r.last_name)), '[^a-z0-9]+', ' ', 'g') like '%' || $4 || '%'
            or regexp_replace(lower(unaccent(r.last_name || ' ' || r.first_name)), '[^a-z0-9]+', ' ', 'g') like '%' || $4 || '%')
     order by r.last_name, r.first_name, r.id
     limit $5 offset $6`,
    [scope.organisationId, scope.practiceIds, o.practiceId, o.search, o.limit, o.offset],
  );
  return rows;
}

/** The practices among `ids` that exist in the scope, with their time zone, in the order asked. */
export async function practicesInScope(tx: Queryable, ids: readonly string[], scope: Scope): Promise<{ id: string; time_zone: string }[]> {
  const { rows } = await tx.query<{ id: string; time_zone: string }>(
    `select id, time_zone from practices where id = any($1::uuid[]) and organisation_id = $2 and id = any($3::uuid[])`,
    [ids, scope.organisationId, scope.practiceIds],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export interface PractitionerValues {
  title: string | null;
  firstName: string;
  lastName: string;
  profession: string;
  specialty: string | null;
  rpps: string;
  timeZone: string;
}

/** Raises the unique violation (23505) when the organisation already has this RPPS. */
export async function insertPractitioner(tx: Queryable, organisationId: string, v: PractitionerValues): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `insert into practitioners (organisation_id, title, first_name, last_name, profession, specialty, rpps, time_zone)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [organisationId, v.title, v.firstName, v.lastName, v.profession, v.specialty, v.rpps, v.timeZone],
  );
  return rows[0]!.id;
}

export async function lockPractitioner(tx: Queryable, id: string, scope: Scope): Promise<PractitionerRow | undefined> {
  const { rows } = await tx.query<PractitionerRow>(
    `select r.id, r.title, r.first_name, r.last_name, r.profession, r.specialty, r.rpps, r.time_zone, r.created_at, r.updated_at,
            '[]'::json as practices
       from practitioners r
      where r.id = $3 and r.organisation_id = $1
        and exists (select 1 from practice_practitioners pp where pp.practitioner_id = r.id and pp.practice_id = any($2::uuid[]))
      for update of r`,
    [scope.organisationId, scope.practiceIds, id],
  );
  return rows[0];
}

export async function updatePractitioner(tx: Queryable, id: string, v: PractitionerValues): Promise<void> {
  await tx.query(
    `update practitioners set title = $2, first_name = $3, last_name = $4, profession = $5, specialty = $6, rpps = $7,
            time_zone = $8, updated_at = now()
      where id = $1`,
    [id, v.title, v.firstName, v.lastName, v.profession, v.specialty, v.rpps, v.timeZone],
  );
}

/** Sets the practitioner's practices among those of the scope; links to practices outside it are left alone. */
export async function setPractices(tx: Queryable, practitionerId: string, practiceIds: readonly string[], scope: Scope): Promise<void> {
  await tx.query(
    `delete from practice_practitioners
      where practitioner_id = $1 and practice_id = any($2::uuid[]) and not (practice_id = any($3::uuid[]))`,
    [practitionerId, scope.practiceIds, practiceIds],
  );
  await tx.query(
    `insert into practice_practitioners (practice_id, practitioner_id)
     select unnest($2::uuid[]), $1 on conflict do nothing`,
    [practitionerId, practiceIds],
  );
}

export async function displayName(q: Queryable, id: string): Promise<string | undefined> {
  const { rows } = await q.query<{ name: string }>(`select concat_ws(' ', title, first_name, last_name) as name from practitioners where id = $1`, [id]);
  return rows[0]?.name;
}
