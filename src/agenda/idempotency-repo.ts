/**
 * Idempotency-Key of booking requests (SQL only). The key row is inserted first in the booking
 * transaction: a concurrent retry with the same key waits on it, then reads the stored answer.
 * Only successful answers are stored (a failed booking rolls its key back, so a retry runs again).
 */
import type { Queryable } from '../core/db/types.ts';

export type Claim = { kind: 'claimed' } | { kind: 'stored'; fingerprint: string; status: number; response: unknown };

export async function claimKey(q: Queryable, userId: string, key: string, fingerprint: string): Promise<Claim> {
  const inserted = await q.query(
    `insert into idempotency_keys (user_id, key, fingerprint, status, response) values ($1, $2, $3, 0, 'null'::jsonb)
     on conflict (user_id, key) do nothing returning 1`,
    [userId, key, fingerprint],
  );
  if (inserted.rows.length > 0) return { kind: 'claimed' };
  const { rows } = await q.query<{ fingerprint: string; status: number; response: unknown }>(
    'select fingerprint, status, response from idempotency_keys where user_id = $1 and key = $2',
    [userId, key],
  );
  const row = rows[0]!;
  return { kind: 'stored', fingerprint: row.fingerprint, status: row.status, response: row.response };
}

export async function storeAnswer(q: Queryable, userId: string, key: string, status: number, response: unknown): Promise<void> {
  await q.query('update idempotency_keys set status = $3, response = $4::jsonb where user_id = $1 and key = $2', [
    userId,
    key,
    status,
    JSON.stringify(response),
  ]);
}
