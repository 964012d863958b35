/**
 * The monthly activity report: calls on the practice's line (answered, abandoned, average wait), appointments
 * booked / moved / cancelled and by whom, outcomes, messages and waitlist refills, counted in the practice's
 * calendar month; a practitioner reads his own figures only; out of scope answers like not found.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../src/core/db/types.ts';
import type { ActivityReport } from '../src/reports/activity-schemas.ts';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startServer, type TestServer, type TestClient, type ErrorResponseBody } from './support/server.ts';
import { createOrganisation, createPatient, createPractice, createPractitioner, createUser } from './support/fixtures.ts';
import { createMotif } from './support/agenda-fixtures.ts';

/** Paris wall time in November 2026 (UTC+1). */
const nov = (day: number, hm: string) => new Date(`2026-11-${String(day).padStart(2, '0')}T${hm}:00+01:00`);

async function logCall(db: Queryable, o: { org: string; practice: string; status: string; agent: string | null; steps: [Date, string][] }) {
  const { rows } = await db.query<{ id: string }>(
    `insert into calls (organisation_id, practice_id, provider, provider_call_id, called_number, caller_number, status, agent_id)
     values ($1, $2, 'twilio', $3, '+33140000000', '+33612345678', $4, $5) returning id`,
    [o.org, o.practice, `CA${randomUUID().replace(/-/g, '')}`, o.status, o.agent],
  );
  for (const [when, event] of o.steps) {
    await db.query('insert into call_events (at, organisation_id, practice_id, call_id, agent_id, event) values ($1, $2, $3, $4, $5, $6)', [
      when,
      o.org,
      o.practice,
      rows[0]!.id,
      event === 'ENTER' || event === 'ABANDON' ? null : o.agent,
      event,
    ]);
  }
}

interface Appt {
  practitioner: string;
  motif: string;
  start: Date;
  created: Date;
  channel: string;
  status?: string;
  excused?: boolean;
  cancelled?: { at: Date; kind: string };
  movedAt?: Date;
}

for (const kind of testDatabaseKinds()) {
  describe(`monthly activity report (${kind})`, () => {
    let t: TestDb;
    let server: TestServer;
    let org: string;
    let practice: string;
    let other: string;
    let martin: string;
    let admin: TestClient;
    let drMartin: TestClient;
    let agent: TestClient;

    before(async () => {
      t = await openTestDb(kind);
      server = await startServer(t.db);
      org = await createOrganisation(t.db);
      practice = await createPractice(t.db, org);
      other = await createPractice(t.db, org);
      martin = await createPractitioner(t.db, org, [practice]);
      const colleague = await createPractitioner(t.db, org, [practice]);
      const patient = await createPatient(t.db, { organisationId: org, practiceId: practice });
      const m1 = await createMotif(t.db, { organisationId: org, practitionerId: martin, label: 'Consultation', durationMinutes: 20 });
      const m2 = await createMotif(t.db, { organisationId: org, practitionerId: colleague, label: 'Consultation', durationMinutes: 20 });
      const a = await createUser(t.db, { organisationId: org, role: 'admin' });
      const p = await createUser(t.db, { organisationId: org, role: 'practitioner', practitionerId: martin });
      const g = await createUser(t.db, { organisationId: org, role: 'agent', practiceIds: [practice] });

      const appts: Appt[] = [
        { practitioner: martin, motif: m1, start: nov(3, '09:00'), created: nov(1, '10:00'), channel: 'phone', status: 'honoured' },
        { practitioner: martin, motif: m1, start: nov(3, '10:00'), created: nov(2, '10:00'), channel: 'phone', status: 'no_show', excused: false },
        { practitioner: martin, motif: m1, start: nov(4, '10:00'), created: nov(2, '11:00'), channel: 'online', status: 'no_show', excused: true },
        {
          practitioner: martin,
          motif: m1,
          start: nov(5, '10:00'),
          created: nov(2, '12:00'),
          channel: 'online',
          cancelled: { at: nov(4, '18:00'), kind: 'patient' },
        },
        { practitioner: martin, motif: m1, start: nov(6, '10:00'), created: nov(2, '13:00'), channel: 'practitioner', movedAt: nov(5, '08:00') },
        // Booked in October, cancelled by the practitioner in November: counts as a cancellation only.
        {
          practitioner: martin,
          motif: m1,
          start: nov(9, '10:00'),
          created: new Date('2026-10-20T10:00:00+02:00'),
          channel: 'phone',
          cancelled: { at: nov(8, '09:00'), kind: 'practitioner' },
        },
        // Booked at 23:30 on 30 November, Paris time: still November.
        { practitioner: martin, motif: m1, start: nov(10, '10:00'), created: new Date('2026-11-30T23:30:00+01:00'), channel: 'phone' },
        // Booked at 00:30 on 1 December, Paris time (23:30 UTC on 30 November): December.
        { practitioner: martin, motif: m1, start: nov(11, '10:00'), created: new Date('2026-11-30T23:30:00Z'), channel: 'phone' },
        {
          practitioner: colleague,
          motif: m2,
          start: nov(3, '09:00'),
          created: nov(1, '10:00'),
          channel: 'phone',
          cancelled: { at: nov(2, '09:00'), kind: 'secretariat' },
        },
      ];
      for (const x of appts) {
        const end = new Date(x.start.getTime() + 20 * 60_000);
        const status = x.cancelled ? 'cancelled' : (x.status ?? 'booked');
        await t.db.query(
          `insert into appointments (organisation_id, practice_id, practitioner_id, patient_id, motif_id, during, status, no_show_excused, channel,
             created_at, cancelled_at, cancelled_by_kind, cancel_reason, history)
           values ($1, $2, $3, $4, $5, tstzrange($6, $7), $8, $9, $10, $11, $12, $13, $14, $15)`,
          [
            org,
            practice,
            x.practitioner,
            patient,
            x.motif,
            x.start,
            end,
            status,
            status === 'no_show' ? (x.excused ?? false) : null,
            x.channel,
            x.created,
            x.cancelled?.at ?? null,
            x.cancelled?.kind ?? null,
            x.cancelled ? 'raison' : null,
            JSON.stringify(
              x.movedAt
                ? [
                    {
                      from: x.start.toISOString(),
                      to: x.start.toISOString(),
                      previousPractitionerId: martin,
                      practitionerId: martin,
                      at: x.movedAt.toISOString(),
                      by: null,
                    },
                  ]
                : [],
            ),
          ],
        );
      }
      for (const [type, who] of [
        ['urgent', martin],
        ['task', martin],
        ['information', colleague],
      ] as const) {
        await t.db.query(
          `insert into messages (organisation_id, practice_id, practitioner_id, type, body, created_by, created_at) values ($1, $2, $3, $4, 'texte', $5, $6)`,
          [org, practice, who, type, g.id, nov(12, '11:00')],
        );
      }
      // Calls: one answered after 30 s, one answered after 10 s, one abandoned after 40 s, one short abandon (2 s).
      await logCall(t.db, {
        org,
        practice,
        status: 'completed',
        agent: g.id,
        steps: [
          [nov(3, '09:00'), 'ENTER'],
          [nov(3, '09:00'), 'OFFER'],
          [new Date(nov(3, '09:00').getTime() + 30_000), 'CONNECT'],
          [nov(3, '09:05'), 'COMPLETE'],
        ],
      });
      await logCall(t.db, {
        org,
        practice,
        status: 'completed',
        agent: g.id,
        steps: [
          [nov(4, '09:00'), 'ENTER'],
          [nov(4, '09:00'), 'OFFER'],
          [new Date(nov(4, '09:00').getTime() + 10_000), 'CONNECT'],
          [nov(4, '09:05'), 'COMPLETE'],
        ],
      });
      await logCall(t.db, {
        org,
        practice,
        status: 'abandoned',
        agent: null,
        steps: [
          [nov(5, '09:00'), 'ENTER'],
          [new Date(nov(5, '09:00').getTime() + 40_000), 'ABANDON'],
        ],
      });
      await logCall(t.db, {
        org,
        practice,
        status: 'abandoned',
        agent: null,
        steps: [
          [nov(6, '09:00'), 'ENTER'],
          [new Date(nov(6, '09:00').getTime() + 2_000), 'ABANDON'],
        ],
      });
      // A call of October: not in November's report.
      await logCall(t.db, {
        org,
        practice,
        status: 'abandoned',
        agent: null,
        steps: [
          [new Date('2026-10-31T22:00:00Z'), 'ENTER'],
          [new Date('2026-10-31T22:01:00Z'), 'ABANDON'],
        ],
      });

      admin = server.client();
      await admin.login(a.email, a.password);
      drMartin = server.client();
      await drMartin.login(p.email, p.password);
      agent = server.client();
      await agent.login(g.email, g.password);
    });
    after(async () => {
      await server.close();
      await t.close();
    });

    it('gives the practice’s month: calls, appointments by whom, outcomes, messages', async () => {
      const r = await admin.get<ActivityReport>(`/api/practices/${practice}/activity?month=2026-11`);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.from, '2026-10-31T23:00:00.000Z');
      assert.equal(r.body.to, '2026-11-30T23:00:00.000Z');
      assert.deepEqual(
        {
          offered: r.body.calls.offered,
          answered: r.body.calls.answered,
          abandoned: r.body.calls.abandoned,
          short: r.body.calls.shortAbandoned,
          wait: r.body.calls.averageWaitSeconds,
        },
        { offered: 4, answered: 2, abandoned: 1, short: 1, wait: 20 },
      );
      assert.deepEqual(r.body.appointments, {
        booked: { total: 7, secretariat: 4, patient: 2, practitioner: 1, desk: 0 },
        moved: 1,
        cancelled: { total: 3, patient: 1, practitioner: 1, secretariat: 1 },
        honoured: 1,
        noShows: 2,
        noShowsExcused: 1,
      });
      assert.deepEqual(r.body.messages, { total: 3, urgent: 1, task: 1, dated_task: 0, home_visit: 0, information: 1 });
    });

    it('gives a practitioner his own appointments and messages, whatever he asks', async () => {
      const r = await drMartin.get<ActivityReport>(`/api/practices/${practice}/activity?month=2026-11`);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.practitionerId, martin);
      assert.equal(r.body.appointments.booked.total, 6);
      assert.deepEqual(r.body.appointments.cancelled, { total: 2, patient: 1, practitioner: 1, secretariat: 0 });
      assert.equal(r.body.messages.total, 2);
      assert.equal(r.body.calls.answered, 2, 'the line is the practice’s');
      const colleagues = await drMartin.get<ErrorResponseBody>(`/api/practices/${practice}/activity?month=2026-11&practitionerId=${randomUUID()}`);
      assert.equal(colleagues.status, 404);
    });

    it('answers 404 out of scope, 403 to an agent, and 400 with the field for a bad month', async () => {
      assert.equal((await drMartin.get(`/api/practices/${other}/activity?month=2026-11`)).status, 404);
      assert.equal((await agent.get(`/api/practices/${practice}/activity?month=2026-11`)).status, 403);
      const bad = await admin.get<ErrorResponseBody>(`/api/practices/${practice}/activity?month=2026-13`);
      assert.equal(bad.status, 400);
      assert.ok(bad.body.error.issues?.some((i) => i.field === 'month'));
    });
  });
}
