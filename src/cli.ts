/** The `relais` command: wires each subcommand to its module in src/cli/. */
import { Command, Option } from 'commander';
import { DataDirLockedError } from './core/db/lock.ts';
import { ROLES } from './core/auth/roles.ts';
import { VERSION } from './core/version.ts';
import { loadConfig } from './core/config.ts';
import { openDatabase } from './core/db/open.ts';
import { serve } from './cli/serve.ts';
import { migrateCommand } from './cli/migrate.ts';
import { auditVerifyCommand } from './cli/audit-verify.ts';
import { seedCommand } from './cli/seed.ts';
import { startCommand } from './cli/start.ts';
import { userAddCommand } from './cli/user-add.ts';
import { simulateCallsCommand } from './cli/simulate-calls.ts';

const program = new Command('relais').version(VERSION).description('Relais — télésecrétariat médical');
const collect = (value: string, previous: string[] = []) => [...previous, value];

program
  .command('start')
  .description('Démarre Relais ; crée la démo au premier lancement (npm start) / Start Relais, seeding the demo on first run')
  .action(startCommand);

program
  .command('serve')
  .description('Démarre le serveur HTTP (applique les migrations) / Start the HTTP server')
  .action(async () => {
    const config = loadConfig();
    const db = await openDatabase(config);
    await serve(db, config, (url) => console.log(`Relais écoute sur ${url}`));
  });

program.command('migrate').description('Applique les migrations en attente / Apply pending migrations').action(migrateCommand);

program
  .command('seed')
  .description('Crée les données de démonstration dans une base vide / Seed the demo into an empty database')
  .option('--demo', 'la démo réaliste (30 cabinets, 5 000 patients) / the realistic demo')
  .action(seedCommand);

const userCmd = program.command('user').description('Utilisateurs / Users');
userCmd
  .command('add')
  .description('Crée un utilisateur / Create a user')
  .requiredOption('--email <email>', 'adresse e-mail de connexion / sign-in email')
  .addOption(new Option('--role <role>', 'rôle / role').choices(ROLES).makeOptionMandatory())
  .requiredOption('--name <name>', 'nom affiché / display name')
  .option('--password <password>', 'mot de passe (12 caractères minimum) ; généré et affiché si absent / generated if absent')
  .option('--organisation <id-or-name>', "organisation (créée si la base n'en a aucune) / organisation")
  .option('--practice <id>', 'cabinet d’un agent ou formateur (répétable) / practice (repeatable)', collect)
  .option('--dedicated <id>', 'cabinet dont il est le secrétaire dédié (répétable) / dedicated practice', collect)
  .option('--practitioner <id>', 'le praticien, pour le rôle practitioner / the practitioner')
  .addOption(new Option('--locale <locale>', 'langue / language').choices(['fr', 'en']))
  .action(userAddCommand);

const auditCmd = program.command('audit').description("Journal d'audit / Audit trail");
auditCmd.command('verify').description("Vérifie la chaîne de hachage du journal d'audit / Verify the audit hash chain").action(auditVerifyCommand);

program.addCommand(simulateCallsCommand());

program.parseAsync().catch((error: unknown) => {
  if (error instanceof DataDirLockedError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
