/**
 * The key that signs patients' links: RELAIS_LINK_SECRET, or else a random key generated once and kept
 * in the database, so that links survive restarts and every instance agrees on it.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/types.ts';
import { storedLinkSecret } from './link-secret-repo.ts';

const cache = new WeakMap<Db, Promise<string>>();

/** Never call inside a transaction of `db` (PGlite has one connection). */
export function linkSecret(db: Db, configured: string | undefined): Promise<string> {
  if (configured) return Promise.resolve(configured);
  let p = cache.get(db);
  if (!p) {
    p = storedLinkSecret(db, randomBytes(32).toString('base64url'));
    p.catch(() => cache.delete(db));
    cache.set(db, p);
  }
  return p;
}

/** Where links point: the public URL, or the local server. */
export function linkBaseUrl(config: { publicUrl: string | undefined; port: number }): string {
  return config.publicUrl ?? `http://localhost:${config.port}`;
}
