/** Server-side sessions: the cookie carries a random token; the database keeps only its hash. */
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/types.ts';
import type { Actor } from './actor.ts';
import { ROLES, seesWholeOrganisation } from './roles.ts';
import { sessionCache, type LiveSession } from './session-cache.ts';
import { systemClock } from '../time/clock.ts';
import * as repo from './sessions-repo.ts';

export const SESSION_COOKIE = 'relais_session';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(db: Queryable, userId: string, ttlMinutes: number): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = await repo.insertSession(db, { tokenHash: hashToken(token), userId, ttlMinutes });
  return { token, expiresAt };
}

/** Ends a session; this process stops honouring it at once (other instances: see session-cache.ts). */
export async function endSession(db: Queryable, tokenHash: string): Promise<void> {
  await repo.endSession(db, tokenHash);
  sessionCache().forgetToken(tokenHash);
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
  const row = await repo.liveSessionRow(db, { tokenHash, orgWideRoles: ORG_WIDE_ROLES });
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
