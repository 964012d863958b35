/** Builders for test data, written straight to the database so each test states only what it needs. */
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../../src/core/db/types.ts';
import { hashPassword } from '../../src/core/auth/passwords.ts';
import type { Role } from '../../src/core/auth/roles.ts';
import { patientSearchName } from '../../src/patients/identity.ts';

export const PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

const uniq = () => randomBytes(4).toString('hex');

export async function createOrganisation(db: Queryable, name = `Télésecrétariat ${uniq()}`): Promise<string> {
  const { rows } = await db.query<{ id: string }>('insert into organisations (name) values ($1) returning id', [name]);
  return rows[0]!.id;
}

export async function createPractice(db: Queryable, organisationId: string, o: { name?: string; region?: string; timeZone?: string } = {}): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into practices (organisation_id, name, legal_name, siren, region, time_zone)
     values ($1, $2, $2, '732829320', $3, $4) returning id`,
    [organisationId, o.name ?? `Cabinet ${uniq()}`, o.region ?? 'metropole', o.timeZone ?? 'Europe/Paris'],
  );
  return rows[0]!.id;
}

/** A valid RPPS: 11 digits passing the Luhn check, different each call. */
export function randomRpps(): string {
  const digits = Array.from({ length: 10 }, () => Math.floor(Math.random() * 10));
  for (let check = 0; check < 10; check++) {
    const all = [...digits, check];
    let sum = 0;
    for (let i = 0; i < all.length; i++) {
      let d = all[all.length - 1 - i]!;
      if (i % 2 === 1) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
    }
    if (sum % 10 === 0) return all.join('');
  }
  throw new Error('unreachable');
}

export async function createPractitioner(db: Queryable, organisationId: string, practiceIds: string[], o: { lastName?: string } = {}): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into practitioners (organisation_id, first_name, last_name, profession, specialty, rpps, time_zone, title)
     values ($1, 'Claire', $2, 'medecin', 'medecine_generale', $3, 'Europe/Paris', 'Dr') returning id`,
    [organisationId, o.lastName ?? `Martin-${uniq()}`, randomRpps()],
  );
  const id = rows[0]!.id;
  for (const p of practiceIds) await db.query('insert into practice_practitioners values ($1, $2)', [p, id]);
  return id;
}

export async function createUser(
  db: Queryable,
  o: { organisationId: string; role: Role; practiceIds?: string[]; practitionerId?: string; email?: string },
): Promise<{ id: string; email: string; password: string }> {
  passwordHash ??= hashPassword(PASSWORD);
  const email = o.email ?? `${o.role}-${uniq()}@test.relais.fr`;
  const { rows } = await db.query<{ id: string }>(
    `insert into users (organisation_id, email, display_name, role, password_hash, practitioner_id)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [o.organisationId, email, `User ${o.role}`, o.role, await passwordHash, o.practitionerId ?? null],
  );
  const id = rows[0]!.id;
  for (const p of o.practiceIds ?? []) await db.query('insert into user_practices (user_id, practice_id) values ($1, $2)', [id, p]);
  return { id, email, password: PASSWORD };
}

export async function auditCount(db: Queryable, where = 'true', params: unknown[] = []): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from audit_log where ${where}`, params);
  return rows[0]!.n;
}

/** A patient written straight to the table, search key included; every trait not given gets a plausible default. */
export async function createPatient(
  db: Queryable,
  o: {
    organisationId: string;
    practiceId: string;
    birthName?: string;
    firstGivenName?: string;
    givenNames?: string[];
    usualName?: string | null;
    birthDate?: string;
    sex?: 'F' | 'M' | 'I';
    mobilePhone?: string | null;
    email?: string | null;
    identityStatus?: 'provisional' | 'qualified';
  },
): Promise<string> {
  const birthName = o.birthName ?? `Durand-${uniq()}`;
  const firstGivenName = o.firstGivenName ?? 'Camille';
  const givenNames = o.givenNames ?? [firstGivenName];
  const usualName = o.usualName ?? null;
  const { rows } = await db.query<{ id: string }>(
    `insert into patients (organisation_id, practice_id, birth_name, first_given_name, given_names, usual_name, birth_date, sex,
       identity_status, mobile_phone, email, search_name)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id`,
    [
      o.organisationId,
      o.practiceId,
      birthName,
      firstGivenName,
      givenNames,
      usualName,
      o.birthDate ?? '1980-05-17',
      o.sex ?? 'F',
      o.identityStatus ?? 'provisional',
      o.mobilePhone ?? null,
      o.email ?? null,
      patientSearchName({ birthName, usualName, firstGivenName, givenNames }),
    ],
  );
  return rows[0]!.id;
}
