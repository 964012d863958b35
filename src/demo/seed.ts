/**
 * The realistic demo `npm start` seeds on first run: one telesecretariat company, its ~30 client
 * practices across metropolitan France, Alsace-Moselle, Martinique and Réunion, ~60 practitioners,
 * ~5,000 patients and an account per role. Deterministic: the same seed gives the same data.
 *
 * Other features add their own part (agenda, calls…) to DEMO_PARTS; each part gets its own PRNG, so
 * adding one never changes what the others generate.
 */
import type { Db, Queryable } from '../core/db/types.ts';
import { agendaPart } from './agenda.ts';
import { callHistoryPart } from './call-history.ts';
import { consignesPart } from './consignes.ts';
import { organisationPart } from './organisation.ts';
import { patientsPart } from './patients.ts';
import { practicesPart } from './practices.ts';
import { practitionersPart } from './practitioners.ts';
import { Rng } from './random.ts';
import type { DemoAccount, DemoPart, DemoState } from './state.ts';
import { DEMO_EMAILS, usersPart } from './users.ts';
import { onlineBookingPart } from './online-booking.ts';

export const DEMO_SEED = 'relais-demo-1';

export const DEMO_PARTS: DemoPart[] = [
  organisationPart,
  practicesPart,
  practitionersPart,
  patientsPart,
  usersPart,
  agendaPart,
  consignesPart,
  callHistoryPart,
  onlineBookingPart,
];

export class DatabaseNotEmptyError extends Error {
  constructor(readonly organisations: number) {
    super(
      `La base contient déjà ${organisations} organisation(s) : la démo ne se crée que sur une base vide. ` +
        `/ The database already holds ${organisations} organisation(s): the demo is only seeded into an empty database.`,
    );
    this.name = 'DatabaseNotEmptyError';
  }
}

export interface DemoSummary {
  organisationId: string;
  practices: number;
  practitioners: number;
  patients: number;
  accounts: DemoAccount[];
  milliseconds: number;
}

export async function organisationCount(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>('select count(*)::int as n from organisations');
  return rows[0]!.n;
}

/** Seeds the demo in one transaction; refuses (DatabaseNotEmptyError) when the database already has an organisation. */
export async function seedDemo(db: Db, seed = DEMO_SEED, parts: readonly DemoPart[] = DEMO_PARTS): Promise<DemoSummary> {
  const started = performance.now();
  const rng = new Rng(seed);
  const state: DemoState = { organisationId: '', practices: [], practitioners: [], patientCount: 0, accounts: [] };
  await db.transaction(async (tx) => {
    // Two starts racing on one PostgreSQL: the second waits, then finds the demo there.
    if (db.kind === 'postgresql') await tx.query('select pg_advisory_xact_lock(7265637)');
    const existing = await organisationCount(tx);
    if (existing > 0) throw new DatabaseNotEmptyError(existing);
    for (const part of parts) await part.run(tx, rng.fork(part.name), state);
  });
  return {
    organisationId: state.organisationId,
    practices: state.practices.length,
    practitioners: state.practitioners.length,
    patients: state.patientCount,
    accounts: state.accounts,
    milliseconds: Math.round(performance.now() - started),
  };
}

/** The demo accounts present and active in this database (none when the demo was never seeded). */
export async function demoAccounts(db: Queryable): Promise<{ email: string; role: string; displayName: string }[]> {
  const { rows } = await db.query<{ email: string; role: string; display_name: string }>(
    'select email, role, display_name from users where email = any($1::text[]) and active',
    [DEMO_EMAILS],
  );
  const byEmail = new Map(rows.map((r) => [r.email, r]));
  return DEMO_EMAILS.flatMap((email) => {
    const r = byEmail.get(email);
    return r ? [{ email, role: r.role, displayName: r.display_name }] : [];
  });
}
