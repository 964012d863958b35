import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startServer, type TestServer, type ErrorResponseBody, type TestClient } from './support/server.ts';
import { createOrganisation, createPatient, createPractice, createPractitioner, createUser } from './support/fixtures.ts';
import { at, upcoming } from './support/agenda-fixtures.ts';
import { freeSlots, type AgendaRules } from '../src/agenda/engine/index.ts';
import { publicHolidays } from '../src/core/time/holidays.ts';

interface Motif {
  id: string;
  label: string;
  colour: string;
  durationMinutes: number;
  active: boolean;
}
interface Range {
  id: string;
  kind: string;
  weekday: number | null;
  start: string;
  end: string;
  motifIds: string[];
}
interface Slot {
  practitionerId: string;
  motifId: string;
  start: string;
  end: string;
  urgent: boolean;
}

for (const kind of testDatabaseKinds()) {
  describe(`agenda configuration and slots (${kind})`, () => {
    let t: TestDb;
    let server: TestServer;
    let org: string;
    let practice: string;
    let drA: string;
    let drB: string;
    let admin: TestClient;
    let agent: TestClient;
    let doctorA: TestClient;
    let patient: string;
    const zone = 'Europe/Paris';

    before(async () => {
      t = await openTestDb(kind);
      server = await startServer(t.db);
      org = await createOrganisation(t.db);
      practice = await createPractice(t.db, org);
      drA = await createPractitioner(t.db, org, [practice]);
      drB = await createPractitioner(t.db, org, [practice]);
      patient = await createPatient(t.db, { organisationId: org, practiceId: practice });
      const users = {
        admin: await createUser(t.db, { organisationId: org, role: 'admin' }),
        agent: await createUser(t.db, { organisationId: org, role: 'agent', practiceIds: [practice] }),
        doctorA: await createUser(t.db, { organisationId: org, role: 'practitioner', practitionerId: drA }),
      };
      admin = server.client();
      agent = server.client();
      doctorA = server.client();
      await admin.login(users.admin.email, users.admin.password);
      await agent.login(users.agent.email, users.agent.password);
      await doctorA.login(users.doctorA.email, users.doctorA.password);
    });
    after(async () => {
      await server?.close();
      await t?.close();
    });

    let consultA: Motif;
    let consultB: Motif;

    it('creates motifs and opening ranges, validating what it stores', async () => {
      const m = await admin.post<Motif>(`/api/practitioners/${drA}/motifs`, { label: 'Consultation', durationMinutes: 20, colour: '#1C7ED6' });
      assert.equal(m.status, 201);
      assert.equal(m.body.colour, '#1c7ed6');
      assert.equal(m.body.active, true);
      consultA = m.body;
      const b = await admin.post<Motif>(`/api/practitioners/${drB}/motifs`, { label: 'consultation', durationMinutes: 15 });
      consultB = b.body;

      const weekly = await admin.post<Range>(`/api/practitioners/${drA}/opening-ranges`, {
        kind: 'weekly',
        weekday: 2,
        start: '08:30',
        end: '12:00',
        motifIds: [consultA.id],
      });
      assert.equal(weekly.status, 201);
      assert.deepEqual([weekly.body.weekday, weekly.body.start, weekly.body.end, weekly.body.motifIds], [2, '08:30', '12:00', [consultA.id]]);
      const afternoon = await admin.post<Range>(`/api/practitioners/${drA}/opening-ranges`, {
        kind: 'weekly',
        weekday: 2,
        start: '14:00',
        end: '24:00',
        motifIds: [consultA.id],
      });
      assert.equal(afternoon.body.end, '24:00');
      for (let weekday = 1; weekday <= 7; weekday++) {
        const r = await admin.post(`/api/practitioners/${drB}/opening-ranges`, {
          kind: 'weekly',
          weekday,
          start: '13:00',
          end: '17:00',
          motifIds: [consultB.id],
        });
        assert.equal(r.status, 201);
      }

      const foreignMotif = await admin.post<ErrorResponseBody>(`/api/practitioners/${drA}/opening-ranges`, {
        kind: 'weekly',
        weekday: 3,
        start: '08:00',
        end: '12:00',
        motifIds: [consultB.id],
      });
      assert.equal(foreignMotif.status, 404);
      assert.equal(foreignMotif.body.error.field, 'motifIds');
      const backwards = await admin.post<ErrorResponseBody>(`/api/practitioners/${drA}/opening-ranges`, {
        kind: 'weekly',
        weekday: 3,
        start: '12:00',
        end: '08:00',
        motifIds: [consultA.id],
      });
      assert.equal(backwards.status, 400);
      assert.equal(backwards.body.error.field, 'end');
      const badTime = await admin.post<ErrorResponseBody>(`/api/practitioners/${drA}/opening-ranges`, {
        kind: 'weekly',
        weekday: 3,
        start: '8h',
        end: '12:00',
        motifIds: [consultA.id],
      });
      assert.equal(badTime.status, 400);
      assert.equal(badTime.body.error.field, 'start');
      const unknownField = await admin.post<ErrorResponseBody>(`/api/practitioners/${drA}/motifs`, { label: 'X', durationMinutes: 20, price: 25 });
      assert.equal(unknownField.status, 400);

      const ranges = await agent.get<Range[]>(`/api/practitioners/${drA}/opening-ranges`);
      assert.equal(ranges.status, 200);
      assert.equal(ranges.body.length, 2);
    });

    it('lets a practitioner configure his own agenda only, and agents enter absences but not configure', async () => {
      const own = await doctorA.post<Motif>(`/api/practitioners/${drA}/motifs`, { label: 'Suivi', durationMinutes: 15 });
      assert.equal(own.status, 201);
      const archived = await doctorA.delete(`/api/practitioners/${drA}/motifs/${own.body.id}`);
      assert.equal(archived.status, 204);
      const motifs = await agent.get<Motif[]>(`/api/practitioners/${drA}/motifs`);
      assert.equal(motifs.body.find((m) => m.id === own.body.id)?.active, false);
      const colleague = await doctorA.post<ErrorResponseBody>(`/api/practitioners/${drB}/motifs`, { label: 'Suivi', durationMinutes: 15 });
      assert.equal(colleague.status, 403);
      const byAgent = await agent.post<ErrorResponseBody>(`/api/practitioners/${drA}/motifs`, { label: 'Suivi', durationMinutes: 15 });
      assert.equal(byAgent.status, 403);
      const day = upcoming(zone, 6);
      const absence = await agent.post<{ absence: { id: string } }>(`/api/practitioners/${drA}/absences`, {
        start: at(zone, day, '00:00'),
        end: at(zone, day, '24:00'),
        reason: 'Congés',
      });
      assert.equal(absence.status, 201);
      assert.equal((await agent.delete(`/api/practitioners/${drA}/absences/${absence.body.absence.id}`)).status, 204);
    });

    it('answers the slots the engine computes from the stored rules and appointments', async () => {
      const tuesday = upcoming(zone, 2);
      const booked = await agent.post('/api/appointments', {
        practitionerId: drA,
        patientId: patient,
        motifId: consultA.id,
        start: at(zone, tuesday, '09:10'),
      });
      assert.equal(booked.status, 201);
      const r = await agent.get<Slot[]>(`/api/practitioners/${drA}/slots?motifId=${consultA.id}&from=${tuesday}&to=${tuesday}`);
      assert.equal(r.status, 200);
      const year = Number(tuesday.slice(0, 4));
      const rules: AgendaRules = {
        practitionerId: drA,
        timeZone: zone,
        weekly: [
          { weekday: 2, start: '08:30', end: '12:00', motifIds: [consultA.id] },
          { weekday: 2, start: '14:00', end: '24:00', motifIds: [consultA.id] },
        ],
        exceptional: [],
        absences: [],
        holidays: publicHolidays('metropole', year, year + 1),
      };
      const busy = [{ start: Date.parse(at(zone, tuesday, '09:10')), end: Date.parse(at(zone, tuesday, '09:30')) }];
      const expected = freeSlots(
        rules,
        busy,
        { id: consultA.id, durationMinutes: 20 },
        Date.parse(at(zone, tuesday, '00:00')),
        Date.parse(at(zone, tuesday, '24:00')),
        { now: Date.now() },
      );
      assert.deepEqual(
        r.body.map((s) => [s.start, s.end]),
        expected.map((s) => [new Date(s.start).toISOString(), new Date(s.end).toISOString()]),
      );
      // 08:30, 08:50 free; 09:10 taken, so 09:30 next (the grid starts at the range start).
      assert.deepEqual(
        r.body.slice(0, 3).map((s) => s.start),
        ['08:30', '08:50', '09:30'].map((h) => at(zone, tuesday, h)),
      );
      assert.equal(r.body.at(-1)!.end, at(zone, tuesday, '24:00'));

      // A step of 10 minutes makes a finer grid.
      assert.equal((await admin.put(`/api/practitioners/${drA}/agenda-settings`, { stepMinutes: 10 })).status, 200);
      const fine = await agent.get<Slot[]>(`/api/practitioners/${drA}/slots?motifId=${consultA.id}&from=${tuesday}&to=${tuesday}`);
      assert.deepEqual(
        fine.body.slice(0, 3).map((s) => s.start),
        ['08:30', '08:40', '08:50'].map((h) => at(zone, tuesday, h)),
      );
      await admin.put(`/api/practitioners/${drA}/agenda-settings`, { stepMinutes: null });

      const tooWide = await agent.get<ErrorResponseBody>(`/api/practitioners/${drA}/slots?motifId=${consultA.id}&from=2030-01-01&to=2030-12-31`);
      assert.equal(tooWide.status, 400);
      assert.equal(tooWide.body.error.field, 'to');
    });

    it('finds the next free slots across practitioners with same-label motifs, with preferences', async () => {
      const tuesday = upcoming(zone, 2);
      const from = at(zone, tuesday, '00:00');
      const r = await agent.get<Slot[]>(`/api/slots/next?practitionerIds=${drA},${drB}&motifId=${consultA.id}&from=${encodeURIComponent(from)}&limit=6`);
      assert.equal(r.status, 200);
      assert.equal(r.body.length, 6);
      const starts = r.body.map((s) => s.start);
      assert.deepEqual(starts, [...starts].sort());
      // Dr A opens at 08:30 on Tuesdays, Dr B at 13:00: the first slots are Dr A's, each with his own motif.
      assert.equal(r.body[0]!.practitionerId, drA);
      assert.equal(r.body[0]!.start, at(zone, tuesday, '08:30'));
      assert.ok(
        r.body.every((s) => s.motifId === (s.practitionerId === drA ? consultA.id : consultB.id)),
        JSON.stringify(r.body),
      );

      const afternoon = await agent.get<Slot[]>(
        `/api/slots/next?practitionerIds=${drA},${drB}&motifId=${consultA.id}&from=${encodeURIComponent(from)}&limit=8&partOfDay=afternoon`,
      );
      assert.equal(afternoon.body[0]!.start, at(zone, tuesday, '13:00'));
      assert.equal(afternoon.body[0]!.practitionerId, drB);
      assert.ok(afternoon.body.some((s) => s.practitionerId === drA && s.start === at(zone, tuesday, '14:00')));

      const wednesdays = await agent.get<Slot[]>(
        `/api/slots/next?practitionerIds=${drA},${drB}&motifId=${consultA.id}&from=${encodeURIComponent(from)}&limit=2&weekdays=3`,
      );
      assert.ok(wednesdays.body.every((s) => s.practitionerId === drB));

      const outsider = await createPractitioner(t.db, org, [await createPractice(t.db, org)]);
      const hidden = await agent.get<ErrorResponseBody>(`/api/slots/next?practitionerIds=${drA},${outsider}&motifId=${consultA.id}`);
      assert.equal(hidden.status, 404);
    });

    it('documents the agenda routes in the OpenAPI document', async () => {
      const doc = await server.client().get<{ paths: Record<string, unknown> }>('/api/openapi.json');
      for (const p of [
        '/api/appointments',
        '/api/appointment-series',
        '/api/slots/next',
        '/api/practitioners/{id}/slots',
        '/api/waitlist',
        '/api/practitioners/{id}/absences',
      ]) {
        assert.ok(p in doc.body.paths, p);
      }
    });
  });
}
