/**
 * `relais user add`: creates a user from the command line (the first admin of a fresh install, typically).
 * Creates the organisation when the database has none; generates and prints a password when none is given.
 */
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../core/config.ts';
import { openDatabase } from '../core/db/open.ts';
import type { Db } from '../core/db/types.ts';
import { AppError, ERRORS } from '../core/errors/catalogue.ts';
import { createOrganisation, createUser, listOrganisations, practiceIdsOfOrganisation } from '../users/service.ts';
import { createUserBody } from '../users/schemas.ts';

export interface UserAddOptions {
  email: string;
  role: string;
  name: string;
  password?: string;
  organisation?: string;
  practice?: string[];
  dedicated?: string[];
  practitioner?: string;
  locale?: string;
}

const DEFAULT_ORGANISATION = 'Mon télésecrétariat';

/** A password people can copy: 20 characters from a 64-letter alphabet (120 bits). */
export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}

class CliError extends Error {}

async function resolveOrganisation(db: Db, wanted: string | undefined): Promise<{ id: string; name: string; created: boolean }> {
  const all = await listOrganisations(db);
  if (wanted) {
    const found = all.find((o) => o.id === wanted || o.name.toLowerCase() === wanted.toLowerCase());
    if (found) return { ...found, created: false };
    if (all.length > 0 || /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(wanted)) {
      throw new CliError(`Organisation introuvable : ${wanted}. Existantes : ${all.map((o) => `${o.name} (${o.id})`).join(', ') || 'aucune'}.`);
    }
    return { id: await createOrganisation(db, wanted), name: wanted, created: true };
  }
  if (all.length === 1) return { ...all[0]!, created: false };
  if (all.length > 1) {
    throw new CliError(`Plusieurs organisations : précisez --organisation (${all.map((o) => `${o.name} (${o.id})`).join(', ')}).`);
  }
  return { id: await createOrganisation(db, DEFAULT_ORGANISATION), name: DEFAULT_ORGANISATION, created: true };
}

export async function userAddCommand(options: UserAddOptions): Promise<void> {
  const generated = options.password === undefined ? generatePassword() : undefined;
  const parsed = createUserBody.safeParse({
    email: options.email,
    displayName: options.name,
    role: options.role,
    password: options.password ?? generated,
    locale: options.locale,
    practiceIds: options.practice?.length ? options.practice : undefined,
    dedicatedPracticeIds: options.dedicated?.length ? options.dedicated : undefined,
    practitionerId: options.practitioner,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`--${issue.path.join('.') || 'options'} : ${issue.message}`);
    process.exitCode = 1;
    return;
  }
  const db = await openDatabase(loadConfig());
  let organisation: { id: string; name: string; created: boolean } | undefined;
  try {
    organisation = await resolveOrganisation(db, options.organisation);
    const user = await createUser(db, { organisationId: organisation.id, practiceIds: await practiceIdsOfOrganisation(db, organisation.id) }, parsed.data);
    if (organisation.created) console.log(`Organisation créée : ${organisation.name} (${organisation.id})`);
    console.log(`Utilisateur créé : ${user.email} — ${user.role} — ${organisation.name} (${user.id})`);
    if (generated)
      console.log(`Mot de passe : ${generated}\n(à transmettre à l’utilisateur, il ne sera plus affiché / give it to the user, it will not be shown again)`);
  } catch (error) {
    // Nothing half-done: an organisation created for this user goes if the user could not be created.
    if (organisation?.created) await db.query('delete from organisations where id = $1', [organisation.id]).catch(() => undefined);
    if (error instanceof CliError) {
      console.error(error.message);
      process.exitCode = 1;
    } else if (error instanceof AppError) {
      console.error(`${ERRORS[error.code].fr}${error.options.field ? ` (${error.options.field})` : ''} / ${ERRORS[error.code].en}`);
      process.exitCode = 1;
    } else {
      throw error;
    }
  } finally {
    await db.close();
  }
}
