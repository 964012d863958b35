/**
 * The key that signs patients' links: RELAIS_LINK_SECRET, or else a random key generated once and kept
 * in the database, so that links survive restarts and every instance agrees on it.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../core/db/types.ts';

const cache = new WeakMap<Db, Promise<string>>();

async function stored(db: Db): Promise<string> {
  await db.query(`insert into notify_secrets (name, value) values ('link', $1) on conflict (name) do nothing`, [randomBytes(32).toString('base64url')]);
  const { rows } = await db.query<{ value: string }>(`select value from notify_secrets where name = 'link'`);
  return rows[0]!.value;
}

/** Never call inside a transaction of `db` (PGlite has one connection). */
export function linkSecret(db: Db, configured: string | undefined): Promise<string> {
  if (configured) return Promise.resolve(configured);
  let p = cache.get(db);
  if (!p) {
    p = stored(db);
    p.catch(() => cache.delete(db));
    cache.set(db, p);
  }
  return p;
}

/** Where links point: the public URL, or the local server. */
export function linkBaseUrl(config: { publicUrl: string | undefined; port: number }): string {
  return config.publicUrl ?? `http://localhost:${config.port}`;
}
