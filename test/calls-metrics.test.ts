/**
 * GET /api/calls/metrics on a call log written straight to the table: the figures a supervisor reads,
 * live and historical, per practice, agent and half-hour; the scope (an agent sees only herself, an
 * out-of-scope id answers like a nonexistent one); refused roles and bad windows.
 *
 * The morning (Monday 2 March 2026, Europe/Paris = UTC+1), window 09:00–10:00:
 *   c1 P1 09:00:00 agent A answers 09:00:12 (wait 12), talks to 09:02:12 (120), wrap-up to 09:02:42 (30)
 *   c2 P1 09:10:00 agent A answers 09:10:40 (wait 40), talks to 09:13:40 (180), wrap-up to 09:14:00 (20)
 *   c3 P2 09:40:00 the caller hangs up at 09:40:02: short abandon
 *   c4 P2 09:45:00 the caller hangs up at 09:46:00: abandoned
 *   A logged in 08:30, never paused.
 * Totals: offered 4, answered 2, abandoned 1, short 1; SL = 1 / (4 − 1) = 0.3333; abandon rate 1/3;
 *   ASA (12 + 40)/2 = 26; AHT (150 + 200)/2 = 175; A busy 150 + 200 = 350 s of 3600 → 0.0972.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../src/core/db/types.ts';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startServer, type ErrorResponseBody, type TestClient, type TestServer } from './support/server.ts';
import { createOrganisation, createPractice, createUser } from './support/fixtures.ts';

interface Figures {
  offered: number;
  answered: number;
  abandoned: number | null;
  shortAbandoned: number | null;
  serviceLevel: number | null;
  abandonRate: number | null;
  averageSpeedOfAnswerSeconds: number | null;
  averageHandleTimeSeconds: number | null;
  occupancy: number | null;
  busySeconds: number | null;
  waiting: number | null;
}
interface Report {
  timeZone: string;
  from: string;
  to: string;
  total: Figures;
  items: (Figures & { practiceId: string | null; agentId: string | null; label: string | null })[];
}

const at = (hms: string) => new Date(`2026-03-02T${hms}+01:00`);

async function logCall(db: Queryable, o: { org: string; practice: string; steps: [Date, string, string | null][]; status: string; agent?: string }) {
  const { rows } = await db.query<{ id: string }>(
    `insert into calls (organisation_id, practice_id, provider, provider_call_id, called_number, caller_number, status, agent_id)
     values ($1, $2, 'twilio', $3, '+33140000000', '+33612345678', $4, $5) returning id`,
    [o.org, o.practice, `CA${randomUUID().replace(/-/g, '')}`, o.status, o.agent ?? null],
  );
  for (const [when, event, agent] of o.steps) {
    await db.query('insert into call_events (at, organisation_id, practice_id, call_id, agent_id, event) values ($1, $2, $3, $4, $5, $6)', [
      when,
      o.org,
      o.practice,
      rows[0]!.id,
      agent,
      event,
    ]);
  }
}

async function logAgent(db: Queryable, org: string, agent: string, when: Date, event: string, data: Record<string, unknown> = {}) {
  await db.query('insert into call_events (at, organisation_id, agent_id, event, data) values ($1, $2, $3, $4, $5)', [
    when,
    org,
    agent,
    event,
    JSON.stringify(data),
  ]);
}

for (const kind of testDatabaseKinds()) {
  describe(`call metrics API (${kind})`, () => {
    let tdb: TestDb;
    let server: TestServer;
    let org: string;
    let p1: string;
    let p2: string;
    let otherPractice: string;
    let agentA: { id: string; email: string; password: string };
    let agentB: { id: string; email: string; password: string };
    let supervisor: TestClient;
    let agentClient: TestClient;
    const window = `from=${encodeURIComponent('2026-03-02T09:00:00+01:00')}&to=${encodeURIComponent('2026-03-02T10:00:00+01:00')}`;

    before(async () => {
      tdb = await openTestDb(kind);
      const db = tdb.db;
      org = await createOrganisation(db);
      p1 = await createPractice(db, org);
      p2 = await createPractice(db, org, { timeZone: 'Europe/Paris' });
      const otherOrg = await createOrganisation(db);
      otherPractice = await createPractice(db, otherOrg);
      agentA = await createUser(db, { organisationId: org, role: 'agent', practiceIds: [p1, p2] });
      agentB = await createUser(db, { organisationId: org, role: 'agent', practiceIds: [p1] });
      const sup = await createUser(db, { organisationId: org, role: 'supervisor' });
      await logAgent(db, org, agentA.id, at('08:30:00'), 'LOGIN', { status: 'available' });
      await logCall(db, {
        org,
        practice: p1,
        status: 'completed',
        agent: agentA.id,
        steps: [
          [at('09:00:00'), 'ENTER', null],
          [at('09:00:05'), 'OFFER', agentA.id],
          [at('09:00:12'), 'CONNECT', agentA.id],
          [at('09:02:12'), 'COMPLETE', agentA.id],
          [at('09:02:42'), 'WRAPUP', agentA.id],
        ],
      });
      await logCall(db, {
        org,
        practice: p1,
        status: 'completed',
        agent: agentA.id,
        steps: [
          [at('09:10:00'), 'ENTER', null],
          [at('09:10:30'), 'OFFER', agentA.id],
          [at('09:10:40'), 'CONNECT', agentA.id],
          [at('09:13:40'), 'COMPLETE', agentA.id],
          [at('09:14:00'), 'WRAPUP', agentA.id],
        ],
      });
      await logCall(db, {
        org,
        practice: p2,
        status: 'abandoned',
        steps: [
          [at('09:40:00'), 'ENTER', null],
          [at('09:40:02'), 'ABANDON', null],
        ],
      });
      await logCall(db, {
        org,
        practice: p2,
        status: 'abandoned',
        steps: [
          [at('09:45:00'), 'ENTER', null],
          [at('09:46:00'), 'ABANDON', null],
        ],
      });
      server = await startServer(db);
      supervisor = server.client();
      await supervisor.login(sup.email, sup.password);
      agentClient = server.client();
      await agentClient.login(agentA.email, agentA.password);
    });
    after(async () => {
      await server?.close();
      await tdb?.close();
    });

    it('gives a supervisor the figures of the window, per practice', async () => {
      const r = await supervisor.get<Report>(`/api/calls/metrics?${window}&groupBy=practice`);
      assert.equal(r.status, 200, r.text);
      const t = r.body.total;
      assert.deepEqual([t.offered, t.answered, t.abandoned, t.shortAbandoned], [4, 2, 1, 1]);
      assert.equal(t.serviceLevel, 0.3333);
      assert.equal(t.abandonRate, 0.3333);
      assert.equal(t.averageSpeedOfAnswerSeconds, 26);
      assert.equal(t.averageHandleTimeSeconds, 175);
      assert.deepEqual([t.busySeconds, t.occupancy], [350, 0.0972]);
      assert.equal(r.body.timeZone, 'Europe/Paris');
      const byPractice = new Map(r.body.items.map((i) => [i.practiceId, i]));
      assert.deepEqual([byPractice.get(p1)?.offered, byPractice.get(p1)?.serviceLevel], [2, 0.5]);
      assert.deepEqual([byPractice.get(p2)?.offered, byPractice.get(p2)?.abandoned, byPractice.get(p2)?.serviceLevel], [2, 1, 0]);
    });

    it('per local half-hour, labelled in the practice’s time', async () => {
      const r = await supervisor.get<Report>(`/api/calls/metrics?${window}&groupBy=half_hour&practiceId=${p2}`);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(
        r.body.items.map((i) => [i.label, i.offered]),
        [
          ['2026-03-02T09:00+01:00', 0],
          ['2026-03-02T09:30+01:00', 2],
        ],
      );
      assert.equal(r.body.total.occupancy, null, 'occupancy is an agent’s, not a practice’s');
    });

    it('per agent, and a longer service-level threshold asked for', async () => {
      const r = await supervisor.get<Report>(`/api/calls/metrics?${window}&groupBy=agent&serviceLevelSeconds=40`);
      assert.equal(r.status, 200, r.text);
      const a = r.body.items.find((i) => i.agentId === agentA.id);
      assert.deepEqual([a?.answered, a?.averageHandleTimeSeconds, a?.occupancy], [2, 175, 0.0972]);
      assert.equal(r.body.total.serviceLevel, 0.6667, 'both answered within 40 s: 2 / 3');
    });

    it('shows an agent her own figures only; another agent or an unknown one answers 404 alike', async () => {
      const own = await agentClient.get<Report>(`/api/calls/metrics?${window}&groupBy=agent`);
      assert.equal(own.status, 200, own.text);
      assert.deepEqual(
        own.body.items.map((i) => i.agentId),
        [agentA.id],
      );
      assert.deepEqual([own.body.total.answered, own.body.total.abandoned], [2, null]);
      const other = await agentClient.get<ErrorResponseBody>(`/api/calls/metrics?${window}&agentId=${agentB.id}`);
      const unknown = await agentClient.get<ErrorResponseBody>(`/api/calls/metrics?${window}&agentId=${randomUUID()}`);
      assert.equal(other.status, 404);
      assert.deepEqual({ ...other.body.error, requestId: '' }, { ...unknown.body.error, requestId: '' });
    });

    it('answers a practice of another organisation exactly like a nonexistent one', async () => {
      const foreign = await supervisor.get<ErrorResponseBody>(`/api/calls/metrics?${window}&practiceId=${otherPractice}`);
      const missing = await supervisor.get<ErrorResponseBody>(`/api/calls/metrics?${window}&practiceId=${randomUUID()}`);
      assert.equal(foreign.status, 404);
      assert.deepEqual({ ...foreign.body.error, requestId: '' }, { ...missing.body.error, requestId: '' });
    });

    it('refuses the signed-out and trainers; names the field of a bad window', async () => {
      assert.equal((await server.client().get(`/api/calls/metrics?${window}`)).status, 401);
      const backwards = await supervisor.get<ErrorResponseBody>(`/api/calls/metrics?from=2026-03-03&to=2026-03-02`);
      assert.equal(backwards.status, 400);
      assert.equal(backwards.body.error.field, 'to');
      const tooLong = await supervisor.get<ErrorResponseBody>(`/api/calls/metrics?from=2026-01-01&to=2026-03-02&groupBy=half_hour`);
      assert.equal(tooLong.status, 400);
      const unknown = await supervisor.get<ErrorResponseBody>(`/api/calls/metrics?${window}&colour=blue`);
      assert.equal(unknown.status, 400);
      assert.equal(unknown.body.error.field, 'colour');
      const trainerUser = await createUser(tdb.db, { organisationId: org, role: 'trainer', practiceIds: [p1] });
      const trainer = server.client();
      await trainer.login(trainerUser.email, trainerUser.password);
      assert.equal((await trainer.get(`/api/calls/metrics?${window}`)).status, 403);
    });

    it('live by default: today so far, a call waiting now counted as waiting', async () => {
      const now = new Date();
      await logCall(tdb.db, { org, practice: p1, status: 'queued', steps: [[new Date(now.getTime() - 3_000), 'ENTER', null]] });
      const r = await supervisor.get<Report>(`/api/calls/metrics?practiceId=${p1}`);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual([r.body.total.offered, r.body.total.waiting, r.body.total.answered], [1, 1, 0]);
      assert.ok(Date.parse(r.body.to) >= now.getTime() - 1000, 'to = now');
    });
  });
}
