/**
 * Screen-pop latency: a carrier's webhook in (signed Twilio POST /voice) → the `call.offered` message out
 * on the chosen agent's live WebSocket, at 20 calls/s with 50 consoles connected (DESIGN.md budget:
 * p99 ≤ 50 ms). Each console answers, hangs up and ends its wrap-up at once, so agents stay free and the
 * server carries the whole call's traffic, not only the first webhook.
 *
 * Baseline, measured in the same run with the same clients: a bare Fastify server that checks the
 * same signature and forwards the webhook to one of 50 WebSockets (no database, no routing) — the floor
 * of HTTP in → WebSocket out on this machine. Clients and servers share this process (one event loop),
 * as the other benchmarks do.
 *
 * Databases: PGlite always; PostgreSQL too when BENCH_DATABASE_URL or TEST_DATABASE_URL is set (events
 * then travel through LISTEN/NOTIFY, as between instances). Environment: BENCH_CALL_SECONDS (15 s of
 * measured calls after 2 s of warm-up), BENCH_CALLS_PER_SECOND (20), BENCH_CONSOLES (50).
 * Run: `npm run bench calls-screen` or `npx tsx bench/calls-screen-pop.ts`.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import Fastify from 'fastify';
import websocket from '@fastify/websocket';
import pg from 'pg';
import WebSocket from 'ws';
import { openPglite } from '../src/core/db/pglite.ts';
import { openPostgres } from '../src/core/db/postgres.ts';
import { migrate } from '../src/core/db/migrate.ts';
import type { Db } from '../src/core/db/types.ts';
import { hashPassword } from '../src/core/auth/passwords.ts';
import { loadConfig } from '../src/core/config.ts';
import { buildApp } from '../src/server.ts';
import { validTwilioSignature } from '../src/core/http/twilio-signature.ts';
import { ApiSession, Carrier } from '../src/calls/simulator/http.ts';
import { countingDb } from './support/counting-db.ts';

const SECONDS = Number(process.env.BENCH_CALL_SECONDS ?? 15);
const RATE = Number(process.env.BENCH_CALLS_PER_SECOND ?? 20);
const CONSOLES = Number(process.env.BENCH_CONSOLES ?? 50);
const WARM_UP_SECONDS = 2;
const PRACTICES = 10;
const AUTH_TOKEN = 'bench-screen-pop-token';
const PASSWORD = 'bench password for consoles';
const BUDGET_P99_MS = 50;
const BUDGET_STATEMENTS = 10;

interface Stats {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(s.length * q))] ?? NaN;
  return { n: s.length, p50: at(0.5), p99: at(0.99), max: s[s.length - 1] ?? NaN };
}

/** A caller number per call: the console tells calls apart by it. */
const callerOf = (i: number) => `+3361${String(i).padStart(7, '0')}`;

/** Sends `RATE` webhooks a second for warm-up + SECONDS; returns the latencies of the measured ones. */
async function drive(
  send: (i: number, from: string) => Promise<void>,
  arrivals: Map<string, (at: number) => void>,
  onMeasureStart: () => void = () => undefined,
): Promise<{ latencies: number[]; lost: number }> {
  const total = (WARM_UP_SECONDS + SECONDS) * RATE;
  const warm = WARM_UP_SECONDS * RATE;
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  let lost = 0;
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    if (i === warm) onMeasureStart();
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const from = callerOf(i);
    const sent = performance.now();
    const popped = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        arrivals.delete(from);
        lost++;
        resolve();
      }, 10_000);
      arrivals.set(from, (at) => {
        clearTimeout(timer);
        if (i >= warm) latencies.push(at - sent);
        resolve();
      });
    });
    pending.push(send(i, from).then(() => popped));
  }
  await Promise.all(pending);
  return { latencies, lost };
}

// ------------------------------------------------------------------ Relais

async function seed(db: Db): Promise<{ numbers: string[]; agents: string[] }> {
  const org = (await db.query<{ id: string }>(`insert into organisations (name) values ('Bench appels') returning id`)).rows[0]!.id;
  const hash = await hashPassword(PASSWORD);
  const numbers: string[] = [];
  const practices: string[] = [];
  for (let p = 0; p < PRACTICES; p++) {
    const id = (
      await db.query<{ id: string }>(
        `insert into practices (organisation_id, name, legal_name, siren, region, time_zone) values ($1, $2, $2, '732829320', 'metropole', 'Europe/Paris') returning id`,
        [org, `Cabinet ${p}`],
      )
    ).rows[0]!.id;
    const number = `+3314${String(1_000_000 + p).padStart(7, '0')}`;
    await db.query('insert into practice_numbers (e164, practice_id) values ($1, $2)', [number, id]);
    // Every tier at once: the bench measures the path, not the tier delays.
    await db.query(
      `insert into call_queue_configs (practice_id, organisation_id, dedicated_after_seconds, trained_after_seconds, pool_after_seconds, max_queue_length)
       values ($1, $2, 0, 0, 0, 1000)`,
      [id, org],
    );
    numbers.push(number);
    practices.push(id);
  }
  const agents: string[] = [];
  for (let a = 0; a < CONSOLES; a++) {
    const email = `console-${a}@bench.relais.fr`;
    const id = (
      await db.query<{ id: string }>(
        `insert into users (organisation_id, email, display_name, role, password_hash) values ($1, $2, $3, 'agent', $4) returning id`,
        [org, email, `Console ${a}`, hash],
      )
    ).rows[0]!.id;
    for (const p of practices) await db.query('insert into user_practices (user_id, practice_id) values ($1, $2)', [id, p]);
    agents.push(email);
  }
  return { numbers, agents };
}

interface RelaisResult {
  stats: Stats;
  lost: number;
  /** Webhooks and console requests (answer, hang up, end wrap-up) that failed: each one fails the run. */
  errors: number;
  firstErrors: string[];
  /** SQL statements the server sent per call during the measured calls (all of a call's requests, and dispatch). */
  statementsPerCall: number;
}

async function measureRelais(plainDb: Db, databaseUrl: string | undefined): Promise<RelaisResult> {
  await migrate(plainDb);
  const world = await seed(plainDb);
  const db = countingDb(plainDb);
  let errors = 0;
  const firstErrors: string[] = [];
  /** The consoles' requests still running: the run waits for them, so that each failure is counted. */
  const inFlight = new Set<Promise<void>>();
  const failed = (error: unknown) => {
    errors++;
    if (firstErrors.length < 3) firstErrors.push(error instanceof Error ? error.message : String(error));
  };
  const config = { ...loadConfig({}), databaseUrl, twilio: { authToken: AUTH_TOKEN, accountSid: undefined, apiUrl: 'http://127.0.0.1:9' } };
  const app = await buildApp({ db, config, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  const base = `http://127.0.0.1:${address.port}`;
  const carrier = new Carrier(base, AUTH_TOKEN);
  const arrivals = new Map<string, (at: number) => void>();
  const sockets: WebSocket[] = [];
  try {
    for (const email of world.agents) {
      const session = new ApiSession(base);
      await session.login(email, PASSWORD);
      const ws = new WebSocket(`${base.replace('http', 'ws')}/api/ws`, { headers: { cookie: session.cookieHeader } });
      await new Promise<void>((resolve, reject) => {
        ws.once('error', reject);
        ws.on('message', (data) => {
          const at = performance.now();
          const m = JSON.parse(String(data)) as { type: string; callId?: string; callerNumber?: string };
          if (m.type === 'hello') resolve();
          if (m.type !== 'call.offered') return;
          arrivals.get(m.callerNumber ?? '')?.(at);
          arrivals.delete(m.callerNumber ?? '');
          // The console takes the call and is free again at once.
          const work = (async () => {
            await session.post(`/api/calls/${m.callId}/answer`);
            await session.post(`/api/calls/${m.callId}/hangup`);
            await session.post(`/api/calls/${m.callId}/wrap-up-done`);
          })().catch(failed);
          inFlight.add(work);
          void work.finally(() => inFlight.delete(work));
        });
      });
      await session.put('/api/agents/me/status', { status: 'available' });
      sockets.push(ws);
    }
    let statementsAtStart = 0;
    const result = await drive(
      async (i, from) => {
        const sid = `CA${randomBytes(16).toString('hex')}`;
        await carrier.incoming(sid, world.numbers[i % world.numbers.length]!, from).catch(failed);
      },
      arrivals,
      () => (statementsAtStart = db.statements.count),
    );
    while (inFlight.size) await Promise.all([...inFlight]);
    const statementsPerCall = (db.statements.count - statementsAtStart) / (SECONDS * RATE);
    return { stats: stats(result.latencies), lost: result.lost, errors, firstErrors, statementsPerCall };
  } finally {
    for (const ws of sockets) ws.terminate();
    await app.close();
  }
}

// ------------------------------------------------------------------ baseline

async function measureBaseline(): Promise<{ stats: Stats; lost: number }> {
  const app = Fastify({ logger: false });
  await app.register(websocket);
  const consoles: import('ws').WebSocket[] = [];
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  let next = 0;
  await app.register(async (api) => {
    api.get('/ws', { websocket: true }, (socket) => {
      consoles.push(socket);
    });
    api.post('/api/telephony/twilio/voice', async (request, reply) => {
      const params = request.body as Record<string, string>;
      const url = `http://${request.headers.host}${request.url}`;
      const signature = request.headers['x-twilio-signature'];
      if (!validTwilioSignature(AUTH_TOKEN, url, params, typeof signature === 'string' ? signature : undefined)) return reply.code(403).send();
      const target = consoles[next++ % consoles.length];
      target?.send(JSON.stringify({ type: 'call.offered', callId: params.CallSid, calledNumber: params.To, callerNumber: params.From }));
      return reply.type('text/xml').send('<?xml version="1.0" encoding="UTF-8"?><Response><Enqueue>q</Enqueue></Response>');
    });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  const base = `http://127.0.0.1:${address.port}`;
  const carrier = new Carrier(base, AUTH_TOKEN);
  const arrivals = new Map<string, (at: number) => void>();
  const sockets: WebSocket[] = [];
  try {
    for (let c = 0; c < CONSOLES; c++) {
      const ws = new WebSocket(`${base.replace('http', 'ws')}/ws`);
      ws.on('message', (data) => {
        const at = performance.now();
        const m = JSON.parse(String(data)) as { callerNumber?: string };
        arrivals.get(m.callerNumber ?? '')?.(at);
        arrivals.delete(m.callerNumber ?? '');
      });
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
      });
      sockets.push(ws);
    }
    const result = await drive(async (i, from) => {
      await carrier.incoming(`CA${randomBytes(16).toString('hex')}`, '+33140000000', from);
    }, arrivals);
    return { stats: stats(result.latencies), lost: result.lost };
  } finally {
    for (const ws of sockets) ws.terminate();
    await app.close();
  }
}

// ------------------------------------------------------------------ run

const ms = (x: number) => `${x.toFixed(1)} ms`;

export async function run(): Promise<void> {
  console.log(
    `${RATE} calls/s for ${SECONDS} s (after ${WARM_UP_SECONDS} s of warm-up), ${CONSOLES} consoles, ${PRACTICES} practices; ` +
      `${os.cpus().length} cores, load ${os.loadavg()[0]?.toFixed(1)} at start.`,
  );
  const rows: string[][] = [];
  const failures: string[] = [];
  const baseline = await measureBaseline();
  rows.push([
    'baseline: bare Fastify, webhook → socket',
    String(baseline.stats.n),
    ms(baseline.stats.p50),
    ms(baseline.stats.p99),
    ms(baseline.stats.max),
    String(baseline.lost),
    '0',
    '—',
    '—',
    '—',
    '—',
  ]);
  const targets: { name: string; open: () => Promise<{ db: Db; url?: string; close: () => Promise<void> }> }[] = [
    {
      name: 'Relais on PGlite',
      open: async () => {
        const db = await openPglite();
        return { db, close: () => db.close() };
      },
    },
  ];
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    targets.push({
      name: 'Relais on PostgreSQL',
      open: async () => {
        const name = `relais_bench_${randomBytes(5).toString('hex')}`;
        const admin = new pg.Client({ connectionString: adminUrl });
        await admin.connect();
        await admin.query(`create database ${name}`);
        await admin.end();
        const url = new URL(adminUrl);
        url.pathname = `/${name}`;
        const db = await openPostgres(url.toString(), 20);
        return {
          db,
          url: url.toString(),
          close: async () => {
            await db.close();
            const a = new pg.Client({ connectionString: adminUrl });
            await a.connect();
            await a.query(`drop database if exists ${name} with (force)`);
            await a.end();
          },
        };
      },
    });
  } else console.log('PostgreSQL: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL).');
  for (const target of targets) {
    const t = await target.open();
    try {
      const r = await measureRelais(t.db, t.url);
      rows.push([
        target.name,
        String(r.stats.n),
        ms(r.stats.p50),
        ms(r.stats.p99),
        ms(r.stats.max),
        String(r.lost),
        String(r.errors),
        r.statementsPerCall.toFixed(1),
        `${(r.stats.p99 / baseline.stats.p99).toFixed(1)}×`,
        `p99 ≤ ${BUDGET_P99_MS} ms, 0 lost, ≤ ${BUDGET_STATEMENTS} statements`,
        r.stats.p99 <= BUDGET_P99_MS && r.lost === 0 && r.statementsPerCall <= BUDGET_STATEMENTS ? 'yes' : 'NO',
      ]);
      for (const e of r.firstErrors) console.error(`${target.name}: ${e}`);
      // A lost call or a failed request is a failure of the run, not a figure to read past.
      if (r.lost > 0 || r.errors > 0) failures.push(`${target.name}: ${r.lost} lost, ${r.errors} failed requests`);
    } finally {
      await t.close();
    }
  }
  const header = ['webhook in → call.offered out', 'calls', 'p50', 'p99', 'max', 'lost', 'errors', 'SQL/call', 'p99 / baseline', 'budget', 'met'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log(`load ${os.loadavg()[0]?.toFixed(1)} at the end.`);
  if (failures.length) throw new Error(`calls-screen-pop: ${failures.join('; ')}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
