/** Server-side sessions: the cookie carries a random token; the database keeps only its hash. */
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/types.ts';
import type { Actor } from './actor.ts';
import { ROLES, seesWholeOrganisation, type Role } from './roles.ts';
import { sessionCache, type LiveSession } from './session-cache.ts';
import { systemClock } from '../time/clock.ts';

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

/** Ends a session; this process stops honouring it at once (other instances: see session-cache.ts). */
export async function endSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('update sessions set ended_at = now() where token_hash = $1 and ended_at is null', [tokenHash]);
  sessionCache().forgetToken(tokenHash);
}

interface SessionRow {
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

const ORG_WIDE_ROLES = ROLES.filter(seesWholeOrganisation);

/**
 * The actor of a live session; null when the session is unknown, ended or expired. Answered from the
 * process's short-lived session cache when it is on and holds the token (session-cache.ts says what a
 * cached entry may miss), else read from the database and kept there.
 */
export async function actorForSession(db: Queryable, tokenHash: string): Promise<Actor | null> {
  const cache = sessionCache();
  if (!cache.enabled) return (await liveSession(db, tokenHash))?.actor ?? null;
  const cached = cache.get(tokenHash);
  if (cached) return cached;
  const mark = cache.mark();
  const session = await liveSession(db, tokenHash);
  if (!session) return null;
  cache.set(tokenHash, session, mark);
  return session.actor;
}

/**
 * A live session read from the database, with its scope resolved in the same query; null when the
 * session is unknown, ended or expired. Org-wide roles see every practice of their organisation, a
 * practitioner the practices he works in, the others the practices they are assigned to.
 */
export async function liveSession(db: Queryable, tokenHash: string): Promise<LiveSession | null> {
  // The expiry is turned into this process's clock from the time left by the database's clock, counted
  // from before the query was sent: it can only come early, never late, whatever the clocks' skew.
  const sent = systemClock.nowMs();
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
    [tokenHash, ORG_WIDE_ROLES],
  );
  const row = rows[0];
  if (!row) return null;
  const actor: Actor = {
    userId: row.user_id,
    organisationId: row.organisation_id,
    role: row.role,
    email: row.email,
    displayName: row.display_name,
    locale: row.locale,
    practitionerId: row.practitioner_id,
    practiceIds: row.practice_ids,
  };
  return { actor, expiresAt: sent + row.remaining_ms };
}
