/**
 * Booking throughput on PostgreSQL: POST /api/appointments through the real HTTP server (session
 * cookie, scope, rule check by the engine, exclusion constraint, domain event, audit row) against raw
 * single-row INSERTs into the same appointments table, at the same concurrency, in the same run, on a
 * fresh database. Budget (DESIGN.md): API ≥ 0.5 × raw, the API in its default configuration (no session cache)
 * as the headline; statements per booking printed; any booking answered other than 201 fails the run.
 *
 * Four kinds of operation, each booking distinct free slots of its own practitioners (no conflicts: this
 * measures the booking path, not refusals):
 *   raw            one INSERT into appointments: the baseline;
 *   raw + audit    the same INSERT and an audit row in one statement, as a booking writes them;
 *   API            POST /api/appointments, the session cache on (SESSION_CACHE_MS, see session-cache.ts);
 *   API, no cache  the same, the session read from the database on every request.
 * The machine may be shared, so the kinds run interleaved in slices (each meets the same load), the run
 * prints the load average, and, when PostgreSQL runs on this machine, the CPU each kind costs per
 * operation: this process (server and load generator) plus the database's backends — a figure that the
 * other processes' load hardly moves, unlike the rates.
 *
 * The load generator is node:http with keep-alive connections: it shares this process with the server,
 * and fetch() (undici) spends more CPU per request than the server spends answering it.
 *
 * Needs BENCH_DATABASE_URL or TEST_DATABASE_URL (a server where it may create and drop a database).
 * Environment: BENCH_BOOKINGS (3000 per kind and round), BENCH_CONCURRENCY (16), BENCH_ROUNDS (2).
 * Run: `npm run bench booking` or `npx tsx bench/booking-throughput.ts`.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { openPostgres } from '../src/core/db/postgres.ts';
import { migrate } from '../src/core/db/migrate.ts';
import type { Db } from '../src/core/db/types.ts';
import { hashPassword } from '../src/core/auth/passwords.ts';
import { configureSessionCache } from '../src/core/auth/session-cache.ts';
import { loadConfig } from '../src/core/config.ts';
import { buildApp } from '../src/server.ts';
import { countingDb } from './support/counting-db.ts';
import { publicHolidays } from '../src/core/time/holidays.ts';
import { dateOfDayNumber, dayNumberOf, instantToLocal, localToInstant } from '../src/core/time/local-time.ts';

const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const SLICES = 5;
const WARM_UP = 200;
const SESSION_CACHE_MS = 3000;
const BUDGET = 0.5;
const PRACTITIONERS = 32;
const PATIENTS = 400;
const SLOT_MINUTES = 15;
const ZONE = 'Europe/Paris';
const PASSWORD = 'bench password for agents';
/** Linux's USER_HZ: the unit of utime and stime in /proc/<pid>/stat. */
const CLOCK_TICKS_PER_S = 100;

const KINDS = ['raw', 'rawAudit', 'api', 'apiNoCache'] as const;
type Kind = (typeof KINDS)[number];
const LABELS: Record<Kind, string> = {
  raw: 'raw single-row INSERT',
  rawAudit: 'raw INSERT + audit row',
  api: `HTTP API booking, session cache ${SESSION_CACHE_MS / 1000} s`,
  apiNoCache: 'HTTP API booking, no session cache',
};

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
  for (let i = 0; i < KINDS.length * PRACTITIONERS; i++) {
    const id = (
      await db.query<{ id: string }>(
        `insert into practitioners (organisation_id, first_name, last_name, profession, specialty, rpps, time_zone)
         values ($1, 'Bench', $2, 'medecin', 'medecine_generale', $3, $4) returning id`,
        [org, `Praticien ${i}`, String(10_000_000_000 + i), ZONE],
      )
    ).rows[0]!.id;
    await db.query('insert into practice_practitioners values ($1, $2)', [practice, id]);
    const motifId = (
      await db.query<{ id: string }>(
        `insert into motifs (organisation_id, practitioner_id, label, duration_minutes) values ($1, $2, 'Consultation', $3) returning id`,
        [org, id, SLOT_MINUTES],
      )
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
  const agentIds: string[] = [];
  for (let i = 0; i < CONCURRENCY; i++) {
    const email = `agent-${i}@bench.relais.fr`;
    const user = (
      await db.query<{ id: string }>(
        `insert into users (organisation_id, email, display_name, role, password_hash) values ($1, $2, $3, 'agent', $4) returning id`,
        [org, email, `Agent ${i}`, hash],
      )
    ).rows[0]!.id;
    await db.query('insert into user_practices (user_id, practice_id) values ($1, $2)', [user, practice]);
    agents.push(email);
    agentIds.push(user);
  }
  // Each kind books its own practitioners: no kind ever meets another's appointments.
  const groups = KINDS.map((_, k) => practitioners.slice(k * PRACTITIONERS, (k + 1) * PRACTITIONERS));
  return { org, practice, groups, patients, agents, agentIds };
}

/** Runs `count` tasks through `concurrency` workers. */
async function drive(count: number, concurrency: number, task: (worker: number, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = next++; i < count; i = next++) await task(worker, i);
    }),
  );
}

/** A keep-alive HTTP client for the load: status and Set-Cookie only, the body read and dropped. */
function httpClient(port: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const send = (method: string, path: string, cookie: string, body: string) =>
    new Promise<{ status: number; setCookie: string[] }>((resolve, reject) => {
      const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
      if (cookie) headers.cookie = cookie;
      const req = http.request({ host: '127.0.0.1', port, path, method, agent, headers }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, setCookie: res.headers['set-cookie'] ?? [] }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  return { send, close: () => agent.destroy() };
}

/**
 * CPU time (ms) of the bench database's backends, by pid, read from /proc: only when PostgreSQL runs on
 * this machine (a pid is counted only if it is a postgres process); otherwise undefined.
 */
async function backendCpu(monitor: pg.Client, database: string, local: boolean): Promise<Map<number, number> | undefined> {
  if (!local) return undefined;
  const { rows } = await monitor.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [database]);
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') return undefined;
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      cpu.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S);
    } catch {
      // The backend ended meanwhile, or /proc is not this server's: its share goes uncounted.
    }
  }
  return cpu;
}

interface Tally {
  ops: number;
  ms: number;
  /** CPU ms of this process (server and load generator). */
  nodeCpu: number;
  /** CPU ms of the database's backends; NaN when unknown. */
  dbCpu: number;
  failures: number;
  /** SQL statements the server sent (sign-in lookups, context, insert, audit, outbox, BEGIN/COMMIT). */
  statements: number;
}

const isLocalHost = (url: URL) => ['127.0.0.1', 'localhost', '[::1]', ''].includes(url.hostname);

export async function run(): Promise<void> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    console.log('booking throughput: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL server)');
    return;
  }
  const name = `relais_bench_${randomBytes(5).toString('hex')}`;
  const monitor = new pg.Client({ connectionString: adminUrl });
  await monitor.connect();
  await monitor.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const local = isLocalHost(url);

  const db = countingDb(await openPostgres(url.toString(), CONCURRENCY));
  const raw = new pg.Pool({ connectionString: url.toString(), max: CONCURRENCY });
  raw.on('error', (err) => console.warn(`raw pool: idle connection lost (${err.message})`));
  const app = await buildApp({ db, config: { ...loadConfig({}), logLevel: 'silent' }, logger: false });
  let client: ReturnType<typeof httpClient> | undefined;
  const loadBefore = os.loadavg();
  try {
    await migrate(db);
    const world = await seed(db);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    const load = httpClient(address.port);
    client = load;

    // One signed-in agent per client.
    const cookies: string[] = [];
    for (const email of world.agents) {
      const r = await load.send('POST', '/api/session', '', JSON.stringify({ email, password: PASSWORD }));
      if (r.status !== 204) throw new Error(`sign-in failed: ${r.status}`);
      cookies.push((r.setCookie[0] ?? '').split(';')[0]!);
    }

    const targets = Object.fromEntries(KINDS.map((k, g) => [k, slotTargets(world.groups[g]!)])) as Record<Kind, Generator<Target>>;
    const tallies = Object.fromEntries(KINDS.map((k) => [k, { ops: 0, ms: 0, nodeCpu: 0, dbCpu: 0, failures: 0, statements: 0 }])) as Record<Kind, Tally>;
    const next = (kind: Kind) => targets[kind].next().value as Target;
    const patient = (i: number) => world.patients[i % PATIENTS]!;

    const book = (kind: 'api' | 'apiNoCache') => async (worker: number, i: number) => {
      const t = next(kind);
      const body = JSON.stringify({ practitionerId: t.practitionerId, patientId: patient(i), motifId: t.motifId, start: t.start });
      const r = await load.send('POST', '/api/appointments', cookies[worker]!, body);
      if (r.status !== 201) tallies[kind].failures++;
    };
    const tasks: Record<Kind, (worker: number, i: number) => Promise<void>> = {
      raw: async (_worker, i) => {
        const t = next('raw');
        await raw.query(
          `insert into appointments (organisation_id, practice_id, practitioner_id, patient_id, motif_id, during, channel, booked_by)
           values ($1, $2, $3, $4, $5, tstzrange($6::timestamptz, $6::timestamptz + interval '15 minutes', '[)'), 'phone', null)`,
          [world.org, world.practice, t.practitionerId, patient(i), t.motifId, t.start],
        );
      },
      // The audit row as a booking writes it (appended unsealed; the server's sealer chains it later).
      rawAudit: async (worker, i) => {
        const t = next('rawAudit');
        await raw.query(
          `with a as (insert into appointments (organisation_id, practice_id, practitioner_id, patient_id, motif_id, during, channel, booked_by)
                      values ($1, $2, $3, $4, $5, tstzrange($6::timestamptz, $6::timestamptz + interval '15 minutes', '[)'), 'phone', $7)
                      returning id, patient_id)
           insert into audit_log (request_id, actor_user_id, actor_role, organisation_id, practice_id, patient_id, action, outcome, detail)
           select $8, $7, 'agent', $1, $2, a.patient_id, 'appointment.create', 'ok', jsonb_build_object('appointmentId', a.id) from a`,
          [world.org, world.practice, t.practitionerId, patient(i), t.motifId, t.start, world.agentIds[worker], `bench-${i}`],
        );
      },
      api: book('api'),
      apiNoCache: book('apiNoCache'),
    };
    const useSessionCache = (kind: Kind) => configureSessionCache({ ttlMs: kind === 'api' ? SESSION_CACHE_MS : 0 });

    const measure = async (kind: Kind, count: number) => {
      useSessionCache(kind);
      const db0 = await backendCpu(monitor, name, local);
      const statements0 = db.statements.count;
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      await drive(count, CONCURRENCY, tasks[kind]);
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const db1 = await backendCpu(monitor, name, local);
      const tally = tallies[kind];
      tally.statements += db.statements.count - statements0;
      tally.ops += count;
      tally.ms += ms;
      tally.nodeCpu += (cpu.user + cpu.system) / 1000;
      tally.dbCpu += db0 && db1 ? [...db1].reduce((sum, [pid, t]) => sum + t - (db0.get(pid) ?? 0), 0) : NaN;
      return ms;
    };

    // Warm-up: JIT, connection pools, prepared statements.
    for (const kind of KINDS) {
      useSessionCache(kind);
      await drive(WARM_UP, CONCURRENCY, tasks[kind]);
    }
    for (const tally of Object.values(tallies)) tally.failures = 0;

    const rate = (t: Tally) => (t.ops * 1000) / t.ms;
    const slice = Math.ceil(BOOKINGS / SLICES);
    for (let round = 1; round <= ROUNDS; round++) {
      const roundRates = Object.fromEntries(KINDS.map((k) => [k, { ops: 0, ms: 0 }])) as Record<Kind, { ops: number; ms: number }>;
      for (let s = 0; s < SLICES; s++) {
        // The order turns from slice to slice, so that no kind always follows the same one.
        for (let k = 0; k < KINDS.length; k++) {
          const kind = KINDS[(s + k) % KINDS.length]!;
          roundRates[kind].ms += await measure(kind, slice);
          roundRates[kind].ops += slice;
        }
      }
      const perS = (k: Kind) => (roundRates[k].ops * 1000) / roundRates[k].ms;
      console.log(`round ${round}: ${KINDS.map((k) => `${k} ${perS(k).toFixed(0)}/s`).join(', ')}; API / raw ${(perS('api') / perS('raw')).toFixed(2)}`);
    }
    configureSessionCache({ ttlMs: 0 });

    const written = (await db.query<{ n: number }>('select count(*)::int as n from appointments')).rows[0]!.n;
    const cpuPerOp = (t: Tally) => (Number.isNaN(t.dbCpu) ? undefined : { node: t.nodeCpu / t.ops, db: t.dbCpu / t.ops });
    const loadAfter = os.loadavg();
    console.log(
      `booking throughput, PostgreSQL, ${CONCURRENCY} concurrent clients, ${SLICES * slice} operations per kind and round, ${ROUNDS} rounds, kinds interleaved`,
    );
    console.log(`  load average (1 min) before ${loadBefore[0]!.toFixed(1)}, after ${loadAfter[0]!.toFixed(1)}, on ${os.cpus().length} CPUs`);
    for (const kind of KINDS) {
      const t = tallies[kind];
      const cpu = cpuPerOp(t);
      const unit = kind.startsWith('api') ? 'req/s' : 'rows/s';
      console.log(
        `  ${LABELS[kind].padEnd(38)} ${rate(t).toFixed(0).padStart(6)} ${unit.padEnd(6)}` +
          (cpu ? `  CPU per operation ${cpu.node.toFixed(2)} ms here + ${cpu.db.toFixed(2)} ms PostgreSQL` : '') +
          (kind.startsWith('api') ? `  ${(t.statements / t.ops).toFixed(1)} SQL statements per booking  (${t.failures} non-201)` : ''),
      );
    }
    // The headline is the default configuration: no session cache (RELAIS_SESSION_CACHE_MS is off by default).
    const ratio = rate(tallies.apiNoCache) / rate(tallies.raw);
    const ratioCache = rate(tallies.api) / rate(tallies.raw);
    console.log(
      `  ratio API / raw (default configuration, no session cache): ${ratio.toFixed(2)} — budget ≥ ${BUDGET.toFixed(2)}: ${ratio >= BUDGET ? 'met' : 'NOT met'}` +
        ` (with a ${SESSION_CACHE_MS / 1000} s session cache: ${ratioCache.toFixed(2)})`,
    );
    const cpuRaw = cpuPerOp(tallies.raw);
    const cpuApi = cpuPerOp(tallies.api);
    const cpuApiNoCache = cpuPerOp(tallies.apiNoCache);
    if (cpuRaw && cpuApi && cpuApiNoCache) {
      const total = (c: { node: number; db: number }) => c.node + c.db;
      console.log(
        `  ratio by CPU per operation (raw / API, no session cache): ${(total(cpuRaw) / total(cpuApiNoCache)).toFixed(2)} (with the session cache: ${(total(cpuRaw) / total(cpuApi)).toFixed(2)})`,
      );
    }
    console.log(`  appointments written: ${written}`);
    // A failed booking is a failure of the run, not a figure to read past.
    const failed = tallies.api.failures + tallies.apiNoCache.failures;
    if (failed > 0) throw new Error(`booking-throughput: ${failed} bookings answered other than 201`);
  } finally {
    configureSessionCache({ ttlMs: 0 });
    client?.close();
    await app.close();
    await raw.end();
    await db.close();
    // The pools' end() does not wait for their connections to close: wait for them, so that dropping the
    // database does not cut live connections (an error event on a pool).
    for (let i = 0; i < 50; i++) {
      const { rows } = await monitor.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
      if (rows[0]!.n === 0) break;
      await sleep(100);
    }
    await monitor.query(`drop database if exists ${name} with (force)`);
    await monitor.end();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await run();
}
