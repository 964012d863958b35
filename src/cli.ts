/** The `relais` command. */
import { Command } from 'commander';
import { loadConfig } from './core/config.ts';
import { openDatabase } from './core/db/open.ts';
import { DataDirLockedError } from './core/db/lock.ts';
import { verifyAuditChain } from './core/audit.ts';
import { VERSION } from './core/version.ts';
import { serve } from './cli/serve.ts';

const program = new Command('relais').version(VERSION).description('Relais — télésecrétariat médical');

program
  .command('serve')
  .description('Démarre le serveur HTTP (applique les migrations) / Start the HTTP server')
  .action(async () => {
    const config = loadConfig();
    const db = await openDatabase(config);
    await serve(db, config, (url) => console.log(`Relais écoute sur ${url}`));
  });

program
  .command('migrate')
  .description('Applique les migrations en attente / Apply pending migrations')
  .action(async () => {
    const db = await openDatabase(loadConfig());
    console.log(`Base de données ${db.kind} à jour.`);
    await db.close();
  });

const auditCmd = program.command('audit').description("Journal d'audit / Audit trail");
auditCmd
  .command('verify')
  .description("Vérifie la chaîne de hachage du journal d'audit / Verify the audit hash chain")
  .action(async () => {
    const db = await openDatabase(loadConfig());
    try {
      const result = await verifyAuditChain(db);
      if (result.firstAltered) {
        console.error(
          `ALTÉRÉ : la ligne ${result.firstAltered.id} du journal d'audit a été modifiée (${result.firstAltered.reason}). ` +
            `/ ALTERED: audit row ${result.firstAltered.id} (${result.firstAltered.reason}).`,
        );
        process.exitCode = 1;
      } else {
        console.log(`Journal d'audit intact : ${result.rows} lignes vérifiées. / Audit trail intact: ${result.rows} rows.`);
      }
    } finally {
      await db.close();
    }
  });

program.parseAsync().catch((error: unknown) => {
  if (error instanceof DataDirLockedError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
