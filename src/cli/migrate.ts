/** `relais migrate`: applies the pending migrations (opening the database does it) and says so. */
import { loadConfig } from '../core/config.ts';
import { openDatabase } from '../core/db/open.ts';

export async function migrateCommand(): Promise<void> {
  const db = await openDatabase(loadConfig());
  console.log(`Base de données ${db.kind} à jour.`);
  await db.close();
}
