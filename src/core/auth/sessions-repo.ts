/** SQL of server-side sessions: the database keeps only the token's hash. */
import type { Queryable } from '../db/types.ts';
import type { Role } from './roles.ts';

export interface SessionRow {
  user_id: string;
  organisation_id: string;
  role: Role;
  email: string;
  display_name: string;
  locale: 'fr' | 'en';
  practitioner_id: string | null;
  practice_ids: string[];
  /** Milliseconds the session has left, by the database's clock. */
  remaining_ms: number;
}

export async function insertSession(db: Queryable, o: { tokenHash: string; userId: string; ttlMinutes: number }): Promise<Date> {
  const { rows } = await db.query<{ expires_at: Date }>(
    `insert into sessions (token_hash, user_id, expires_at) values ($1, $2, now() + make_interval(mins => $3))
     returning expires_at`,
    [o.tokenHash, o.userId, o.ttlMinutes],
  );
  return rows[0]!.expires_at;
}

export async function endSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('update sessions set ended_at = now() where token_hash = $1 and ended_at is null', [tokenHash]);
}

/** A live session's user with its scope resolved in the same query; undefined when unknown, ended or expired. */
export async function liveSessionRow(db: Queryable, o: { tokenHash: string; orgWideRoles: readonly Role[] }): Promise<SessionRow | undefined> {
  const { rows } = await db.query<SessionRow>(
    `select u.id as user_id, u.organisation_id, u.role, u.email, u.display_name, u.locale, u.practitioner_id,
            (extract(epoch from s.expires_at - now()) * 1000)::float8 as remaining_ms,
            case
              when u.role = any($2::text[]) then
                array(select p.id from practices p where p.organisation_id = u.organisation_id order by p.id)
              when u.role = 'practitioner' then
                array(select pp.practice_id from practice_practitioners pp join practices p on p.id = pp.practice_id
                       where pp.practitioner_id = u.practitioner_id and p.organisation_id = u.organisation_id order by 1)
              else
                array(select up.practice_id from user_practices up join practices p on p.id = up.practice_id
                       where up.user_id = u.id and p.organisation_id = u.organisation_id order by 1)
            end as practice_ids
       from sessions s join users u on u.id = s.user_id
      where s.token_hash = $1 and s.ended_at is null and s.expires_at > now() and u.active`,
    [o.tokenHash, o.orgWideRoles],
  );
  return rows[0];
}
