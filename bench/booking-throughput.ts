/**
 * Booking throughput on PostgreSQL: POST /api/appointments through the real HTTP server (session
 * cookie, scope, rule check by the engine, exclusion constraint, domain event, audit row, one
 * transaction) against raw single-row INSERTs into the same appointments table, both at the same
 * concurrency, in the same run, on a fresh database. Budget (DESIGN.md): API ≥ 0.5 × raw.
 *
 * Every request books a distinct free slot (no conflicts): this measures the cost of the booking
 * path, not of refusals. Clients, server and raw clients share this process and the machine with
 * PostgreSQL, as they would on a one-box deployment.
 *
 * Needs BENCH_DATABASE_URL or TEST_DATABASE_URL (a server where it may create and drop a database).
 * Environment: BENCH_BOOKINGS (3000 per round), BENCH_CONCURRENCY (16), BENCH_ROUNDS (2).
 * Run: `npm run bench booking` or `npx tsx bench/booking-throughput.ts`.
 */
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { openPostgres } from '../src/core/db/postgres.ts';
import { migrate } from '../src/core/db/migrate.ts';
import type { Db } from '../src/core/db/types.ts';
import { hashPassword } from '../src/core/auth/passwords.ts';
import { loadConfig } from '../src/core/config.ts';
import { buildApp } from '../src/server.ts';
import { publicHolidays } from '../src/core/time/holidays.ts';
import { dateOfDayNumber, dayNumberOf, instantToLocal, localToInstant } from '../src/core/time/local-time.ts';

const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const PRACTITIONERS = 32;
const PATIENTS = 400;
const SLOT_MINUTES = 15;
const ZONE = 'Europe/Paris';
const PASSWORD = 'bench password for agents';

interface Target {
  practitionerId: string;
  motifId: string;
  start: string;
}

/** Each practitioner's free 15-minute slots, day after day (holidays skipped), starting tomorrow. */
function* slotTargets(practitioners: { id: string; motifId: string }[]): Generator<Target> {
  const today = dayNumberOf(instantToLocal(ZONE, Date.now()).date);
  const year = new Date().getUTCFullYear();
  const holidays = publicHolidays('metropole', year, year + 5);
  for (let day = today + 1; ; day++) {
    const date = dateOfDayNumber(day);
    if (holidays.has(date)) continue;
    const midnight = localToInstant(ZONE, date, '00:00');
    for (let minute = 0; minute < 24 * 60; minute += SLOT_MINUTES) {
      for (const p of practitioners) yield { practitionerId: p.id, motifId: p.motifId, start: new Date(midnight + minute * 60_000).toISOString() };
    }
  }
}

async function seed(db: Db) {
  const org = (await db.query<{ id: string }>(`insert into organisations (name) values ('Bench') returning id`)).rows[0]!.id;
  const practice = (
    await db.query<{ id: string }>(
      `insert into practices (organisation_id, name, legal_name, siren, region, time_zone) values ($1, 'Cabinet bench', 'Cabinet bench', '732829320', 'metropole', $2) returning id`,
      [org, ZONE],
    )
  ).rows[0]!.id;
  const practitioners: { id: string; motifId: string }[] = [];
  for (let i = 0; i < 3 * PRACTITIONERS; i++) {
    const id = (
      await db.query<{ id: string }>(
        `insert into practitioners (organisation_id, first_name, last_name, profession, specialty, rpps, time_zone)
         values ($1, 'Bench', $2, 'medecin', 'medecine_generale', $3, $4) returning id`,
        [org, `Praticien ${i}`, String(10_000_000_000 + i), ZONE],
      )
    ).rows[0]!.id;
    await db.query('insert into practice_practitioners values ($1, $2)', [practice, id]);
    const motifId = (
      await db.query<{ id: string }>(`insert into motifs (organisation_id, practitioner_id, label, duration_minutes) values ($1, $2, 'Consultation', $3) returning id`, [
        org,
        id,
        SLOT_MINUTES,
      ])
    ).rows[0]!.id;
    await db.query(
      `with r as (insert into opening_ranges (organisation_id, practitioner_id, practice_id, kind, weekday, start_time, end_time)
                  select $1, $2, $3, 'weekly', d, '00:00', '24:00' from generate_series(1, 7) d returning id)
       insert into opening_range_motifs (range_id, motif_id, practitioner_id) select id, $4, $2 from r`,
      [org, id, practice, motifId],
    );
    practitioners.push({ id, motifId });
  }
  const patients = (
    await db.query<{ id: string }>(
      `insert into patients (organisation_id, practice_id, birth_name, first_given_name, birth_date, sex, search_name)
       select $1, $2, 'Patient' || g, 'Bench', date '1970-01-01' + g, 'F', 'patient' || g || ' bench' from generate_series(1, $3) g returning id`,
      [org, practice, PATIENTS],
    )
  ).rows.map((r) => r.id);
  const hash = await hashPassword(PASSWORD);
  const agents: string[] = [];
  for (let i = 0; i < CONCURRENCY; i++) {
    const email = `agent-${i}@bench.relais.fr`;
    const user = (
      await db.query<{ id: string }>(`insert into users (organisation_id, email, display_name, role, password_hash) values ($1, $2, $3, 'agent', $4) returning id`, [
        org,
        email,
        `Agent ${i}`,
        hash,
      ])
    ).rows[0]!.id;
    await db.query('insert into user_practices (user_id, practice_id) values ($1, $2)', [user, practice]);
    agents.push(email);
  }
  return { org, practice, apiPractitioners: practitioners.slice(0, PRACTITIONERS), rawPractitioners: practitioners.slice(PRACTITIONERS, 2 * PRACTITIONERS),
    auditedPractitioners: practitioners.slice(2 * PRACTITIONERS),
    patients, agents };
}

/** Runs `count` tasks through `concurrency` workers; returns requests per second. */
async function drive(count: number, concurrency: number, task: (worker: number, i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = next++; i < count; i = next++) await task(worker, i);
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

export async function run(): Promise<void> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    console.log('booking throughput: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL server)');
    return;
  }
  const name = `relais_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;

  const db = await openPostgres(url.toString(), CONCURRENCY);
  const raw = new pg.Pool({ connectionString: url.toString(), max: CONCURRENCY });
  const app = await buildApp({ db, config: { ...loadConfig({}), logLevel: 'silent' }, logger: false });
  try {
    await migrate(db);
    const world = await seed(db);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    const base = `http://127.0.0.1:${address.port}`;

    // One signed-in agent per client.
    const cookies: string[] = [];
    for (const email of world.agents) {
      const r = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
      if (r.status !== 204) throw new Error(`sign-in failed: ${r.status}`);
      cookies.push((r.headers.getSetCookie()[0] ?? '').split(';')[0]!);
    }

    const apiTargets = slotTargets(world.apiPractitioners);
    const rawTargets = slotTargets(world.rawPractitioners);
    let failures = 0;
    const apiBook = async (worker: number, i: number) => {
      const t = apiTargets.next().value as Target;
      const r = await fetch(`${base}/api/appointments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: cookies[worker]! },
        body: JSON.stringify({ practitionerId: t.practitionerId, patientId: world.patients[i % PATIENTS], motifId: t.motifId, start: t.start }),
      });
      await r.arrayBuffer();
      if (r.status !== 201) failures++;
    };
    const rawInsert = async (_worker: number, i: number) => {
      const t = rawTargets.next().value as Target;
      await raw.query(
        `insert into appointments (organisation_id, practice_id, practitioner_id, patient_id, motif_id, during, channel, booked_by)
         values ($1, $2, $3, $4, $5, tstzrange($6::timestamptz, $6::timestamptz + interval '15 minutes', '[)'), 'phone', null)`,
        [world.org, world.practice, t.practitionerId, world.patients[i % PATIENTS], t.motifId, t.start],
      );
    };

    // For the record: raw INSERT plus an audit row in the same statement (the audit chain serialises commits).
    const auditedTargets = slotTargets(world.auditedPractitioners);
    const auditedInsert = async (_worker: number, i: number) => {
      const t = auditedTargets.next().value as Target;
      await raw.query(
        `with a as (insert into appointments (organisation_id, practice_id, practitioner_id, patient_id, motif_id, during, channel)
                    values ($1, $2, $3, $4, $5, tstzrange($6::timestamptz, $6::timestamptz + interval '15 minutes', '[)'), 'phone') returning id, patient_id)
         insert into audit_log (organisation_id, practice_id, patient_id, action, outcome, detail)
         select $1, $2, a.patient_id, 'appointment.create', 'ok', jsonb_build_object('appointmentId', a.id) from a`,
        [world.org, world.practice, t.practitionerId, world.patients[i % PATIENTS], t.motifId, t.start],
      );
    };

    // Warm-up: JIT, connection pools, caches.
    await drive(200, CONCURRENCY, rawInsert);
    await drive(200, CONCURRENCY, apiBook);

    const apiRates: number[] = [];
    const rawRates: number[] = [];
    const auditedRates: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      rawRates.push(await drive(BOOKINGS, CONCURRENCY, rawInsert));
      apiRates.push(await drive(BOOKINGS, CONCURRENCY, apiBook));
      auditedRates.push(await drive(BOOKINGS, CONCURRENCY, auditedInsert));
      console.log(
        `round ${round}: raw INSERT ${rawRates.at(-1)!.toFixed(0)} rows/s, API booking ${apiRates.at(-1)!.toFixed(0)} req/s, raw INSERT + audit row ${auditedRates.at(-1)!.toFixed(0)} rows/s`,
      );
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const apiRate = mean(apiRates);
    const rawRate = mean(rawRates);
    const ratio = apiRate / rawRate;
    // What-if, on this throw-away database only: the same API with an audit append that takes no lock
    // (ids from a sequence, no hash link), to show how much of the gap the audit chain's lock accounts for.
    await db.exec(`create sequence bench_audit_seq start with ${(await db.query<{ n: number }>('select last_id + 1 as n from audit_head')).rows[0]!.n};
      create or replace function audit_chain() returns trigger language plpgsql as $$
      begin
        new.id := nextval('bench_audit_seq');
        new.prev_hash := '';
        new.hash := encode(sha256(convert_to(audit_row_text(new), 'UTF8')), 'hex');
        return new;
      end $$;`);
    const unchained = await drive(BOOKINGS, CONCURRENCY, apiBook);
    const rows = (await db.query<{ n: number }>('select count(*)::int as n from appointments')).rows[0]!.n;
    console.log(`booking throughput at ${CONCURRENCY} concurrent clients, ${BOOKINGS} per round, ${ROUNDS} rounds, PostgreSQL`);
    console.log(`  raw single-row INSERT : ${rawRate.toFixed(0)} rows/s`);
    console.log(`  HTTP API booking      : ${apiRate.toFixed(0)} req/s (${failures} non-201)`);
    console.log(`  ratio API / raw       : ${ratio.toFixed(2)}  (budget ≥ 0.50: ${ratio >= 0.5 ? 'met' : 'NOT met'})`);
    console.log(`  raw INSERT + audit row: ${mean(auditedRates).toFixed(0)} rows/s (ceiling of any audited write: the audit chain locks one row until commit)`);
    console.log(`  what-if: API booking with an audit append that takes no lock: ${unchained.toFixed(0)} req/s (ratio ${(unchained / rawRate).toFixed(2)})`);
    console.log(`  appointments written  : ${rows}`);
  } finally {
    await app.close();
    await raw.end();
    await db.close();
    const a = new pg.Client({ connectionString: adminUrl });
    await a.connect();
    await a.query(`drop database if exists ${name} with (force)`);
    await a.end();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await run();
}
