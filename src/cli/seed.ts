/** `relais seed --demo`: seeds the demo into an empty database; politely refuses otherwise. */
import { loadConfig } from '../core/config.ts';
import { openDatabase } from '../core/db/open.ts';
import { DatabaseNotEmptyError, seedDemo } from '../demo/seed.ts';
import { demoLoginLines, seedSummaryText } from './demo-output.ts';

export async function seedCommand(options: { demo?: boolean }): Promise<void> {
  if (!options.demo) {
    console.error('Précisez ce qu’il faut créer : relais seed --demo / Say what to seed: relais seed --demo');
    process.exitCode = 1;
    return;
  }
  const db = await openDatabase(loadConfig());
  try {
    const summary = await seedDemo(db);
    console.log(seedSummaryText(summary));
    for (const line of await demoLoginLines(db)) console.log(line);
  } catch (error) {
    if (!(error instanceof DatabaseNotEmptyError)) throw error;
    console.error(`${error.message}\nRien n’a été modifié. / Nothing was changed.`);
    process.exitCode = 1;
  } finally {
    await db.close();
  }
}
