/** Opens the configured database (PostgreSQL if DATABASE_URL, else PGlite in the data folder) and migrates it. */
import type { Config } from '../config.ts';
import { lockDataDir } from './lock.ts';
import { migrate } from './migrate.ts';
import { openPglite, useBaselineWasmCompiler } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import type { Db } from './types.ts';

export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Db> {
  let db: Db;
  if (config.databaseUrl) {
    db = await openPostgres(config.databaseUrl);
  } else {
    const release = lockDataDir(config.dataDir);
    try {
      useBaselineWasmCompiler();
      const inner = await openPglite(config.dataDir);
      db = {
        ...inner,
        close: async () => {
          await inner.close();
          release();
        },
      };
    } catch (e) {
      release();
      throw e;
    }
  }
  try {
    await migrate(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}
