/**
 * A busy morning end to end: 300 calls in one simulated hour (Monday 9:00–10:00) on 10 simulated agents,
 * compressed 120× (30 s of wall time), through the real server: signed Twilio webhooks for the callers,
 * the calls API and the live WebSocket for the agents. Three practices answer around the clock, one is
 * closed. Afterwards, from the call log: every call ends in exactly one disposition, no agent ever holds
 * two calls, and the metrics API adds up to the events.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startServer, type TestServer } from './support/server.ts';
import { createOrganisation, createPractice, createUser } from './support/fixtures.ts';
import { addNumber } from './support/calls.ts';
import { instantToLocal, weekdayOfDayNumber } from '../src/core/time/local-time.ts';
import { WEEKDAYS } from '../src/practices/service-hours.ts';
import { ApiSession } from '../src/calls/simulator/http.ts';
import { prepareRun, type PreparedRun } from '../src/calls/simulator/setup.ts';
import { runSimulation, type SimulationSummary } from '../src/calls/simulator/runner.ts';
import { generateTraffic, type SimCall } from '../src/calls/simulator/traffic.ts';

const AUTH_TOKEN = 'simulation-test-auth-token';
const SPEED = 120;
const HOUR = 3_600_000;

interface EventRow {
  id: number;
  at: Date;
  call_id: string | null;
  agent_id: string | null;
  event: string;
}

interface Figures {
  offered: number;
  answered: number;
  abandoned: number | null;
  shortAbandoned: number | null;
  overflowed: number | null;
  waiting: number | null;
  closed: number | null;
  ringNoAnswers: number;
}
interface Report {
  total: Figures;
  items: (Figures & { practiceId: string | null; agentId: string | null })[];
}

for (const kind of testDatabaseKinds()) {
  describe(`a busy morning, simulated end to end (${kind})`, () => {
    let t: TestDb;
    let server: TestServer;
    let prepared: PreparedRun;
    let traffic: SimCall[];
    let summary: SimulationSummary;
    let closedPractice: string;
    let windowFrom: Date;
    let windowTo: Date;
    let admin: ApiSession;
    let events: EventRow[];

    before(async () => {
      t = await openTestDb(kind);
      const org = await createOrganisation(t.db);
      const open = [];
      for (let i = 0; i < 3; i++) {
        const p = await createPractice(t.db, org);
        await addNumber(t.db, p);
        open.push(p);
      }
      // Closed now and for the next two days: its only hour is on the weekday after tomorrow.
      closedPractice = await createPractice(t.db, org);
      await addNumber(t.db, closedPractice);
      const afterTomorrow = WEEKDAYS[weekdayOfDayNumber(instantToLocal('Europe/Paris', Date.now()).dayNumber + 2) - 1]!;
      await t.db.query('update practices set service_hours = $1 where id = $2', [JSON.stringify({ [afterTomorrow]: [['00:00', '00:01']] }), closedPractice]);
      const adminUser = await createUser(t.db, { organisationId: org, role: 'admin' });
      server = await startServer(t.db, { twilio: { authToken: AUTH_TOKEN, accountSid: undefined, apiUrl: 'http://127.0.0.1:9' } });
      prepared = await prepareRun({ baseUrl: server.baseUrl, adminEmail: adminUser.email, adminPassword: adminUser.password, agents: 10, speed: SPEED });
      admin = prepared.admin;
      const simStart = Date.parse('2026-03-02T09:00:00+01:00');
      // The closed practice gets a small share of the calls.
      const practices = prepared.practices.map((p) => ({ ...p, weight: p.practiceId === closedPractice ? 0.15 : 1 }));
      traffic = generateTraffic({ seed: 'busy-morning', start: simStart, durationMs: HOUR, callsPerHour: 300, practices });
      windowFrom = new Date(Date.now() - 1000);
      summary = await runSimulation({
        baseUrl: server.baseUrl,
        authToken: AUTH_TOKEN,
        agents: prepared.agents,
        calls: traffic,
        simStart,
        speed: SPEED,
        holdLoopSeconds: 30,
        runId: '',
      });
      await prepared.restore();
      // A wrap-up the server's timer ends (rather than the agent) closes on the dispatcher's next tick.
      for (let i = 0; i < 50; i++) {
        const { rows } = await t.db.query<{ n: number }>(
          `select count(*)::int as n from calls where organisation_id = $1 and status in ('queued', 'ringing', 'connected', 'wrap_up')`,
          [org],
        );
        if (rows[0]!.n === 0) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      windowTo = new Date(Date.now() + 1000);
      events = (await t.db.query<EventRow>('select id, at, call_id, agent_id, event from call_events where organisation_id = $1 order by id', [org])).rows;
    });
    after(async () => {
      await server?.close();
      await t?.close();
    });

    it('played the whole morning without an unexpected answer from the server', () => {
      assert.deepEqual(summary.errors, []);
      assert.ok(traffic.length > 250 && traffic.length < 350, `${traffic.length} calls`);
      assert.equal(summary.calls, traffic.length);
      // More calls than ten agents can take (≈ 14 erlangs of work): calls are answered, callers give up
      // waiting (the funnel effect), the closed practice's line plays its announcement.
      assert.ok(summary.connected > 0 && summary.callerHangUps > 0, JSON.stringify(summary));
      assert.equal(summary.notQueued, traffic.filter((c) => c.practiceId === closedPractice).length);
    });

    it('every call ends in exactly one disposition, and its status says the same', async () => {
      const { rows: calls } = await t.db.query<{ id: string; provider_call_id: string; status: string; practice_id: string }>(
        'select id, provider_call_id, status, practice_id from calls where practice_id = any($1::uuid[])',
        [prepared.practices.map((p) => p.practiceId)],
      );
      assert.equal(calls.length, traffic.length, 'one call recorded per call placed');
      assert.deepEqual(new Set(calls.map((c) => c.provider_call_id)), new Set(traffic.map((c) => c.callSid)));
      const byCall = new Map<string, string[]>();
      for (const e of events) if (e.call_id) byCall.set(e.call_id, [...(byCall.get(e.call_id) ?? []), e.event]);
      const expected: Record<string, string[]> = {
        CONNECT: ['completed'],
        ABANDON: ['abandoned'],
        TIMEOUT: ['overflowed', 'voicemail'],
        OVERFLOW: ['overflowed', 'voicemail'],
        CLOSED: ['closed', 'voicemail'],
      };
      for (const call of calls) {
        const log = byCall.get(call.id) ?? [];
        const arrivals = log.filter((e) => e === 'ENTER' || e === 'CLOSED');
        assert.equal(arrivals.length, 1, `${call.id}: ${log.join(' ')}`);
        const dispositions = log.filter((e) => ['CONNECT', 'ABANDON', 'TIMEOUT', 'OVERFLOW', 'CLOSED'].includes(e));
        assert.equal(dispositions.length, 1, `${call.id}: ${log.join(' ')}`);
        assert.ok(expected[dispositions[0]!]!.includes(call.status), `${call.id} is ${call.status} after ${log.join(' ')}`);
        if (dispositions[0] === 'CONNECT') assert.deepEqual(log.slice(-2), ['COMPLETE', 'WRAPUP'], `${call.id}: ${log.join(' ')}`);
        assert.equal(call.practice_id === closedPractice, arrivals[0] === 'CLOSED');
      }
    });

    it('no agent ever holds two calls: each offer finds the agent free, in the order of the log', () => {
      const holding = new Map<string, string>();
      let offers = 0;
      for (const e of events) {
        if (!e.agent_id || !e.call_id) continue;
        const held = holding.get(e.agent_id);
        if (e.event === 'OFFER') {
          offers++;
          assert.equal(held, undefined, `agent ${e.agent_id} offered ${e.call_id} while holding ${held} (event ${e.id})`);
          holding.set(e.agent_id, e.call_id);
        } else if (['CONNECT', 'COMPLETE', 'TRANSFER'].includes(e.event)) {
          assert.equal(held, e.call_id, `event ${e.id} ${e.event} on a call the agent does not hold`);
        } else if (['RING_NO_ANSWER', 'ABANDON', 'WRAPUP'].includes(e.event) && held === e.call_id) {
          holding.delete(e.agent_id);
        }
      }
      assert.ok(offers >= summary.connected);
      assert.equal(holding.size, 0, 'every agent free at the end');
      // And by time: an agent's holding intervals [OFFER, release) never overlap.
      const last = new Map<string, number>();
      for (const e of events) {
        if (!e.agent_id || !e.call_id) continue;
        if (e.event === 'OFFER')
          assert.ok(e.at.getTime() >= (last.get(e.agent_id) ?? 0), `agent ${e.agent_id} offered ${e.call_id} before her previous call ended`);
        if (['RING_NO_ANSWER', 'ABANDON', 'WRAPUP'].includes(e.event)) last.set(e.agent_id, e.at.getTime());
      }
    });

    it('the metrics add up to the events, per practice, per agent and per half-hour', async () => {
      const count = (name: string) => events.filter((e) => e.event === name).length;
      const q = `from=${encodeURIComponent(windowFrom.toISOString())}&to=${encodeURIComponent(windowTo.toISOString())}`;
      const byPractice = await admin.get<Report>(`/api/calls/metrics?${q}&groupBy=practice`);
      const t1 = byPractice.total;
      assert.equal(t1.offered, count('ENTER'));
      assert.equal(t1.answered, count('CONNECT'));
      assert.equal(t1.abandoned! + t1.shortAbandoned!, count('ABANDON'));
      assert.equal(t1.overflowed, count('TIMEOUT') + count('OVERFLOW'));
      assert.equal(t1.closed, count('CLOSED'));
      assert.equal(t1.ringNoAnswers, count('RING_NO_ANSWER'));
      assert.equal(t1.waiting, 0);
      assert.equal(t1.offered, t1.answered + t1.abandoned! + t1.shortAbandoned! + t1.overflowed!);
      assert.equal(t1.offered + t1.closed!, traffic.length);
      const sum = (r: Report, k: 'offered' | 'answered') => r.items.reduce((n, i) => n + i[k], 0);
      assert.equal(sum(byPractice, 'offered'), t1.offered);
      const byAgent = await admin.get<Report>(`/api/calls/metrics?${q}&groupBy=agent`);
      assert.equal(sum(byAgent, 'answered'), t1.answered);
      const byHalfHour = await admin.get<Report>(`/api/calls/metrics?${q}&groupBy=half_hour`);
      assert.equal(sum(byHalfHour, 'offered'), t1.offered);
      assert.equal(sum(byHalfHour, 'answered'), t1.answered);
    });
  });
}
