import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startServer, type TestServer } from './support/server.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { DEMO_PASSWORD } from '../src/demo/users.ts';
import { publicHolidays } from '../src/core/time/holidays.ts';
import type { Region } from '../src/core/time/regions.ts';

for (const kind of testDatabaseKinds()) {
  describe(`the demo agendas (${kind})`, () => {
    let t: TestDb;
    let server: TestServer;
    before(async () => {
      t = await openTestDb(kind);
      await seedDemo(t.db);
      server = await startServer(t.db);
    });
    after(async () => {
      await server?.close();
      await t?.close();
    });

    it('gives every practitioner motifs fit for the profession, opening ranges and three months of appointments', async () => {
      const { rows } = await t.db.query<{ profession: string; motifs: string[]; ranges: number; past: number; future: number }>(
        `select pr.profession,
                (select json_agg(m.label) from motifs m where m.practitioner_id = pr.id) as motifs,
                (select count(*)::int from opening_ranges r where r.practitioner_id = pr.id) as ranges,
                (select count(*)::int from appointments a where a.practitioner_id = pr.id and upper(a.during) < now() - interval '30 days') as past,
                (select count(*)::int from appointments a where a.practitioner_id = pr.id and lower(a.during) > now() + interval '30 days') as future
           from practitioners pr`,
      );
      assert.ok(rows.length >= 50);
      for (const r of rows) {
        assert.ok(r.motifs.length >= 2 && r.ranges >= 5 && r.past > 0 && r.future > 0, JSON.stringify(r));
      }
      assert.ok(rows.filter((r) => r.profession === 'kinesitherapeute').every((r) => r.motifs.includes('Séance de kinésithérapie')));
      assert.ok(rows.filter((r) => r.profession === 'medecin').some((r) => r.motifs.includes('Première consultation')));
    });

    it('seeds appointments that refer only to existing practices, practitioners, patients, motifs and users, and triggers back on', async () => {
      // Their foreign keys are not re-checked row by row while seeding: this checks them once, set-based.
      const { rows } = await t.db.query<{ orphans: number; role: string }>(
        `select (select count(*)::int from appointments a
                  where not exists (select 1 from practices p where p.id = a.practice_id)
                     or not exists (select 1 from practitioners pr where pr.id = a.practitioner_id)
                     or not exists (select 1 from patients pa where pa.id = a.patient_id)
                     or not exists (select 1 from motifs m where m.id = a.motif_id and m.practitioner_id = a.practitioner_id)
                     or (a.booked_by is not null and not exists (select 1 from users u where u.id = a.booked_by))) as orphans,
                current_setting('session_replication_role') as role`,
      );
      assert.deepEqual(rows[0], { orphans: 0, role: 'origin' });
    });

    it('keeps past appointments closed (honoured, no-show or cancelled) and none on a public holiday or over an absence', async () => {
      const stale = await t.db.query<{ n: number }>(
        `select count(*)::int as n from appointments where status = 'booked' and upper(during) < now() - interval '1 day'`,
      );
      assert.equal(stale.rows[0]!.n, 0);
      const statuses = await t.db.query<{ status: string; n: number }>(`select status, count(*)::int as n from appointments group by 1`);
      const by = Object.fromEntries(statuses.rows.map((r) => [r.status, r.n]));
      assert.ok(by['honoured']! > 10 * by['no_show']! && by['no_show']! > 0 && by['cancelled']! > 0);
      const overAbsence = await t.db.query<{ n: number }>(
        `select count(*)::int as n from appointments a join absences b on b.practitioner_id = a.practitioner_id and b.during && a.during where a.status <> 'cancelled'`,
      );
      assert.equal(overAbsence.rows[0]!.n, 0);
      const days = await t.db.query<{ region: Region; day: string }>(
        `select distinct p.region, to_char(lower(a.during) at time zone p.time_zone, 'YYYY-MM-DD') as day
           from appointments a join practices p on p.id = a.practice_id`,
      );
      const years = [new Date().getUTCFullYear() - 1, new Date().getUTCFullYear() + 1] as const;
      for (const d of days.rows) assert.ok(!publicHolidays(d.region, years[0], years[1]).has(d.day), `${d.region} ${d.day}`);
    });

    it('fills the opening ranges of the coming weeks to about 70 %', async () => {
      // Minutes booked over the minutes the weekly (non-urgent) ranges open, next 45 days, holidays and absences aside.
      const { rows } = await t.db.query<{ booked: number; open: number }>(
        `with days as (select generate_series(current_date + 1, current_date + 44, interval '1 day')::date as d),
         open as (
           select r.practitioner_id, sum(extract(epoch from (r.end_time - r.start_time)) / 60) as minutes
             from opening_ranges r join practices p on p.id = r.practice_id join days on extract(isodow from days.d) = r.weekday
            where not r.urgent
              and not exists (select 1 from absences b where b.practitioner_id = r.practitioner_id
                               and b.during && tstzrange((days.d + r.start_time) at time zone p.time_zone, (days.d + r.end_time) at time zone p.time_zone))
            group by 1)
         select (select sum(extract(epoch from upper(during) - lower(during)) / 60) from appointments
                  where status <> 'cancelled' and lower(during) >= current_date + 1 and lower(during) < current_date + 45)::float8 as booked,
                (select sum(minutes) from open)::float8 as open`,
      );
      const ratio = rows[0]!.booked / rows[0]!.open;
      // Holidays are counted as open above, so the true occupancy is slightly higher than this ratio.
      assert.ok(ratio > 0.6 && ratio < 0.85, `occupancy ${ratio.toFixed(2)}`);
    });

    it('answers free slots and the agenda of Dr Martin through the API', async () => {
      const c = server.client();
      await c.login('dr.martin@demo.relais.fr', DEMO_PASSWORD);
      const me = await c.get<{ practitionerId: string }>('/api/me');
      const motifs = await c.get<{ id: string; label: string }[]>(`/api/practitioners/${me.body.practitionerId}/motifs`);
      const consultation = motifs.body.find((m) => m.label === 'Consultation')!;
      const next = await c.get<{ start: string }[]>(`/api/slots/next?practitionerIds=${me.body.practitionerId}&motifId=${consultation.id}&limit=5`);
      assert.equal(next.status, 200);
      assert.equal(next.body.length, 5);
      const from = new Date().toISOString();
      const to = new Date(Date.now() + 7 * 86_400_000).toISOString();
      const agenda = await c.get<unknown[]>(`/api/appointments?practitionerId=${me.body.practitionerId}&from=${from}&to=${to}`);
      assert.equal(agenda.status, 200);
      assert.ok(agenda.body.length > 10);
    });
  });
}
