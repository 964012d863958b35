/**
 * Waitlist offers: a cancelled appointment's slot is offered to the waiting patients; two accept at
 * the same moment; one gets the slot through the booking rules, the other a polite refusal (an answer
 * and a message) and stays on the waitlist. Never a double booking.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startNotifyStack, type NotifyStack } from './support/notify-stack.ts';
import type { TestClient, TestServer } from './support/server.ts';
import { createOrganisation, createPatient, createPractice, createPractitioner, createUser } from './support/fixtures.ts';
import { at, createMotif, inDays } from './support/agenda-fixtures.ts';
import type { TestSmtp } from './support/smtp.ts';
import type { FakeTwilio } from './support/fake-sms.ts';
import { eventually } from './support/eventually.ts';

const ZONE = 'Europe/Paris';

for (const kind of testDatabaseKinds()) {
  describe(`waitlist offers (${kind})`, () => {
    let stack: NotifyStack;
    let t: TestDb;
    let server: TestServer;
    let smtp: TestSmtp;
    let twilio: FakeTwilio;

    before(async () => {
      stack = await startNotifyStack(kind, { smtpFrom: 'Relais <rdv@relais.test>', smsFrom: 'CABINET' });
      ({ t, server, smtp, twilio } = stack);
    });

    after(async () => {
      await stack?.close();
    });

    it('two patients accept a freed slot at once: one gets it, the other a polite refusal; never a double booking', async () => {
      const organisationId = await createOrganisation(t.db);
      const practiceId = await createPractice(t.db, organisationId, { name: 'Cabinet des Acacias' });
      const practitionerId = await createPractitioner(t.db, organisationId, [practiceId], { lastName: 'Roux' });
      const motifId = await createMotif(t.db, { organisationId, practitionerId, label: 'Consultation pédiatrique', durationMinutes: 20 });
      const date = inDays(ZONE, 5);
      const { rows } = await t.db.query<{ id: string }>(
        `insert into opening_ranges (organisation_id, practitioner_id, practice_id, kind, on_date, start_time, end_time)
         values ($1, $2, $3, 'exceptional', $4, '08:00', '18:00') returning id`,
        [organisationId, practitionerId, practiceId, date],
      );
      await t.db.query('insert into opening_range_motifs (range_id, motif_id, practitioner_id) values ($1, $2, $3)', [rows[0]!.id, motifId, practitionerId]);
      const user = await createUser(t.db, { organisationId, role: 'agent', practiceIds: [practiceId] });
      const agent: TestClient = server.client();
      await agent.login(user.email, user.password);

      const holder = await createPatient(t.db, { organisationId, practiceId, firstGivenName: 'Louis', email: 'louis@exemple.fr' });
      const yael = await createPatient(t.db, { organisationId, practiceId, firstGivenName: 'Yaël', email: 'yael@exemple.fr', mobilePhone: '+33611000001' });
      const zoe = await createPatient(t.db, { organisationId, practiceId, firstGivenName: 'Zoé', email: 'zoe@exemple.fr', mobilePhone: '+33611000002' });
      const start = at(ZONE, date, '10:00');
      const booked = await agent.post<{ id: string }>('/api/appointments', { practitionerId, patientId: holder, motifId, start });
      assert.equal(booked.status, 201, booked.text);
      for (const patientId of [yael, zoe]) {
        const r = await agent.post('/api/waitlist', { patientId, practitionerId, from: at(ZONE, date, '00:00'), to: at(ZONE, inDays(ZONE, 6), '00:00') });
        assert.equal(r.status, 201, r.text);
      }

      const cancelled = await agent.post(`/api/appointments/${booked.body.id}/cancel`, { by: 'patient', reason: 'empêchement' });
      assert.equal(cancelled.status, 200, cancelled.text);

      // Both are offered the slot, by email and by SMS, with their own link.
      const offerY = await eventually('the offer to Yaël', async () => smtp.to('yael@exemple.fr').find((m) => m.subject.startsWith("Un créneau s'est libéré")));
      const offerZ = await eventually('the offer to Zoé', async () => smtp.to('zoe@exemple.fr').find((m) => m.subject.startsWith("Un créneau s'est libéré")));
      const smsY = await eventually('the SMS offer to Yaël', async () => twilio.to('+33611000001').find((s) => s.body.includes("s'est libéré")));
      assert.doesNotMatch(smsY.body, /pédiatr/i);
      const tokenY = /\/l\/([A-Za-z0-9_-]+)/.exec(offerY.text)![1]!;
      const tokenZ = /\/l\/([A-Za-z0-9_-]+)/.exec(offerZ.text)![1]!;
      assert.notEqual(tokenY, tokenZ);
      assert.ok(smsY.body.includes(tokenY));

      const anon = server.client();
      const view = await anon.get<{ kind: string; status: string; start: string }>(`/api/public/links/${tokenY}`);
      assert.deepEqual([view.body.kind, view.body.status, Date.parse(view.body.start)], ['offer', 'open', Date.parse(start)]);

      const [y, z] = await Promise.all([
        anon.post<{ outcome?: string; appointmentId?: string; error?: { code: string; message: string } }>(`/api/public/links/${tokenY}/accept`),
        server.client().post<{ outcome?: string; appointmentId?: string; error?: { code: string; message: string } }>(`/api/public/links/${tokenZ}/accept`),
      ]);
      const statuses = [y.status, z.status].sort();
      assert.deepEqual(statuses, [200, 409], `${y.text} / ${z.text}`);
      const [winner, loser] =
        y.status === 200
          ? [
              { r: y, email: 'yael@exemple.fr', id: yael },
              { r: z, email: 'zoe@exemple.fr', id: zoe },
            ]
          : [
              { r: z, email: 'zoe@exemple.fr', id: zoe },
              { r: y, email: 'yael@exemple.fr', id: yael },
            ];
      assert.equal(winner.r.body.outcome, 'booked');
      assert.equal(loser.r.body.error!.code, 'offer_unavailable');
      assert.match(loser.r.body.error!.message, /Désolé, ce créneau vient d'être attribué à un autre patient\. Vous restez sur la liste d'attente\./);

      // Exactly one active appointment on the slot: the winner's, booked through the agenda's rules.
      const active = await t.db.query<{ patient_id: string; channel: string }>(
        `select patient_id, channel from appointments where practitioner_id = $1 and status = 'booked' and during @> $2::timestamptz`,
        [practitionerId, start],
      );
      assert.deepEqual(
        active.rows.map((r) => r.patient_id),
        [winner.id],
      );
      // The winner is confirmed like any booking; the other is told politely, and still waits.
      await eventually('the winner’s confirmation', async () => smtp.to(winner.email).find((m) => m.subject.startsWith('Rendez-vous confirmé')));
      const refusal = await eventually('the polite refusal', async () => smtp.to(loser.email).find((m) => m.subject.includes('déjà attribué')));
      assert.match(refusal.text, /Merci de votre réponse rapide/);
      assert.match(refusal.text, /Vous restez sur la liste d'attente/);
      const waiting = await agent.get<{ patientId: string; status: string }[]>(`/api/waitlist?practitionerId=${practitionerId}`);
      assert.deepEqual(
        waiting.body.map((e) => e.patientId),
        [loser.id],
      );

      // Answering again changes nothing: the winner keeps his appointment, the loser is refused again.
      const again = await server.client().post<{ outcome: string; appointmentId: string }>(`/api/public/links/${winner.id === yael ? tokenY : tokenZ}/accept`);
      assert.deepEqual([again.status, again.body.appointmentId], [200, winner.r.body.appointmentId]);
      assert.equal((await server.client().post(`/api/public/links/${loser.id === yael ? tokenY : tokenZ}/accept`)).status, 409);
    });
  });
}
