/** The one database interface every repo uses, whichever engine is behind it. */
export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export type DatabaseKind = 'pglite' | 'postgresql';

/** PGlite's instance or node-postgres' pool, typed loosely so this file imports neither driver. */
export type NativeDriver =
  | { kind: 'pglite'; pglite: { query: (...args: never[]) => unknown; exec: (...args: never[]) => unknown } }
  | { kind: 'postgresql'; pool: { query: (...args: never[]) => unknown; connect: (...args: never[]) => unknown } };

export interface Db extends Queryable {
  readonly kind: DatabaseKind;
  /** The driver underneath, for a library that must speak to it itself (pg-boss); application code uses query(). */
  readonly native?: NativeDriver;
  /**
   * Runs fn in one transaction (READ COMMITTED); rolls back if it throws. A serialisation failure or a
   * deadlock runs fn again from the start (core/db/retry.ts): effects meant for after the commit are built inside fn.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The SQLSTATE of a database error, whichever driver raised it. */
export function sqlState(error: unknown): string | undefined {
  let e: unknown = error;
  for (let i = 0; i < 3 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The constraint a database error names, if any. */
export function sqlConstraint(error: unknown): string | undefined {
  const c = (error as { constraint?: unknown } | null)?.constraint;
  return typeof c === 'string' ? c : undefined;
}
