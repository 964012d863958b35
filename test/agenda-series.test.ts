import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startServer, type TestServer, type ErrorResponseBody, type TestClient } from './support/server.ts';
import { auditCount } from './support/fixtures.ts';
import { agentClient, at, createAgendaWorld, createMotif, createWeeklyRanges, quietMonday, rowCount, type AgendaWorld } from './support/agenda-fixtures.ts';
import { dateOfDayNumber, dayNumberOf } from '../src/core/time/local-time.ts';

interface Appointment {
  id: string;
  start: string;
  seriesId: string | null;
}
interface Conflict {
  date: string;
  start: string;
  reason: string;
  alternatives: { start: string; end: string }[];
}
type SeriesConflict = ErrorResponseBody & { error: { details: { conflicts: Conflict[] } } };

const plusDays = (date: string, n: number) => dateOfDayNumber(dayNumberOf(date) + n);

for (const kind of testDatabaseKinds()) {
  describe(`agenda series (${kind})`, () => {
    let t: TestDb;
    let server: TestServer;
    let w: AgendaWorld;
    let agent: TestClient;
    let kineMotif: string;

    before(async () => {
      t = await openTestDb(kind);
      server = await startServer(t.db);
      w = await createAgendaWorld(t.db);
      // A kiné: 30-minute sessions on Tuesday and Friday afternoons.
      kineMotif = await createMotif(t.db, {
        organisationId: w.organisationId,
        practitionerId: w.practitionerId,
        label: 'Séance de kinésithérapie',
        durationMinutes: 30,
      });
      await createWeeklyRanges(t.db, {
        organisationId: w.organisationId,
        practitionerId: w.practitionerId,
        practiceId: w.practiceId,
        motifIds: [kineMotif],
        weekdays: [2, 5],
        start: '14:00',
        end: '19:00',
      });
      agent = await agentClient(server, w);
    });
    after(async () => {
      await server?.close();
      await t?.close();
    });

    const series = (start: string, rule: Record<string, unknown>, patientId = w.patientIds[0]) => ({
      practitionerId: w.practitionerId,
      patientId,
      motifId: kineMotif,
      start,
      rule,
    });

    it('books ten sessions twice a week, all at the same local time, in one series', async () => {
      const tuesday = plusDays(quietMonday(w.timeZone, 5), 1);
      const r = await agent.post<{ seriesId: string; appointments: Appointment[] }>(
        '/api/appointment-series',
        series(at(w.timeZone, tuesday, '17:00'), { count: 10, weekdays: [2, 5] }),
      );
      assert.equal(r.status, 201);
      assert.equal(r.body.appointments.length, 10);
      const expected = Array.from({ length: 10 }, (_, i) => at(w.timeZone, plusDays(tuesday, Math.floor(i / 2) * 7 + (i % 2) * 3), '17:00'));
      assert.deepEqual(
        r.body.appointments.map((a) => a.start),
        expected,
      );
      assert.ok(r.body.appointments.every((a) => a.seriesId === r.body.seriesId));
      assert.equal(await rowCount(t.db, 'select 1 from appointments where series_id = $1', [r.body.seriesId]), 10);
      assert.equal(await auditCount(t.db, `action = 'appointment.series.create' and detail->>'seriesId' = $1`, [r.body.seriesId]), 1);
      assert.equal(await rowCount(t.db, `select 1 from domain_events where payload->>'seriesId' = $1 and type = 'appointment.booked'`, [r.body.seriesId]), 10);
    });

    it('answers which dates conflict, with alternatives for each, and writes nothing', async () => {
      const tuesday = plusDays(quietMonday(w.timeZone, 3, 40), 1);
      const friday = plusDays(tuesday, 3);
      // Someone already has the second Friday at 18:00; the third Tuesday is an absence.
      const taken = await agent.post('/api/appointments', {
        practitionerId: w.practitionerId,
        patientId: w.patientIds[1],
        motifId: kineMotif,
        start: at(w.timeZone, plusDays(friday, 7), '18:00'),
      });
      assert.equal(taken.status, 201);
      await t.db.query(`insert into absences (organisation_id, practitioner_id, during) values ($1, $2, tstzrange($3::timestamptz, $4::timestamptz))`, [
        w.organisationId,
        w.practitionerId,
        at(w.timeZone, plusDays(tuesday, 14), '00:00'),
        at(w.timeZone, plusDays(tuesday, 15), '00:00'),
      ]);
      const before = await rowCount(t.db, 'select 1 from appointments');
      const r = await agent.post<SeriesConflict>('/api/appointment-series', series(at(w.timeZone, tuesday, '18:00'), { count: 6, weekdays: [2, 5] }));
      assert.equal(r.status, 409);
      assert.equal(r.body.error.code, 'series_conflict');
      const conflicts = r.body.error.details.conflicts;
      assert.deepEqual(
        conflicts.map((c) => [c.date, c.reason]),
        [
          [plusDays(friday, 7), 'slot_taken'],
          [plusDays(tuesday, 14), 'absence'],
        ],
      );
      // Alternatives: the next free kiné slots from that day (the same Friday 18:30 for the taken one).
      assert.equal(conflicts[0]!.alternatives[0]!.start, at(w.timeZone, plusDays(friday, 7), '14:00'));
      assert.ok(conflicts[0]!.alternatives.every((s) => s.start !== at(w.timeZone, plusDays(friday, 7), '18:00')));
      assert.ok(conflicts[1]!.alternatives.length > 0);
      assert.ok(conflicts[1]!.alternatives.every((s) => s.start >= at(w.timeZone, plusDays(tuesday, 15), '00:00')));
      assert.equal(await rowCount(t.db, 'select 1 from appointments'), before);
    });

    it('books every N days with intervalDays, and refuses a rule that mixes modes', async () => {
      const friday = plusDays(quietMonday(w.timeZone, 3, 80), 4);
      const r = await agent.post<{ appointments: Appointment[] }>(
        '/api/appointment-series',
        series(at(w.timeZone, friday, '14:30'), { count: 3, intervalDays: 7 }, w.patientIds[2]),
      );
      assert.equal(r.status, 201);
      assert.deepEqual(
        r.body.appointments.map((a) => a.start),
        [0, 7, 14].map((d) => at(w.timeZone, plusDays(friday, d), '14:30')),
      );
      const bad = await agent.post<ErrorResponseBody>(
        '/api/appointment-series',
        series(at(w.timeZone, friday, '15:00'), { count: 3, intervalDays: 7, weekdays: [5] }),
      );
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.field, 'rule.weekdays');
    });
  });
}
