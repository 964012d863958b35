/**
 * Waiting in tests without sleeping: poll a condition until it holds. A test never sleeps to prove that
 * something did NOT happen; it waits until nothing more CAN happen (see `jobsSettled`), or advances a
 * FakeClock, then asserts.
 */
import type { Queryable } from '../../src/core/db/types.ts';

/** Polls `fn` until it answers something truthy, and returns it; fails after `timeoutMs`. */
export async function eventually<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * True when no job of these queues is running or due: nothing more can happen now (a job planned for
 * later, a reminder days ahead, is not due).
 */
export async function jobsSettled(db: Queryable, queues: readonly string[]): Promise<boolean> {
  const { rows } = await db.query<{ n: number }>(
    `select count(*)::int as n from pgboss.job
      where name = any($1::text[]) and (state = 'active' or (state in ('created', 'retry') and start_after <= now()))`,
    [queues],
  );
  return rows[0]!.n === 0;
}
