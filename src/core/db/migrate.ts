/** Applies the numbered SQL files of migrations/ in order, each once, each in its own transaction. */
import fs from 'node:fs';
import path from 'node:path';
import { appPath } from '../paths.ts';
import type { Db } from './types.ts';

export const MIGRATIONS_DIR = appPath('migrations');

export interface Migration {
  version: string;
  name: string;
  sql: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.slice(0, 4), name: f.slice(5, -4), sql: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

/** Returns the versions applied by this call. */
export async function migrate(db: Db, migrations = readMigrations()): Promise<string[]> {
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    // Two instances starting on one PostgreSQL: the second waits for the first.
    if (db.kind === 'postgresql') await tx.query('select pg_advisory_xact_lock(7265636)');
    await tx.query(
      `create table if not exists schema_migrations (
         version text primary key, name text not null, applied_at timestamptz not null default now())`,
    );
    const done = new Set((await tx.query<{ version: string }>('select version from schema_migrations')).rows.map((r) => r.version));
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
  });
  return applied;
}
