/**
 * pg-boss on either database: PGlite through pg-boss' own `fromPglite` adapter, PostgreSQL through
 * the application's pool. Jobs live in the `pgboss` schema of the same database, so a job can be
 * enqueued inside a business transaction (see `txDatabase`).
 */
import { PgBoss, fromPglite, type ConstructorOptions, type Db as IDatabase } from 'pg-boss';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import type { Db, Queryable } from '../db/types.ts';

export const JOBS_SCHEMA = 'pgboss';

/** The adapter pg-boss speaks to for its own statements (polling, maintenance, migrations). */
function mainDatabase(db: Db): { db: IDatabase; backend: 'pglite' | 'postgres' } {
  const native = db.native;
  if (!native) throw new Error('this database exposes no driver: pg-boss cannot run on it');
  if (native.kind === 'pglite') {
    return { db: fromPglite(native.pglite as unknown as PGlite), backend: 'pglite' };
  }
  const pool = native.pool as unknown as pg.Pool;
  // A query without values may hold several statements (pg-boss' locked blocks): node-postgres then
  // answers an array of results, which pg-boss unwraps itself.
  return { db: { executeSql: (text, values) => pool.query(text, values) as never }, backend: 'postgres' };
}

/** pg-boss writing through the caller's transaction: the job exists exactly when the transaction commits. */
export function txDatabase(tx: Queryable): IDatabase {
  return { executeSql: (text, values) => tx.query(text, values) };
}

export interface BossOptions {
  /** Workers supervise (expire, retry, archive); a producer that only enqueues does not. */
  supervise: boolean;
  superviseIntervalSeconds?: number;
  onError?: (error: Error) => void;
}

export async function startBoss(db: Db, options: BossOptions): Promise<PgBoss> {
  const { db: adapter, backend } = mainDatabase(db);
  const config: ConstructorOptions = {
    db: adapter,
    backend,
    schema: JOBS_SCHEMA,
    supervise: options.supervise,
    schedule: false,
    migrate: true,
    ...(options.superviseIntervalSeconds
      ? { superviseIntervalSeconds: options.superviseIntervalSeconds, monitorIntervalSeconds: options.superviseIntervalSeconds }
      : {}),
  };
  const boss = new PgBoss(config);
  boss.on('error', (error) => options.onError?.(error as Error));
  await boss.start();
  return boss;
}
