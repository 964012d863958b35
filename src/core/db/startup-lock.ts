/**
 * Serialises what instances do once at start on a shared PostgreSQL database (pg-boss creating its schema,
 * tables and queues): a session advisory lock held on one pooled connection while `run` uses the others.
 * PGlite has a single process by construction (data-folder lock): nothing to serialise.
 */
import type { Db } from './types.ts';

/** The key of the advisory lock taken while an instance sets up its job queues. */
export const JOBS_STARTUP_LOCK = 7265637;

interface LockClient {
  query(sql: string, values: unknown[]): Promise<unknown>;
  release(): void;
}

export async function withStartupLock<T>(db: Db, key: number, run: () => Promise<T>): Promise<T> {
  const native = db.native;
  if (native?.kind !== 'postgresql') return run();
  const client = (await (native.pool.connect as () => Promise<LockClient>)()) as LockClient;
  try {
    await client.query('select pg_advisory_lock($1)', [key]);
    try {
      return await run();
    } finally {
      await client.query('select pg_advisory_unlock($1)', [key]);
    }
  } finally {
    client.release();
  }
}
