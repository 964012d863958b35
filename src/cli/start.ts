/**
 * `relais start` (what `npm start` runs): opens and migrates the database, seeds the demo on the very
 * first run only, serves Relais, and prints the address and the demo logins.
 */
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../core/config.ts';
import { openDatabase } from '../core/db/open.ts';
import type { Db } from '../core/db/types.ts';
import { DatabaseNotEmptyError, organisationCount, seedDemo } from '../demo/seed.ts';
import { demoLoginLines, seedSummaryText } from './demo-output.ts';
import { serve } from './serve.ts';

async function counts(db: Db): Promise<{ practices: number; patients: number }> {
  const { rows } = await db.query<{ practices: number; patients: number }>(
    'select (select count(*) from practices)::int as practices, (select count(*) from patients)::int as patients',
  );
  return rows[0]!;
}

export async function startCommand(): Promise<void> {
  const config = loadConfig();
  // Demo traffic signs its webhooks like a carrier; on a local demo with no carrier, any shared secret does.
  if (process.env.RELAIS_DEMO_CALLS && !config.twilio.authToken && !config.production) {
    config.twilio = { ...config.twilio, authToken: randomBytes(24).toString('base64url') };
  }
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : config.dataDir;
  console.log(`Relais démarre — données : ${where}`);
  const db = await openDatabase(config);
  let seeded = false;
  if ((await organisationCount(db)) === 0) {
    console.log('Première exécution : création des données de démonstration… / First run: seeding the demo…');
    try {
      console.log(seedSummaryText(await seedDemo(db)));
      seeded = true;
    } catch (error) {
      // Another instance on the same PostgreSQL seeded it first.
      if (!(error instanceof DatabaseNotEmptyError)) {
        await db.close();
        throw error;
      }
    }
  }
  if (!seeded) {
    const c = await counts(db);
    console.log(
      `Données existantes réutilisées (${c.practices.toLocaleString('fr-FR')} cabinets, ${c.patients.toLocaleString('fr-FR')} patients) : ` +
        'pas de nouvelle démo. / Existing data reused, no reseeding.',
    );
  }
  await serve(db, config, async (url) => {
    const lines = ['', `Relais est prêt : ${url}`, `  API : ${url}/api — documentation : ${url}/api/docs`];
    const logins = await demoLoginLines(db);
    if (logins.length) lines.push('', ...logins);
    lines.push('', 'Ctrl+C pour arrêter. / Ctrl+C to stop.', '');
    console.log(lines.join('\n'));
  });
}
