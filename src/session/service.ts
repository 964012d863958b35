/**
 * Sign-in and sign-out. Wrong password and unknown email get the same answer, in the same time, and count
 * alike towards the throttle that stops password guessing.
 */
import { AppError } from '../core/errors/catalogue.ts';
import type { Db } from '../core/db/types.ts';
import { verifyPassword } from '../core/auth/passwords.ts';
import { createSession, endSession } from '../core/auth/sessions.ts';

export const LOGIN_THROTTLE = { maxFailures: 10, windowMinutes: 15 } as const;

export async function signIn(db: Db, email: string, password: string, ttlMinutes: number) {
  const emailKey = email.trim().toLowerCase();
  const recent = await db.query<{ n: number }>(
    `select count(*)::int as n from login_failures where email_key = $1 and at > now() - make_interval(mins => $2)`,
    [emailKey, LOGIN_THROTTLE.windowMinutes],
  );
  if ((recent.rows[0]?.n ?? 0) >= LOGIN_THROTTLE.maxFailures) throw new AppError('rate_limited');

  const { rows } = await db.query<{ id: string; password_hash: string }>(
    'select id, password_hash from users where lower(email) = $1 and active',
    [emailKey],
  );
  const user = rows[0];
  const ok = await verifyPassword(user?.password_hash, password);
  if (!user || !ok) {
    await db.query('insert into login_failures (email_key) values ($1)', [emailKey]);
    throw new AppError('invalid_credentials');
  }
  await db.query('delete from login_failures where email_key = $1', [emailKey]);
  return createSession(db, user.id, ttlMinutes);
}

export function signOut(db: Db, tokenHash: string) {
  return endSession(db, tokenHash);
}
