/**
 * POST /api/supervision/plan over a hand-made history: for eight Mondays, 40 calls arrived at the practice
 * between 09:00 and 09:30 (Paris), each answered after 5 s and handled in 180 s, and 6 training calls at
 * 14:00 that must not count. Next Monday: 40 calls forecast at 09:00 (A = 4 Erlangs), nobody planned (no
 * agent logged in a week before) → a funnel alert naming the practice; "+8 agents from 09:00 to 09:30"
 * clears it. Who may ask.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { dateOfDayNumber, dayNumberOf, instantToLocal, localToInstant, weekdayOfDayNumber } from '../src/core/time/local-time.ts';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startServer, type TestClient, type TestServer } from './support/server.ts';
import { createOrganisation, createPractice, createUser } from './support/fixtures.ts';

interface Row {
  label: string;
  forecastCalls: number;
  ahtSeconds: number | null;
  requiredAgents: number;
  plannedAgents: number;
  expectedServiceLevel: number | null;
}
interface Answer {
  date: string;
  model: string;
  rows: Row[];
  alerts: { label: string; requiredAgents: number; plannedAgents: number; practices: { practiceId: string; calls: number }[] }[];
  heatmap: number[][];
}

const today = dayNumberOf(instantToLocal('Europe/Paris', Date.now()).date);
const nextMonday = dateOfDayNumber(today + ((8 - weekdayOfDayNumber(today)) % 7 || 7));

for (const kind of testDatabaseKinds()) {
  describe(`requirement vs plan (${kind})`, () => {
    let tdb: TestDb;
    let server: TestServer;
    let supervisor: TestClient;
    let agent: TestClient;
    let practice: string;

    before(async () => {
      tdb = await openTestDb(kind);
      const org = await createOrganisation(tdb.db);
      practice = await createPractice(tdb.db, org);
      // The eight Mondays before, each at its own local time (autumn's clock change falls among them).
      const mondays = (time: string) =>
        [1, 2, 3, 4, 5, 6, 7, 8].map((k) => new Date(localToInstant('Europe/Paris', dateOfDayNumber(dayNumberOf(nextMonday) - 7 * k), time)));
      for (const [starts, calls, training] of [
        [mondays('09:00'), 40, false],
        [mondays('14:00'), 6, true],
      ] as const) {
        await tdb.db.query(
          `with c as (
             insert into calls (organisation_id, practice_id, provider, provider_call_id, called_number, status, training, created_at)
             select $1, $2, 'twilio', 'h-' || w.k || '-' || i || '-' || $5::text, '+33140000000', 'completed', $5::boolean, w.start + make_interval(secs => i * 40)
             from unnest($3::timestamptz[]) with ordinality as w(start, k), generate_series(0, $4::int - 1) i
             returning id, created_at, training)
           insert into call_events (at, organisation_id, practice_id, call_id, event, data)
           select c.created_at + make_interval(secs => e.offset_s), $1, $2, c.id, e.event,
                  case when e.event = 'ENTER' then jsonb_build_object('urgent', false, 'training', c.training) else '{}'::jsonb end
           from c cross join (values ('ENTER', 0), ('CONNECT', 5), ('COMPLETE', 155), ('WRAPUP', 185)) as e(event, offset_s)`,
          [org, practice, starts, calls, training],
        );
      }
      server = await startServer(tdb.db);
      const sup = await createUser(tdb.db, { organisationId: org, role: 'supervisor' });
      const ag = await createUser(tdb.db, { organisationId: org, role: 'agent', practiceIds: [practice] });
      supervisor = server.client();
      await supervisor.login(sup.email, sup.password);
      agent = server.client();
      await agent.login(ag.email, ag.password);
    });
    after(async () => {
      await server?.close();
      await tdb?.close();
    });

    it('forecasts next Monday 09:00, needs agents nobody planned, and raises a funnel alert naming the practice', async () => {
      const r = await supervisor.post<Answer>('/api/supervision/plan', { date: nextMonday });
      assert.equal(r.status, 200, r.text);
      const nine = r.body.rows.find((x) => x.label === '09:00')!;
      assert.ok(Math.abs(nine.forecastCalls - 40) < 0.01, String(nine.forecastCalls));
      assert.equal(nine.ahtSeconds, 180);
      assert.equal(r.body.model, 'C'); // no abandons in the history: no patience to estimate
      assert.equal(nine.requiredAgents, 7); // Erlang C, A = 4, 80 % in 20 s
      assert.equal(nine.plannedAgents, 0);
      assert.equal(nine.expectedServiceLevel, 0);
      assert.equal(r.body.rows.find((x) => x.label === '14:00')!.forecastCalls, 0, 'training calls are not forecast');
      assert.deepEqual(
        r.body.alerts.map((a) => [a.label, a.requiredAgents, a.plannedAgents, a.practices[0]?.practiceId]),
        [['09:00', 7, 0, practice]],
      );
      assert.equal(r.body.heatmap[0]![18], 40, 'Mondays 09:00 in the heat map');
    });

    it('what-if: +8 agents from 09:00 to 09:30 meets the target and clears the alert', async () => {
      const r = await supervisor.post<Answer>('/api/supervision/plan', { date: nextMonday, whatIf: [{ from: '09:00', to: '09:30', agents: 8 }] });
      assert.equal(r.status, 200, r.text);
      const nine = r.body.rows.find((x) => x.label === '09:00')!;
      assert.equal(nine.plannedAgents, 8);
      assert.ok(nine.expectedServiceLevel! >= 0.8);
      assert.deepEqual(r.body.alerts, []);
    });

    it('refuses agents; rejects a malformed what-if with its field', async () => {
      assert.equal((await agent.post('/api/supervision/plan', {})).status, 403);
      const bad = await supervisor.post<{ error: { field: string } }>('/api/supervision/plan', { whatIf: [{ from: '08:15', to: '10:00', agents: 2 }] });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.field, 'whatIf.0.from');
    });
  });
}
