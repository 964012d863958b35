/**
 * Sign-in and sign-out. Wrong password and unknown email get the same answer, in the same time, and count
 * alike towards the limits that stop password guessing (see limits.ts). Each counter is reserved before the
 * password is checked, so parallel guesses cannot all be checked.
 */
import { randomBytes } from 'node:crypto';
import { AppError } from '../core/errors/catalogue.ts';
import type { Db } from '../core/db/types.ts';
import { verifyPassword } from '../core/auth/passwords.ts';
import { createSession, endSession } from '../core/auth/sessions.ts';
import { SIGN_IN_LIMITS, delayAfter, refusal, type LimitRule } from './limits.ts';
import { knownDeviceNonce, withDevice } from './known-device.ts';
import * as repo from './limits-repo.ts';

export { SIGN_IN_LIMITS };

export interface SignInInput {
  email: string;
  password: string;
  /** The client's address, as the server sees it. */
  source: string;
  /** The known-device cookie, if the browser sent one. */
  deviceCookie: string | undefined;
  ttlMinutes: number;
}

const secrets = new WeakMap<Db, Promise<string>>();

function deviceSecret(db: Db): Promise<string> {
  let p = secrets.get(db);
  if (!p) {
    p = repo.storedSecret(db, 'device', randomBytes(32).toString('base64url'));
    p.catch(() => secrets.delete(db));
    secrets.set(db, p);
  }
  return p;
}

const accountKey = (emailKey: string) => `account:${emailKey}`;

/** Reserves an attempt on every counter, or gives them all back and answers 429 with when to retry. */
async function reserveAll(db: Db, counters: [string, LimitRule][]): Promise<number[]> {
  const attempts: number[] = [];
  for (const [i, [key, rule]] of counters.entries()) {
    const r = await repo.reserve(db, key, rule.windowMinutes);
    const waitMs = refusal(r, rule);
    if (waitMs !== undefined) {
      for (const [k] of counters.slice(0, i + 1)) await repo.release(db, k);
      const retryAfterSeconds = Math.ceil(waitMs / 1000);
      throw new AppError('rate_limited', { details: { retryAfterSeconds } });
    }
    attempts.push(r.attempts);
  }
  return attempts;
}

export async function signIn(db: Db, input: SignInInput) {
  const emailKey = input.email.trim().toLowerCase();
  const user = await repo.findSignInUser(db, emailKey);
  const secret = await deviceSecret(db);
  const nonce = user ? knownDeviceNonce(secret, input.deviceCookie, user.id) : undefined;
  // From a device this account signed in from before, only that device's counter applies.
  const counters: [string, LimitRule][] = nonce
    ? [[`device:${nonce}`, SIGN_IN_LIMITS.device]]
    : [
        [accountKey(emailKey), SIGN_IN_LIMITS.account],
        [`source:${input.source}`, SIGN_IN_LIMITS.source],
      ];
  const attempts = await reserveAll(db, counters);

  const ok = await verifyPassword(user?.password_hash, input.password);
  if (!user || !ok) {
    for (const [i, [key, rule]] of counters.entries()) {
      const delay = delayAfter(attempts[i]!, rule);
      if (delay > 0) await repo.delayNext(db, key, delay);
    }
    throw new AppError('invalid_credentials');
  }
  // The owner is in: his account's and device's counters start afresh; the address gets its attempt back.
  // Signed in through a known device, the account stays locked for everyone else.
  for (const [key] of counters) {
    if (key.startsWith('source:')) await repo.release(db, key);
    else await repo.clear(db, key);
  }
  const session = await createSession(db, user.id, input.ttlMinutes);
  return { ...session, deviceCookie: withDevice(secret, input.deviceCookie, user.id) };
}

export function signOut(db: Db, tokenHash: string) {
  return endSession(db, tokenHash);
}

/** An administrator lifts the lock of an account (its counter and delay). */
export async function unlockAccount(db: Db, email: string): Promise<void> {
  await repo.clear(db, accountKey(email.trim().toLowerCase()));
}

/** Seconds the account stays locked to sign-ins from unknown devices (0 when it is not). */
export async function accountLockSeconds(db: Db, email: string): Promise<number> {
  const ms = await repo.lockedForMs(db, accountKey(email.trim().toLowerCase()), SIGN_IN_LIMITS.account);
  return Math.ceil(ms / 1000);
}
