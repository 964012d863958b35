import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startServer, type TestServer, type TestClient, type ErrorResponseBody } from './support/server.ts';
import { auditCount, createUser } from './support/fixtures.ts';
import { agentClient, at, createAgendaWorld, upcoming, type AgendaWorld } from './support/agenda-fixtures.ts';

interface Feed {
  id: string;
  url: string;
  patientLabel: string;
}
interface ParsedEvent {
  uid: string;
  sequence: number;
  start: string;
  summary: string;
  status: string;
}

/** Parses a feed with a real iCalendar parser (ical.js), as a calendar client would. */
function parse(text: string): ParsedEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  assert.equal(calendar.name, 'vcalendar');
  return calendar.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      sequence: e.sequence,
      start: e.startDate.toJSDate().toISOString(),
      summary: e.summary,
      status: String(v.getFirstPropertyValue('status')),
    };
  });
}

for (const kind of testDatabaseKinds()) {
  describe(`ICS feed (${kind})`, () => {
    let t: TestDb;
    let server: TestServer;
    let w: AgendaWorld;
    let agent: TestClient;
    let doctor: TestClient;
    let userId: string;

    before(async () => {
      t = await openTestDb(kind);
      server = await startServer(t.db);
      w = await createAgendaWorld(t.db, { patients: 2 });
      await t.db.query(`update patients set birth_name = 'Lefèvre', first_given_name = 'Anaïs' where id = $1`, [w.patientIds[0]]);
      agent = await agentClient(server, w);
      const user = await createUser(t.db, { organisationId: w.organisationId, role: 'practitioner', practitionerId: w.practitionerId });
      userId = user.id;
      doctor = server.client();
      await doctor.login(user.email, user.password);
    });
    after(async () => {
      await server?.close();
      await t?.close();
    });

    const fetchFeed = async (url: string) => {
      const res = await fetch(url);
      return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
    };

    it('shows a move as an update of the same UID with a higher SEQUENCE, then the cancellation', async () => {
      const created = await doctor.post<Feed>('/api/me/ics-feed', { patientLabel: 'initials' });
      assert.equal(created.status, 201);
      assert.match(created.body.url, /\/ics\/[A-Za-z0-9_-]{40,}\.ics$/);

      const date = upcoming(w.timeZone, 2);
      const booked = await agent.post<{ id: string }>('/api/appointments', {
        practitionerId: w.practitionerId,
        patientId: w.patientIds[0],
        motifId: w.motifId,
        start: at(w.timeZone, date, '09:00'),
      });
      assert.equal(booked.status, 201);

      const first = await fetchFeed(created.body.url);
      assert.equal(first.status, 200);
      assert.match(first.type, /^text\/calendar/);
      const [event] = parse(first.text).filter((e) => e.uid.startsWith(booked.body.id));
      assert.ok(event, 'the booked appointment is in the feed');
      assert.equal(event.sequence, 0);
      assert.equal(event.start, at(w.timeZone, date, '09:00'));
      assert.equal(event.summary, 'Consultation — A. L.');
      assert.equal(event.status, 'CONFIRMED');

      const moved = await agent.post(`/api/appointments/${booked.body.id}/move`, { start: at(w.timeZone, date, '11:00') });
      assert.equal(moved.status, 200);
      const afterMove = parse((await fetchFeed(created.body.url)).text).filter((e) => e.uid === event.uid);
      assert.equal(afterMove.length, 1, 'one event for the appointment, not a second one');
      assert.equal(afterMove[0]!.sequence, 1);
      assert.equal(afterMove[0]!.start, at(w.timeZone, date, '11:00'));

      const cancelled = await agent.post(`/api/appointments/${booked.body.id}/cancel`, { reason: 'Empêchement', by: 'patient' });
      assert.equal(cancelled.status, 200);
      const afterCancel = parse((await fetchFeed(created.body.url)).text).filter((e) => e.uid === event.uid);
      assert.equal(afterCancel.length, 1);
      assert.equal(afterCancel[0]!.status, 'CANCELLED');
      assert.equal(afterCancel[0]!.sequence, 2);
    });

    it('labels patients as the practitioner chose: full name, initials or nothing', async () => {
      const created = await doctor.post<Feed>('/api/me/ics-feed', { patientLabel: 'full_name' });
      const date = upcoming(w.timeZone, 3);
      const booked = await agent.post<{ id: string }>('/api/appointments', {
        practitionerId: w.practitionerId,
        patientId: w.patientIds[0],
        motifId: w.motifId,
        start: at(w.timeZone, date, '10:00'),
      });
      assert.equal(booked.status, 201);
      const summary = async () => parse((await fetchFeed(created.body.url)).text).find((e) => e.uid.startsWith(booked.body.id))!.summary;
      assert.equal(await summary(), 'Consultation — LEFÈVRE Anaïs');
      assert.equal((await doctor.patch('/api/me/ics-feed', { patientLabel: 'none' })).status, 200);
      assert.equal(await summary(), 'Consultation');
    });

    it('reads as the practitioner, with an audit row per read, and a revoked or replaced URL answers 404', async () => {
      const old = await doctor.post<Feed>('/api/me/ics-feed', { patientLabel: 'initials' });
      const before = await auditCount(t.db, `actor_user_id = $1 and action = 'appointment.list'`, [userId]);
      assert.equal((await fetchFeed(old.body.url)).status, 200);
      assert.equal(await auditCount(t.db, `actor_user_id = $1 and action = 'appointment.list'`, [userId]), before + 1);

      const replaced = await doctor.post<Feed>('/api/me/ics-feed', { patientLabel: 'initials' });
      assert.equal((await fetchFeed(old.body.url)).status, 404);
      assert.equal((await fetchFeed(replaced.body.url)).status, 200);
      assert.equal((await doctor.delete('/api/me/ics-feed')).status, 204);
      assert.equal((await fetchFeed(replaced.body.url)).status, 404);
      assert.deepEqual((await doctor.get<{ feed: unknown }>('/api/me/ics-feed')).body, { feed: null });
      assert.equal((await fetchFeed(`${server.baseUrl}/ics/not-a-token.ics`)).status, 404);
    });

    it('is the practitioner’s own: an agent may not create one, an anonymous caller gets 401', async () => {
      const refused = await agent.post<ErrorResponseBody>('/api/me/ics-feed', { patientLabel: 'initials' });
      assert.equal(refused.status, 403);
      assert.equal((await server.client().post('/api/me/ics-feed', { patientLabel: 'initials' })).status, 401);
      const bad = await doctor.post<ErrorResponseBody>('/api/me/ics-feed', { patientLabel: 'everything' });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.field, 'patientLabel');
    });
  });
}
