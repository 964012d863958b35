import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startServer, type TestServer, type ErrorResponseBody, type TestClient } from './support/server.ts';
import { auditCount, createPatient } from './support/fixtures.ts';
import { agentClient, at, createAgendaWorld, upcoming, type AgendaWorld } from './support/agenda-fixtures.ts';

interface Appointment {
  id: string;
  start: string;
  status: string;
  patientId: string;
  cancelReason: string | null;
}
interface WaitlistEntry {
  id: string;
  patientId: string;
  position: number;
  status: string;
}

for (const kind of testDatabaseKinds()) {
  describe(`agenda absences and waitlist (${kind})`, () => {
    let t: TestDb;
    let server: TestServer;
    let w: AgendaWorld;
    let agent: TestClient;

    before(async () => {
      t = await openTestDb(kind);
      server = await startServer(t.db);
      w = await createAgendaWorld(t.db, { patients: 6 });
      agent = await agentClient(server, w);
    });
    after(async () => {
      await server?.close();
      await t?.close();
    });

    const book = async (start: string, patientId: string) => {
      const r = await agent.post<Appointment>('/api/appointments', { practitionerId: w.practitionerId, patientId, motifId: w.motifId, start });
      assert.equal(r.status, 201, r.text);
      return r.body;
    };

    it('lists the appointments an absence covers, then cancels them all with one event each', async () => {
      const day = upcoming(w.timeZone, 3);
      const covered = [await book(at(w.timeZone, day, '09:00'), w.patientIds[0]!), await book(at(w.timeZone, day, '10:00'), w.patientIds[1]!)];
      const outside = await book(at(w.timeZone, day, '15:00'), w.patientIds[2]!);

      const preview = await agent.get<Appointment[]>(
        `/api/practitioners/${w.practitionerId}/absences/impact?start=${encodeURIComponent(at(w.timeZone, day, '08:00'))}&end=${encodeURIComponent(at(w.timeZone, day, '13:00'))}`,
      );
      assert.equal(preview.status, 200);
      assert.deepEqual(
        preview.body.map((a) => a.id),
        covered.map((a) => a.id),
      );

      // Listed only: the appointments stay booked, the absence is saved.
      const listed = await agent.post<{ absence: { id: string }; impacted: Appointment[]; cancelled: boolean }>(
        `/api/practitioners/${w.practitionerId}/absences`,
        {
          start: at(w.timeZone, day, '08:00'),
          end: at(w.timeZone, day, '11:00'),
          reason: 'Formation',
        },
      );
      assert.equal(listed.status, 201);
      assert.equal(listed.body.cancelled, false);
      assert.deepEqual(
        listed.body.impacted.map((a) => a.id),
        covered.map((a) => a.id),
      );
      assert.ok(listed.body.impacted.every((a) => a.status === 'booked'));

      // With cancelImpacted: all cancelled in one transaction, one event and one audit row per appointment.
      const cancelled = await agent.post<{ impacted: Appointment[]; cancelled: boolean }>(`/api/practitioners/${w.practitionerId}/absences`, {
        start: at(w.timeZone, day, '08:00'),
        end: at(w.timeZone, day, '13:00'),
        reason: 'Enfant malade',
        cancelImpacted: true,
        cancelReason: 'Absence imprévue du praticien',
      });
      assert.equal(cancelled.status, 201);
      assert.equal(cancelled.body.cancelled, true);
      assert.deepEqual(
        cancelled.body.impacted.map((a) => [a.id, a.status, a.cancelReason]),
        covered.map((a) => [a.id, 'cancelled', 'Absence imprévue du praticien']),
      );
      for (const a of covered) {
        const ev = await t.db.query<{ type: string; cause: string }>(
          `select type, payload->>'cause' as cause from domain_events where payload->>'appointmentId' = $1 and type = 'appointment.cancelled'`,
          [a.id],
        );
        assert.deepEqual(ev.rows, [{ type: 'appointment.cancelled', cause: 'absence' }]);
        assert.equal(await auditCount(t.db, `action = 'appointment.cancel' and patient_id = $1`, [a.patientId]), 1);
      }
      const still = await t.db.query<{ status: string }>('select status from appointments where id = $1', [outside.id]);
      assert.equal(still.rows[0]!.status, 'booked');
      // The morning is now closed to booking.
      const refused = await agent.post<ErrorResponseBody>('/api/appointments', {
        practitionerId: w.practitionerId,
        patientId: w.patientIds[3],
        motifId: w.motifId,
        start: at(w.timeZone, day, '09:00'),
      });
      assert.equal(refused.status, 422);
      assert.equal(refused.body.error.details?.['reason'], 'absence');
    });

    it('lists the waitlist matching a freed slot, oldest entry first', async () => {
      const day = upcoming(w.timeZone, 5);
      const appointment = await book(at(w.timeZone, day, '11:00'), w.patientIds[0]!);
      const wait = async (patientId: string, from: string, to: string, motifId?: string) => {
        const r = await agent.post<WaitlistEntry>('/api/waitlist', { patientId, practitionerId: w.practitionerId, from, to, ...(motifId ? { motifId } : {}) });
        assert.equal(r.status, 201, r.text);
        return r.body;
      };
      const dayStart = at(w.timeZone, day, '00:00');
      const dayEnd = at(w.timeZone, day, '24:00');
      const first = await wait(w.patientIds[4]!, dayStart, dayEnd);
      const tooLate = await wait(w.patientIds[1]!, at(w.timeZone, day, '14:00'), dayEnd);
      const second = await wait(w.patientIds[5]!, dayStart, dayEnd, w.motifId);
      const tooLong = await wait(w.patientIds[2]!, dayStart, dayEnd, w.longMotifId);
      const third = await wait(w.patientIds[3]!, at(w.timeZone, day, '08:00'), at(w.timeZone, day, '12:00'));
      assert.ok(first.position < second.position && second.position < third.position);

      const cancelled = await agent.post<{ waitlistMatches: WaitlistEntry[] }>(`/api/appointments/${appointment.id}/cancel`, {
        reason: 'Désistement',
        by: 'patient',
      });
      assert.equal(cancelled.status, 200);
      assert.deepEqual(
        cancelled.body.waitlistMatches.map((e) => e.id),
        [first.id, second.id, third.id],
      );
      const matches = await agent.get<WaitlistEntry[]>(`/api/waitlist/matches?appointmentId=${appointment.id}`);
      assert.equal(matches.status, 200);
      assert.deepEqual(
        matches.body.map((e) => e.id),
        [first.id, second.id, third.id],
      );
      assert.ok(![tooLate.id, tooLong.id].some((id) => matches.body.some((e) => e.id === id)));

      // Withdrawn entries stop matching; a patient booked inside his period stops waiting.
      assert.equal((await agent.delete(`/api/waitlist/${first.id}`)).status, 204);
      await book(at(w.timeZone, day, '11:00'), w.patientIds[5]!);
      const list = await agent.get<WaitlistEntry[]>(`/api/waitlist?practitionerId=${w.practitionerId}`);
      assert.deepEqual(
        list.body.map((e) => e.id),
        [tooLate.id, tooLong.id, third.id],
      );
    });

    it('lists the waitlist for the slot a move frees', async () => {
      const day = upcoming(w.timeZone, 4);
      const patient = await createPatient(t.db, { organisationId: w.organisationId, practiceId: w.practiceId });
      const appointment = await book(at(w.timeZone, day, '16:00'), w.patientIds[1]!);
      const waiting = await agent.post<WaitlistEntry>('/api/waitlist', {
        patientId: patient,
        practitionerId: w.practitionerId,
        from: at(w.timeZone, day, '15:00'),
        to: at(w.timeZone, day, '17:00'),
      });
      const moved = await agent.post<{ waitlistMatches: WaitlistEntry[] }>(`/api/appointments/${appointment.id}/move`, { start: at(w.timeZone, day, '17:00') });
      assert.equal(moved.status, 200);
      assert.deepEqual(
        moved.body.waitlistMatches.map((e) => e.id),
        [waiting.body.id],
      );
      const matches = await agent.get<WaitlistEntry[]>(`/api/waitlist/matches?appointmentId=${appointment.id}`);
      assert.deepEqual(
        matches.body.map((e) => e.id),
        [waiting.body.id],
      );
    });
  });
}
