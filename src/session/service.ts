/** Sign-in and sign-out. Wrong password and unknown email get the same answer, in the same time. */
import { AppError } from '../core/errors/catalogue.ts';
import type { Db } from '../core/db/types.ts';
import { verifyPassword } from '../core/auth/passwords.ts';
import { createSession, endSession } from '../core/auth/sessions.ts';

export async function signIn(db: Db, email: string, password: string, ttlMinutes: number) {
  const { rows } = await db.query<{ id: string; password_hash: string }>(
    'select id, password_hash from users where lower(email) = lower($1) and active',
    [email.trim()],
  );
  const user = rows[0];
  const ok = await verifyPassword(user?.password_hash, password);
  if (!user || !ok) throw new AppError('invalid_credentials');
  return createSession(db, user.id, ttlMinutes);
}

export function signOut(db: Db, tokenHash: string) {
  return endSession(db, tokenHash);
}
