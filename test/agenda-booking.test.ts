import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startServer, type TestServer, type ErrorResponseBody, type TestClient } from './support/server.ts';
import { auditCount, createPatient } from './support/fixtures.ts';
import {
  agentClient,
  at,
  createAgendaWorld,
  easter,
  inDays,
  nextSpringForward,
  nextYearly,
  rowCount,
  upcoming,
  type AgendaWorld,
} from './support/agenda-fixtures.ts';

interface Appointment {
  id: string;
  start: string;
  end: string;
  status: string;
  practitionerId: string;
  patientId: string;
  motifId: string;
  channel: string;
  forcedReason: string | null;
  noShowExcused: boolean | null;
  cancelReason: string | null;
  cancelledByKind: string | null;
  history: { from: string; to: string }[];
}
interface Slot {
  practitionerId: string;
  start: string;
  end: string;
}
type SlotTaken = ErrorResponseBody & { error: { details: { nextSlots: Slot[] } } };

for (const kind of testDatabaseKinds()) {
  describe(`agenda booking (${kind})`, () => {
    let t: TestDb;
    let server: TestServer;
    let w: AgendaWorld;
    let agent: TestClient;
    let patients: string[];

    before(async () => {
      t = await openTestDb(kind);
      server = await startServer(t.db);
      w = await createAgendaWorld(t.db, { patients: 3 });
      patients = [];
      for (let i = 0; i < 50; i++) patients.push(await createPatient(t.db, { organisationId: w.organisationId, practiceId: w.practiceId }));
      agent = await agentClient(server, w);
    });
    after(async () => {
      await server?.close();
      await t?.close();
    });

    const bookBody = (o: { start: string; patientId?: string; motifId?: string; force?: { reason: string } }) => ({
      practitionerId: w.practitionerId,
      patientId: o.patientId ?? w.patientIds[0],
      motifId: o.motifId ?? w.motifId,
      start: o.start,
      ...(o.force ? { force: o.force } : {}),
    });
    const activeAt = (start: string) =>
      rowCount(
        t.db,
        `select 1 from appointments where practitioner_id = $1 and status <> 'cancelled' and during && tstzrange($2::timestamptz, $2::timestamptz + interval '1 hour')`,
        [w.practitionerId, start],
      );

    it('books exactly one of 50 concurrent requests for one slot; the 49 others get 409 slot_taken with next slots', async () => {
      const date = upcoming(w.timeZone, 2);
      const start = at(w.timeZone, date, '09:00');
      const answers = await Promise.all(patients.map((patientId) => agent.post<Appointment | SlotTaken>('/api/appointments', bookBody({ start, patientId }))));
      const created = answers.filter((a) => a.status === 201);
      const taken = answers.filter((a) => a.status === 409);
      assert.equal(created.length, 1);
      assert.equal(taken.length, 49);
      for (const r of taken) {
        const body = r.body as SlotTaken;
        assert.equal(body.error.code, 'slot_taken');
        assert.ok(body.error.details.nextSlots.length > 0);
        for (const s of body.error.details.nextSlots) assert.ok(s.start >= new Date(Date.parse(start) + 20 * 60_000).toISOString());
      }
      assert.equal(await activeAt(start), 1);
    });

    it('books exactly one of 50 concurrent requests for overlapping but unequal slots (different motifs and durations)', async () => {
      const date = upcoming(w.timeZone, 3);
      const answers = await Promise.all(
        patients.map((patientId, i) => {
          // 10:00 and 10:10 with 20 min; 10:05 and 10:15 with 30 min: every pair overlaps.
          const times = ['10:00', '10:05', '10:10', '10:15'];
          const time = times[i % 4]!;
          const motifId = time === '10:05' || time === '10:15' ? w.longMotifId : w.motifId;
          return agent.post<Appointment | SlotTaken>('/api/appointments', bookBody({ start: at(w.timeZone, date, time), patientId, motifId }));
        }),
      );
      assert.equal(answers.filter((a) => a.status === 201).length, 1);
      assert.equal(answers.filter((a) => a.status === 409 && (a.body as SlotTaken).error.code === 'slot_taken').length, 49);
      assert.equal(await activeAt(at(w.timeZone, date, '10:00')), 1);
    });

    it('refuses a booking in the past, on an absence, or for a motif the range does not accept (422 with the reason)', async () => {
      const past = await agent.post<ErrorResponseBody>('/api/appointments', bookBody({ start: at(w.timeZone, inDays(w.timeZone, -3), '09:00') }));
      assert.equal(past.status, 422);
      assert.equal(past.body.error.code, 'rule_violation');
      assert.equal(past.body.error.details?.['reason'], 'in_past');

      const date = upcoming(w.timeZone, 4);
      await t.db.query(
        `insert into absences (organisation_id, practitioner_id, during, reason) values ($1, $2, tstzrange($3::timestamptz, $4::timestamptz), 'Congrès')`,
        [w.organisationId, w.practitionerId, at(w.timeZone, date, '08:00'), at(w.timeZone, date, '12:00')],
      );
      const absent = await agent.post<ErrorResponseBody>('/api/appointments', bookBody({ start: at(w.timeZone, date, '11:00') }));
      assert.equal(absent.status, 422);
      assert.equal(absent.body.error.details?.['reason'], 'absence');
      const afternoon = await agent.post<Appointment>('/api/appointments', bookBody({ start: at(w.timeZone, date, '14:00') }));
      assert.equal(afternoon.status, 201);

      const notAccepted = await agent.post<ErrorResponseBody>('/api/appointments', bookBody({ start: at(w.timeZone, date, '15:00'), motifId: w.otherMotifId }));
      assert.equal(notAccepted.status, 422);
      assert.equal(notAccepted.body.error.details?.['reason'], 'motif_not_accepted');
    });

    it('forces a booking outside the opening ranges with a written reason, never over another appointment', async () => {
      const date = upcoming(w.timeZone, 5);
      const evening = at(w.timeZone, date, '19:00');
      const refused = await agent.post<ErrorResponseBody>('/api/appointments', bookBody({ start: evening }));
      assert.equal(refused.status, 422);
      assert.equal(refused.body.error.details?.['reason'], 'outside_opening_hours');
      const forced = await agent.post<Appointment>(
        '/api/appointments',
        bookBody({ start: evening, force: { reason: 'Demande du Dr, patient en urgence relative' } }),
      );
      assert.equal(forced.status, 201);
      assert.equal(forced.body.forcedReason, 'Demande du Dr, patient en urgence relative');
      const over = await agent.post<SlotTaken>(
        '/api/appointments',
        bookBody({ start: at(w.timeZone, date, '19:10'), patientId: w.patientIds[1], force: { reason: 'Forçage encore' } }),
      );
      assert.equal(over.status, 409);
      assert.equal(over.body.error.code, 'slot_taken');
      const bad = await agent.post<ErrorResponseBody>('/api/appointments', { ...bookBody({ start: evening }), force: {} });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.field, 'force.reason');
    });

    it('creates nothing twice for a retried Idempotency-Key, and refuses the key for another request', async () => {
      const date = upcoming(w.timeZone, 6);
      const body = bookBody({ start: at(w.timeZone, date, '09:00') });
      const headers = { 'idempotency-key': 'retry-1234' };
      const first = await agent.post<Appointment>('/api/appointments', body, headers);
      const second = await agent.post<Appointment>('/api/appointments', body, headers);
      assert.equal(first.status, 201);
      assert.equal(second.status, 201);
      assert.deepEqual(second.body, first.body);
      assert.equal(await rowCount(t.db, 'select 1 from appointments where patient_id = $1 and lower(during) = $2', [body.patientId, body.start]), 1);
      const other = await agent.post<ErrorResponseBody>('/api/appointments', { ...body, start: at(w.timeZone, date, '11:00') }, headers);
      assert.equal(other.status, 422);
      assert.equal(other.body.error.code, 'idempotency_key_reused');
      // Concurrent retries of one key: still one appointment.
      const key = { 'idempotency-key': 'concurrent-5678' };
      const concurrent = bookBody({ start: at(w.timeZone, date, '15:00'), patientId: w.patientIds[2] });
      const all = await Promise.all(Array.from({ length: 5 }, () => agent.post<Appointment>('/api/appointments', concurrent, key)));
      assert.deepEqual(
        all.map((r) => r.status),
        [201, 201, 201, 201, 201],
      );
      assert.equal(new Set(all.map((r) => r.body.id)).size, 1);
    });

    it('books local 10:00 on the spring-forward day in Paris at 08:00Z, and its slots follow the change', async () => {
      const day = nextSpringForward();
      const r = await agent.post<Appointment>('/api/appointments', bookBody({ start: `${day}T10:00:00+02:00` }));
      assert.equal(r.status, 201);
      assert.equal(r.body.start, `${day}T08:00:00.000Z`);
      const slots = await agent.get<Slot[]>(`/api/practitioners/${w.practitionerId}/slots?motifId=${w.motifId}&from=${day}&to=${day}`);
      assert.equal(slots.status, 200);
      // 08:00 CEST = 06:00Z is the first slot; 10:00 local is taken.
      assert.equal(slots.body[0]!.start, `${day}T06:00:00.000Z`);
      assert.ok(!slots.body.some((s) => s.start === `${day}T08:00:00.000Z`));
      assert.equal(slots.body.at(-1)!.end, `${day}T16:00:00.000Z`);
    });

    it('moves, cancels and sets the outcome of appointments, writing one audit row each', async () => {
      const date = upcoming(w.timeZone, 1);
      const made = await agent.post<Appointment>('/api/appointments', bookBody({ start: at(w.timeZone, date, '09:00'), patientId: w.patientIds[1] }));
      assert.equal(made.status, 201);
      const id = made.body.id;
      const auditBefore = await auditCount(t.db, `detail->>'appointmentId' = $1`, [id]);
      const moved = await agent.post<{ appointment: Appointment }>(`/api/appointments/${id}/move`, { start: at(w.timeZone, date, '11:00') });
      assert.equal(moved.status, 200);
      assert.equal(moved.body.appointment.start, at(w.timeZone, date, '11:00'));
      assert.equal(moved.body.appointment.history.length, 1);
      assert.equal(moved.body.appointment.history[0]!.from, at(w.timeZone, date, '09:00'));
      // The old slot is free again, the new one is taken.
      const again = await agent.post('/api/appointments', bookBody({ start: at(w.timeZone, date, '09:00'), patientId: w.patientIds[2] }));
      assert.equal(again.status, 201);
      const onto = await agent.post<SlotTaken>(`/api/appointments/${(again.body as Appointment).id}/move`, { start: at(w.timeZone, date, '11:10') });
      assert.equal(onto.status, 409);
      assert.equal(onto.body.error.code, 'slot_taken');

      const early = await agent.post<ErrorResponseBody>(`/api/appointments/${id}/outcome`, { outcome: 'honoured' });
      assert.equal(early.status, 422);
      assert.equal(early.body.error.code, 'outcome_too_early');

      const cancelled = await agent.post<{ appointment: Appointment }>(`/api/appointments/${id}/cancel`, { reason: 'Patient empêché', by: 'patient' });
      assert.equal(cancelled.status, 200);
      assert.equal(cancelled.body.appointment.status, 'cancelled');
      assert.equal(cancelled.body.appointment.cancelledByKind, 'patient');
      const twice = await agent.post<ErrorResponseBody>(`/api/appointments/${id}/cancel`, { reason: 'encore', by: 'patient' });
      assert.equal(twice.status, 409);
      assert.equal(twice.body.error.code, 'appointment_not_active');
      assert.equal(await auditCount(t.db, `detail->>'appointmentId' = $1 and outcome = 'ok'`, [id]), auditBefore + 2);
      const events = await t.db.query<{ type: string }>(`select type from domain_events where payload->>'appointmentId' = $1 order by id`, [id]);
      assert.deepEqual(
        events.rows.map((e) => e.type),
        ['appointment.booked', 'appointment.moved', 'appointment.cancelled'],
      );

      // A past appointment (written directly) gets its outcome.
      const { rows } = await t.db.query<{ id: string }>(
        `insert into appointments (organisation_id, practice_id, practitioner_id, patient_id, motif_id, during, channel)
         values ($1, $2, $3, $4, $5, tstzrange(now() - interval '2 days', now() - interval '2 days' + interval '20 minutes'), 'phone') returning id`,
        [w.organisationId, w.practiceId, w.practitionerId, w.patientIds[0], w.motifId],
      );
      const pastId = rows[0]!.id;
      const noShow = await agent.post<Appointment>(`/api/appointments/${pastId}/outcome`, { outcome: 'no_show', excused: true });
      assert.equal(noShow.status, 200);
      assert.equal(noShow.body.status, 'no_show');
      assert.equal(noShow.body.noShowExcused, true);
      const honoured = await agent.post<Appointment>(`/api/appointments/${pastId}/outcome`, { outcome: 'honoured' });
      assert.equal(honoured.body.status, 'honoured');
      assert.equal(honoured.body.noShowExcused, null);
    });

    it('lists an agenda and reads an appointment, one audit row per request', async () => {
      const date = upcoming(w.timeZone, 2);
      const from = at(w.timeZone, date, '00:00');
      const to = at(w.timeZone, date, '24:00');
      const before = await auditCount(t.db, `action = 'appointment.list'`);
      const list = await agent.get<(Appointment & { patientName: string })[]>(
        `/api/appointments?practitionerId=${w.practitionerId}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      );
      assert.equal(list.status, 200);
      assert.ok(list.body.length >= 1);
      assert.ok(list.body.every((a) => a.status !== 'cancelled' && a.patientName.length > 0));
      assert.equal(await auditCount(t.db, `action = 'appointment.list'`), before + 1);
      const one = list.body[0]!;
      const readBefore = await auditCount(t.db, `action = 'appointment.read' and patient_id = $1`, [one.patientId]);
      const got = await agent.get<Appointment>(`/api/appointments/${one.id}`);
      assert.equal(got.status, 200);
      assert.equal(got.body.id, one.id);
      assert.equal(await auditCount(t.db, `action = 'appointment.read' and patient_id = $1`, [one.patientId]), readBefore + 1);
      const byPatient = await agent.get<Appointment[]>(`/api/appointments?patientId=${one.patientId}`);
      assert.equal(byPatient.status, 200);
      assert.ok(byPatient.body.some((a) => a.id === one.id));
    });

    it("answers 404 for another practice's practitioner, patient and appointment, and audits the attempts", async () => {
      const other = await createAgendaWorld(t.db, { organisationId: w.organisationId });
      const otherClient = await agentClient(server, other);
      const date = upcoming(w.timeZone, 3);
      const theirs = await otherClient.post<Appointment>('/api/appointments', {
        practitionerId: other.practitionerId,
        patientId: other.patientIds[0],
        motifId: other.motifId,
        start: at(w.timeZone, date, '16:00'),
      });
      assert.equal(theirs.status, 201);

      const book = await agent.post<ErrorResponseBody>('/api/appointments', {
        practitionerId: other.practitionerId,
        patientId: other.patientIds[0],
        motifId: other.motifId,
        start: at(w.timeZone, date, '17:00'),
      });
      const missing = await agent.post<ErrorResponseBody>('/api/appointments', {
        practitionerId: '00000000-0000-4000-8000-000000000000',
        patientId: other.patientIds[0],
        motifId: other.motifId,
        start: at(w.timeZone, date, '17:00'),
      });
      assert.equal(book.status, 404);
      assert.deepEqual({ ...book.body.error, requestId: '' }, { ...missing.body.error, requestId: '' });

      const patientElsewhere = await agent.post<ErrorResponseBody>(
        '/api/appointments',
        bookBody({ start: at(w.timeZone, date, '17:00'), patientId: other.patientIds[0] }),
      );
      assert.equal(patientElsewhere.status, 404);
      assert.equal(await auditCount(t.db, `action = 'appointment.create' and outcome = 'not_found' and patient_id = $1`, [other.patientIds[0]]), 1);

      const read = await agent.get<ErrorResponseBody>(`/api/appointments/${theirs.body.id}`);
      assert.equal(read.status, 404);
      assert.equal(await auditCount(t.db, `action = 'appointment.read' and outcome = 'not_found' and detail->>'appointmentId' = $1`, [theirs.body.id]), 1);
      assert.equal((await agent.post(`/api/appointments/${theirs.body.id}/cancel`, { reason: 'x', by: 'patient' })).status, 404);
      assert.equal((await agent.get(`/api/practitioners/${other.practitionerId}/slots?motifId=${other.motifId}&from=${date}&to=${date}`)).status, 404);
      assert.equal(
        (
          await agent.get(
            `/api/appointments?practitionerId=${other.practitionerId}&from=${encodeURIComponent(at(w.timeZone, date, '00:00'))}&to=${encodeURIComponent(at(w.timeZone, date, '24:00'))}`,
          )
        ).status,
        404,
      );
      const stillBooked = await t.db.query<{ status: string }>('select status from appointments where id = $1', [theirs.body.id]);
      assert.equal(stillBooked.rows[0]!.status, 'booked');
    });

    it('refuses unknown fields and malformed instants with the field path', async () => {
      const extra = await agent.post<ErrorResponseBody>('/api/appointments', {
        ...bookBody({ start: at(w.timeZone, upcoming(w.timeZone, 1), '09:00') }),
        colour: 'red',
      });
      assert.equal(extra.status, 400);
      const floating = await agent.post<ErrorResponseBody>('/api/appointments', bookBody({ start: '2030-01-07T09:00:00' }));
      assert.equal(floating.status, 400);
      assert.equal(floating.body.error.field, 'start');
    });
  });

  describe(`agenda regional holidays (${kind})`, () => {
    let t: TestDb;
    let server: TestServer;
    before(async () => {
      t = await openTestDb(kind);
      server = await startServer(t.db);
    });
    after(async () => {
      await server?.close();
      await t?.close();
    });

    async function tryBook(world: AgendaWorld, date: string) {
      const c = await agentClient(server, world);
      return c.post<Appointment | ErrorResponseBody>('/api/appointments', {
        practitionerId: world.practitionerId,
        patientId: world.patientIds[0],
        motifId: world.motifId,
        start: at(world.timeZone, date, '09:00'),
      });
    }

    it('closes 22 May in Martinique (abolition of slavery) and keeps it open in Paris', async () => {
      const day = nextYearly((y) => `${y}-05-22`);
      const martinique = await createAgendaWorld(t.db, { region: 'martinique', timeZone: 'America/Martinique' });
      const paris = await createAgendaWorld(t.db, { region: 'metropole', timeZone: 'Europe/Paris' });
      const closed = await tryBook(martinique, day);
      assert.equal(closed.status, 422);
      assert.equal((closed.body as ErrorResponseBody).error.details?.['reason'], 'holiday');
      const open = await tryBook(paris, day);
      assert.equal(open.status, 201);
      assert.equal((open.body as Appointment).start, at('Europe/Paris', day, '09:00'));
      const slots = await (
        await agentClient(server, martinique)
      ).get<Slot[]>(`/api/practitioners/${martinique.practitionerId}/slots?motifId=${martinique.motifId}&from=${day}&to=${day}`);
      assert.deepEqual(slots.body, []);
    });

    it('closes Good Friday in Alsace-Moselle, not elsewhere in France', async () => {
      const goodFriday = nextYearly((y) => {
        const e = new Date(`${easter(y)}T00:00:00Z`);
        return new Date(e.getTime() - 2 * 86_400_000).toISOString().slice(0, 10);
      });
      const alsace = await createAgendaWorld(t.db, { region: 'alsace-moselle', timeZone: 'Europe/Paris' });
      const lyon = await createAgendaWorld(t.db, { region: 'metropole', timeZone: 'Europe/Paris' });
      const closed = await tryBook(alsace, goodFriday);
      assert.equal(closed.status, 422);
      assert.equal((closed.body as ErrorResponseBody).error.details?.['reason'], 'holiday');
      assert.equal((await tryBook(lyon, goodFriday)).status, 201);
    });

    it('opens a holiday through an exceptional range', async () => {
      const day = nextYearly((y) => `${y}-05-22`);
      const world = await createAgendaWorld(t.db, { region: 'martinique', timeZone: 'America/Martinique' });
      await t.db.query(
        `with r as (insert into opening_ranges (organisation_id, practitioner_id, practice_id, kind, on_date, start_time, end_time)
                    values ($1, $2, $3, 'exceptional', $4, '08:00', '10:00') returning id)
         insert into opening_range_motifs (range_id, motif_id, practitioner_id) select id, $5, $2 from r`,
        [world.organisationId, world.practitionerId, world.practiceId, day, world.motifId],
      );
      assert.equal((await tryBook(world, day)).status, 201);
    });
  });
}
