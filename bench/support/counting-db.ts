/**
 * A database that counts the statements the application sends through it (BEGIN and COMMIT included), so
 * that a benchmark can print statements per operation. pg-boss speaks to the driver underneath and is not counted.
 */
import type { Db, Queryable } from '../../src/core/db/types.ts';

export interface CountingDb extends Db {
  readonly statements: { count: number };
}

export function countingDb(db: Db): CountingDb {
  const statements = { count: 0 };
  const counted = (q: Queryable): Queryable => ({
    query: (sql, params) => {
      statements.count++;
      return q.query(sql, params);
    },
    exec: (sql) => {
      statements.count++;
      return q.exec(sql);
    },
  });
  const base = counted(db);
  return {
    ...db,
    statements,
    query: base.query,
    exec: base.exec,
    transaction: (fn) => {
      statements.count += 2;
      return db.transaction((tx) => fn(counted(tx)));
    },
  };
}
