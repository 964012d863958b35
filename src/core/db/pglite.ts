/** The embedded database: PostgreSQL compiled to WASM, data in a folder (or in memory for tests). */
import v8 from 'node:v8';
import { PGlite, types } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { withRetries } from './retry.ts';
import type { Db, Queryable, QueryResult } from './types.ts';

// Dates stay 'YYYY-MM-DD' strings (a birth date has no time zone); int8 becomes a number.
const parsers = {
  [types.DATE]: (v: string) => v,
  [types.INT8]: (v: string) => Number(v),
};

function wrap(q: Pick<PGlite, 'query' | 'exec'>): Queryable {
  return {
    async query<T>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      const r = await q.query<T>(sql, params ? [...params] : undefined);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await q.exec(sql);
    },
  };
}

/**
 * PGlite's own start parameters plus memory sized for a demo database (tens of MB), measured by
 * `npm run bench footprint`: PostgreSQL's 128 MB of shared buffers and the shared state of 100 connections
 * (lock table, process slots) cost ~160 MB of WASM heap that one embedded session never uses. Data beyond
 * the shared buffers is read from the data folder's files (the OS page cache keeps them).
 */
export const PGLITE_START_PARAMS: readonly string[] = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB', '-c', 'max_connections=2'];

/**
 * V8 flag for the server process that embeds PGlite: its 9 MB WASM module is compiled by the baseline
 * compiler only, never re-optimised. Measured (`npm run bench footprint`): ~50 MB less resident memory
 * after a restart and a faster start; the queries of a demo showed no clear loss on this machine.
 */
export const PGLITE_V8_FLAGS = '--liftoff-only';

/** Applies PGLITE_V8_FLAGS to this process; call before the first PGlite opens (the compiler is chosen then). */
export function useBaselineWasmCompiler(): void {
  v8.setFlagsFromString(PGLITE_V8_FLAGS);
}

/** Opens PGlite; dataDir undefined means in memory. */
export async function openPglite(dataDir?: string): Promise<Db> {
  const pg = await PGlite.create({
    dataDir,
    extensions: { btree_gist, pg_trgm, unaccent },
    parsers,
    startParams: [...PGLITE_START_PARAMS],
  });
  const base = wrap(pg);
  return {
    kind: 'pglite',
    native: { kind: 'pglite', pglite: pg },
    query: base.query,
    exec: base.exec,
    // One session cannot conflict with itself; a retryable error raised in the function is retried alike.
    transaction: (fn) => withRetries(() => pg.transaction((tx) => fn(wrap(tx)))),
    close: () => pg.close(),
  };
}
