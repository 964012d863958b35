/** SQL for users and their practice assignments. */
import type { Queryable } from '../core/db/types.ts';
import type { Role } from '../core/auth/roles.ts';

export interface UserRow {
  id: string;
  organisation_id: string;
  email: string;
  display_name: string;
  role: Role;
  locale: 'fr' | 'en';
  active: boolean;
  practitioner_id: string | null;
  practices: { practiceId: string; dedicated: boolean }[];
  created_at: Date;
}

export interface UserPractice {
  practiceId: string;
  dedicated: boolean;
}

const SELECT_USER = `
  select u.id, u.organisation_id, u.email, u.display_name, u.role, u.locale, u.active, u.practitioner_id, u.created_at,
         coalesce((select json_agg(json_build_object('practiceId', up.practice_id, 'dedicated', up.dedicated) order by up.practice_id)
                     from user_practices up where up.user_id = u.id), '[]'::json) as practices
    from users u`;

export async function listUsers(db: Queryable, organisationId: string, filter: { role?: Role; active?: boolean } = {}): Promise<UserRow[]> {
  const { rows } = await db.query<UserRow>(
    `${SELECT_USER}
      where u.organisation_id = $1 and not u.internal and ($2::text is null or u.role = $2) and ($3::boolean is null or u.active = $3)
      order by array_position(array['admin','supervisor','trainer','agent','practitioner'], u.role), lower(u.display_name), u.id`,
    [organisationId, filter.role ?? null, filter.active ?? null],
  );
  return rows;
}

export async function findUser(db: Queryable, organisationId: string, id: string): Promise<UserRow | undefined> {
  const { rows } = await db.query<UserRow>(`${SELECT_USER} where u.organisation_id = $1 and u.id = $2 and not u.internal`, [organisationId, id]);
  return rows[0];
}

export async function passwordHashOf(db: Queryable, id: string): Promise<string | undefined> {
  const { rows } = await db.query<{ password_hash: string }>('select password_hash from users where id = $1', [id]);
  return rows[0]?.password_hash;
}

/** True when another user already has this email, whatever its case. */
export async function emailInUse(db: Queryable, email: string, exceptUserId: string | null = null): Promise<boolean> {
  const { rows } = await db.query('select 1 from users where lower(email) = lower($1) and ($2::uuid is null or id <> $2)', [email, exceptUserId]);
  return rows.length > 0;
}

/** Of the given ids, those that are practices of the organisation. */
export async function existingPractices(db: Queryable, organisationId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await db.query<{ id: string }>('select id from practices where organisation_id = $1 and id = any($2::uuid[])', [organisationId, [...ids]]);
  return new Set(rows.map((r) => r.id));
}

/** The practices a practitioner works in, or undefined when the practitioner is not of the organisation. */
export async function practicesOfPractitioner(db: Queryable, organisationId: string, practitionerId: string): Promise<string[] | undefined> {
  const { rows } = await db.query<{ practice_id: string | null }>(
    `select pp.practice_id from practitioners pr left join practice_practitioners pp on pp.practitioner_id = pr.id
      where pr.organisation_id = $1 and pr.id = $2`,
    [organisationId, practitionerId],
  );
  if (rows.length === 0) return undefined;
  return rows.flatMap((r) => (r.practice_id ? [r.practice_id] : []));
}

export interface NewUser {
  organisationId: string;
  email: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  practitionerId: string | null;
  locale: 'fr' | 'en';
}

export async function insertUser(db: Queryable, u: NewUser): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into users (organisation_id, email, display_name, role, password_hash, practitioner_id, locale)
     values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [u.organisationId, u.email, u.displayName, u.role, u.passwordHash, u.practitionerId, u.locale],
  );
  return rows[0]!.id;
}

export interface UserChanges {
  email?: string;
  displayName?: string;
  role?: Role;
  passwordHash?: string;
  practitionerId?: string | null;
  locale?: 'fr' | 'en';
  active?: boolean;
}

const COLUMNS: Record<keyof UserChanges, string> = {
  email: 'email',
  displayName: 'display_name',
  role: 'role',
  passwordHash: 'password_hash',
  practitionerId: 'practitioner_id',
  locale: 'locale',
  active: 'active',
};

export async function updateUser(db: Queryable, id: string, changes: UserChanges): Promise<void> {
  const sets: string[] = [];
  const params: unknown[] = [id];
  for (const [key, column] of Object.entries(COLUMNS) as [keyof UserChanges, string][]) {
    if (changes[key] === undefined) continue;
    params.push(changes[key]);
    sets.push(`${column} = $${params.length}`);
  }
  if (sets.length) await db.query(`update users set ${sets.join(', ')} where id = $1`, params);
}

export async function replaceUserPractices(db: Queryable, userId: string, practices: readonly UserPractice[]): Promise<void> {
  await db.query('delete from user_practices where user_id = $1', [userId]);
  if (practices.length === 0) return;
  await db.query(
    `insert into user_practices (user_id, practice_id, dedicated)
     select $1, p.id, p.dedicated from unnest($2::uuid[], $3::boolean[]) as p(id, dedicated)`,
    [userId, practices.map((p) => p.practiceId), practices.map((p) => p.dedicated)],
  );
}

/** Ends the user's live sessions, except the one given (the caller's own). */
export async function endSessionsOfUser(db: Queryable, userId: string, exceptTokenHash: string | null = null): Promise<void> {
  await db.query('update sessions set ended_at = now() where user_id = $1 and ended_at is null and ($2::text is null or token_hash <> $2)', [
    userId,
    exceptTokenHash,
  ]);
}

export async function listOrganisations(db: Queryable): Promise<{ id: string; name: string }[]> {
  const { rows } = await db.query<{ id: string; name: string }>('select id, name from organisations order by created_at, id');
  return rows;
}

export async function insertOrganisation(db: Queryable, name: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>('insert into organisations (name) values ($1) returning id', [name]);
  return rows[0]!.id;
}

export async function practiceIdsOfOrganisation(db: Queryable, organisationId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>('select id from practices where organisation_id = $1 order by id', [organisationId]);
  return rows.map((r) => r.id);
}

/** The practitioner's own login, the oldest active one. */
export async function userOfPractitioner(q: Queryable, practitionerId: string): Promise<string | undefined> {
  const { rows } = await q.query<{ id: string }>('select id from users where practitioner_id = $1 and active order by created_at limit 1', [practitionerId]);
  return rows[0]?.id;
}
