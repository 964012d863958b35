/**
 * Runs a creating use case at most once per (user, Idempotency-Key): the same key with the same request
 * answers the stored result; the same key with another request is refused (422 idempotency_key_reused).
 */
import { createHash } from 'node:crypto';
import { AppError } from '../core/errors/catalogue.ts';
import type { Queryable } from '../core/db/types.ts';
import { claimKey, storeAnswer } from './idempotency-repo.ts';

/** A stable hash of a request: its route and its body with keys sorted. */
export function fingerprint(route: string, body: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
          )
        : v;
  return createHash('sha256')
    .update(route)
    .update('\n')
    .update(JSON.stringify(canonical(body)))
    .digest('hex');
}

export interface Idempotency {
  userId: string;
  key: string;
  fingerprint: string;
}

/**
 * Inside the caller's transaction: returns the stored answer of an earlier identical request, or runs
 * `fn` and stores its answer with the key (both commit or roll back together).
 */
export async function once<T>(tx: Queryable, idem: Idempotency | undefined, status: number, fn: () => Promise<T>): Promise<{ body: T; replayed: boolean }> {
  if (!idem) return { body: await fn(), replayed: false };
  const claim = await claimKey(tx, idem.userId, idem.key, idem.fingerprint);
  if (claim.kind === 'stored') {
    if (claim.fingerprint !== idem.fingerprint) throw new AppError('idempotency_key_reused', { field: 'Idempotency-Key' });
    return { body: claim.response as T, replayed: true };
  }
  const body = await fn();
  await storeAnswer(tx, idem.userId, idem.key, status, body);
  return { body, replayed: false };
}
