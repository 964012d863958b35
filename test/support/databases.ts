/**
 * Every integration test runs on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set (DESIGN invariant 6).
 * Each test database is fresh: PGlite in memory, or a new PostgreSQL database dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPglite } from '../../src/core/db/pglite.ts';
import { openPostgres } from '../../src/core/db/postgres.ts';
import { migrate } from '../../src/core/db/migrate.ts';
import type { Db, DatabaseKind } from '../../src/core/db/types.ts';

export function testDatabaseKinds(): DatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgresql'] : ['pglite'];
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export interface TestDb {
  db: Db;
  /** For PostgreSQL, the connection string of this test's own database. */
  url?: string;
  close(): Promise<void>;
}

export async function openTestDb(kind: DatabaseKind): Promise<TestDb> {
  if (kind === 'pglite') {
    const db = await openPglite();
    await migrate(db);
    return { db, close: () => db.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `relais_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  const db = await openPostgres(url, 20);
  await migrate(db);
  return {
    db,
    url,
    async close() {
      await db.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      // pool.end() resolves before the server ends the backends: wait for them, so that the forced drop
      // below does not kill sockets the pool is still closing (an uncaught error in the test process).
      for (let i = 0; i < 100; i++) {
        const { rows } = await a.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        if (rows[0]!.n === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
