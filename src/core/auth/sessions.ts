/** Server-side sessions: the cookie carries a random token; the database keeps only its hash. */
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/types.ts';
import type { Actor } from './actor.ts';
import { seesWholeOrganisation, type Role } from './roles.ts';

export const SESSION_COOKIE = 'relais_session';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(db: Queryable, userId: string, ttlMinutes: number): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const { rows } = await db.query<{ expires_at: Date }>(
    `insert into sessions (token_hash, user_id, expires_at) values ($1, $2, now() + make_interval(mins => $3))
     returning expires_at`,
    [hashToken(token), userId, ttlMinutes],
  );
  return { token, expiresAt: rows[0]!.expires_at };
}

export async function endSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('update sessions set ended_at = now() where token_hash = $1 and ended_at is null', [tokenHash]);
}

interface SessionRow {
  user_id: string;
  organisation_id: string;
  role: Role;
  email: string;
  display_name: string;
  locale: 'fr' | 'en';
  practitioner_id: string | null;
}

/** The actor of a live session, with its scope resolved; null when the session is unknown, ended or expired. */
export async function actorForSession(db: Queryable, tokenHash: string): Promise<Actor | null> {
  const { rows } = await db.query<SessionRow>(
    `select u.id as user_id, u.organisation_id, u.role, u.email, u.display_name, u.locale, u.practitioner_id
       from sessions s join users u on u.id = s.user_id
      where s.token_hash = $1 and s.ended_at is null and s.expires_at > now() and u.active`,
    [tokenHash],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    userId: row.user_id,
    organisationId: row.organisation_id,
    role: row.role,
    email: row.email,
    displayName: row.display_name,
    locale: row.locale,
    practitionerId: row.practitioner_id,
    practiceIds: await practicesInScope(db, row),
  };
}

async function practicesInScope(db: Queryable, row: SessionRow): Promise<string[]> {
  const q = seesWholeOrganisation(row.role)
    ? db.query<{ id: string }>('select id from practices where organisation_id = $1 order by id', [row.organisation_id])
    : row.role === 'practitioner'
      ? db.query<{ id: string }>(
          `select pp.practice_id as id from practice_practitioners pp join practices p on p.id = pp.practice_id
            where pp.practitioner_id = $1 and p.organisation_id = $2 order by 1`,
          [row.practitioner_id, row.organisation_id],
        )
      : db.query<{ id: string }>(
          `select up.practice_id as id from user_practices up join practices p on p.id = up.practice_id
            where up.user_id = $1 and p.organisation_id = $2 order by 1`,
          [row.user_id, row.organisation_id],
        );
  return (await q).rows.map((r) => r.id);
}
