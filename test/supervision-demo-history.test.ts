/**
 * The demo's eight weeks of call history: written where the live system writes (calls, call_events),
 * shaped like a practice's phone (Monday peak, morning rush, lunch dip, an epidemic week, abandons when
 * agents are short), training calls marked and left out of the metrics. Prints the seeding time.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startServer, type TestServer } from './support/server.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { organisationPart } from '../src/demo/organisation.ts';
import { practicesPart } from '../src/demo/practices.ts';
import { practitionersPart } from '../src/demo/practitioners.ts';
import { usersPart, DEMO_PASSWORD } from '../src/demo/users.ts';
import { callHistoryPart, HISTORY_WEEKS } from '../src/demo/call-history.ts';

for (const kind of testDatabaseKinds()) {
  describe(`demo call history (${kind})`, () => {
    let t: TestDb;
    let server: TestServer;
    before(async () => {
      t = await openTestDb(kind);
      let ms = 0;
      const timed = {
        ...callHistoryPart,
        run: async (...args: Parameters<typeof callHistoryPart.run>) => {
          const started = performance.now();
          await callHistoryPart.run(...args);
          ms = performance.now() - started;
        },
      };
      await seedDemo(t.db, 'relais-demo-1', [organisationPart, practicesPart, practitionersPart, usersPart, timed]);
      console.log(`[measure] ${kind}: ${HISTORY_WEEKS} weeks of demo call history seeded in ${Math.round(ms)} ms`);
      server = await startServer(t.db);
    });
    after(async () => {
      await server?.close();
      await t?.close();
    });

    it('has eight weeks of calls, a Monday peak, a morning rush over the lunch dip, and an epidemic week', async () => {
      const { rows } = await t.db.query<{ weekday: number; n: number; days: number }>(
        `select extract(isodow from created_at at time zone 'Europe/Paris')::int as weekday, count(*)::int as n,
                count(distinct (created_at at time zone 'Europe/Paris')::date)::int as days
         from calls where not training group by 1 order by 1`,
      );
      const perDay = new Map(rows.map((r) => [r.weekday, r.n / r.days]));
      assert.ok(perDay.get(1)! > 1.25 * perDay.get(2)!, `Monday ${perDay.get(1)} vs Tuesday ${perDay.get(2)}`);
      assert.equal(perDay.get(7), undefined, 'no calls on Sundays');
      const span = await t.db.query<{ days: number }>(`select (max(created_at)::date - min(created_at)::date)::int as days from calls`);
      assert.ok(span.rows[0]!.days >= HISTORY_WEEKS * 7 - 3);
      const { rows: hh } = await t.db.query<{ slot: string; n: number }>(
        `select to_char(c.created_at at time zone p.time_zone, 'HH24:MI') as slot, count(*)::int as n
         from calls c join practices p on p.id = c.practice_id where not c.training group by 1`,
      );
      const at = (slot: string) => hh.filter((r) => r.slot >= slot && r.slot < slot.replace(/:00$/, ':30')).reduce((s, r) => s + r.n, 0);
      assert.ok(at('09:00') > 3 * at('12:30') || at('09:00') > 3 * hh.filter((r) => r.slot >= '12:30' && r.slot < '13:00').reduce((s, r) => s + r.n, 0));
      const { rows: weeks } = await t.db.query<{ n: number }>(
        `select count(*)::int as n from calls where not training group by date_trunc('week', created_at at time zone 'Europe/Paris') order by 1 desc`,
      );
      // The epidemic week is the busiest by far.
      assert.ok(weeks[0]!.n > 1.3 * weeks[Math.floor(weeks.length / 2)]!.n);
    });

    it('abandons and overflows when agents are short; every call ENTERs the log and leaves it once', async () => {
      const { rows } = await t.db.query<{ status: string; n: number }>('select status, count(*)::int as n from calls group by 1');
      const by = new Map(rows.map((r) => [r.status, r.n]));
      assert.ok(by.get('abandoned')! > 0 && by.get('voicemail')! > 0 && by.get('completed')! > by.get('abandoned')!);
      const { rows: log } = await t.db.query<{ enters: number; leaves: number; calls: number }>(
        `select count(*) filter (where event = 'ENTER')::int as enters,
                count(*) filter (where event in ('CONNECT', 'ABANDON', 'TIMEOUT', 'OVERFLOW'))::int as leaves,
                (select count(*)::int from calls) as calls
         from call_events where call_id is not null`,
      );
      assert.deepEqual([log[0]!.enters, log[0]!.leaves], [log[0]!.calls, log[0]!.calls]);
    });

    it('training calls are in the log, marked, and never counted by the metrics', async () => {
      const { rows } = await t.db.query<{ day: string; practice_id: string; training: number; real: number }>(
        `select (created_at at time zone 'Europe/Paris')::date::text as day, practice_id,
                count(*) filter (where training)::int as training, count(*) filter (where not training)::int as real
         from calls group by 1, 2 having count(*) filter (where training) > 0 order by 1 desc limit 1`,
      );
      const day = rows[0]!;
      assert.equal(day.training, 6);
      const supervisor = server.client();
      await supervisor.login('superviseur@demo.relais.fr', DEMO_PASSWORD);
      const r = await supervisor.get<{ total: { offered: number } }>(
        `/api/calls/metrics?from=${day.day}&to=${day.day}T23:59:59%2B01:00&practiceId=${day.practice_id}&timeZone=Europe/Paris`,
      );
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.total.offered, day.real);
    });
  });
}
