/**
 * Patient notifications end to end: a booking through the API, the outbox consumer, pg-boss jobs, a
 * real SMTP server and a local server speaking Twilio's API. Also: a rolled-back booking sends
 * nothing; reminders are planned by the lead time; signed links (tampered, expired, after the
 * deadline); retries with backoff; delivery statuses in the API and Twilio's delivery reports.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startNotifyStack, type NotifyStack } from './support/notify-stack.ts';
import type { TestClient, TestServer } from './support/server.ts';
import { createOrganisation, createPatient, createPractice, createPractitioner, createUser } from './support/fixtures.ts';
import { at, createMotif, inDays } from './support/agenda-fixtures.ts';
import type { TestSmtp } from './support/smtp.ts';
import type { FakeTwilio } from './support/fake-sms.ts';
import type { Config } from '../src/core/config.ts';
import type { Db } from '../src/core/db/types.ts';
import type { Workers } from '../src/core/delivery/workers.ts';
import { linkSecret } from '../src/core/delivery/link-secret.ts';
import { signLink } from '../src/core/delivery/links.ts';
import { instantToLocal } from '../src/core/time/local-time.ts';
import { eventually, jobsSettled } from './support/eventually.ts';
import { DELIVERY_QUEUE } from '../src/core/delivery/queues.ts';
import { NOTIFY_QUEUE } from '../src/notify/queues.ts';

const ZONE = 'Europe/Paris';

interface World {
  organisationId: string;
  practiceId: string;
  practitionerId: string;
  motifId: string;
  agent: { email: string; password: string };
}

async function createWorld(db: Db): Promise<World> {
  const organisationId = await createOrganisation(db);
  const practiceId = await createPractice(db, organisationId, { name: 'Cabinet du Parc' });
  await db.query(`update practices set phone = '+33145678900' where id = $1`, [practiceId]);
  await db.query(
    `insert into practice_sites (practice_id, label, address_line, postal_code, city, floor, digicode, transport)
     values ($1, 'Principal', '12 rue des Lilas', '75011', 'Paris', '2e étage', '4512B', 'Métro Parmentier')`,
    [practiceId],
  );
  const practitionerId = await createPractitioner(db, organisationId, [practiceId], { lastName: 'Martin' });
  const motifId = await createMotif(db, { organisationId, practitionerId, label: 'Échographie cardiaque', durationMinutes: 20 });
  const agent = await createUser(db, { organisationId, role: 'agent', practiceIds: [practiceId] });
  return { organisationId, practiceId, practitionerId, motifId, agent };
}

/** Opens the practitioner all day on a date (an exceptional range opens even on a public holiday). */
async function openOn(db: Db, w: World, date: string): Promise<void> {
  const { rows } = await db.query<{ id: string }>(
    `insert into opening_ranges (organisation_id, practitioner_id, practice_id, kind, on_date, start_time, end_time)
     values ($1, $2, $3, 'exceptional', $4, '00:00', '24:00') returning id`,
    [w.organisationId, w.practitionerId, w.practiceId, date],
  );
  await db.query('insert into opening_range_motifs (range_id, motif_id, practitioner_id) values ($1, $2, $3)', [rows[0]!.id, w.motifId, w.practitionerId]);
}

let phoneSeq = 0;
async function patient(db: Db, w: World, o: { firstName?: string; email?: boolean; sms?: boolean } = {}) {
  phoneSeq++;
  const mobilePhone = `+336${String(10_000_000 + phoneSeq * 7919 + Math.floor(Math.random() * 1000)).slice(-8)}`;
  const email = `patient${phoneSeq}-${randomUUID().slice(0, 6)}@exemple.fr`;
  const id = await createPatient(db, {
    organisationId: w.organisationId,
    practiceId: w.practiceId,
    firstGivenName: o.firstName ?? 'Camille',
    mobilePhone: o.sms === false ? null : mobilePhone,
    email: o.email === false ? null : email,
  });
  return { id, mobilePhone, email };
}

for (const kind of testDatabaseKinds()) {
  describe(`patient notifications (${kind})`, () => {
    let stack: NotifyStack;
    let t: TestDb;
    let server: TestServer;
    let smtp: TestSmtp;
    let twilio: FakeTwilio;
    let workers: Workers;
    let config: Config;
    let w: World;
    let agent: TestClient;

    before(async () => {
      stack = await startNotifyStack(kind, { smtpFrom: 'Relais <rdv@relais.test>', smsFrom: 'CABINET' });
      ({ t, server, smtp, twilio, workers, config } = stack);
      w = await createWorld(t.db);
      agent = server.client();
      await agent.login(w.agent.email, w.agent.password);
    });

    after(async () => {
      await stack?.close();
    });

    async function book(patientId: string, start: string) {
      const r = await agent.post<{ id: string }>('/api/appointments', { practitionerId: w.practitionerId, patientId, motifId: w.motifId, start });
      assert.equal(r.status, 201, r.text);
      return r.body.id;
    }

    it('a booking sends its confirmation through the real SMTP server and by SMS, with no motif in the SMS', async () => {
      const p = await patient(t.db, w);
      const date = inDays(ZONE, 10);
      await openOn(t.db, w, date);
      const appointmentId = await book(p.id, at(ZONE, date, '09:40'));

      const mail = await eventually('the confirmation email', async () => smtp.to(p.email)[0]);
      assert.match(mail.subject, /^Rendez-vous confirmé le .+ à 09h40$/);
      assert.match(mail.text, /Bonjour Camille/);
      assert.match(mail.text, /Dr Claire Martin/);
      assert.match(mail.text, /Cabinet du Parc, 12 rue des Lilas, 75011 Paris/);
      assert.match(mail.text, /code d'accès : 4512B/);
      assert.match(mail.text, /https:\/\/relais\.test\/l\/[A-Za-z0-9_-]+/);
      assert.doesNotMatch(mail.text, /chographie/);

      const sms = await eventually('the confirmation SMS', async () => twilio.to(p.mobilePhone)[0]);
      assert.equal(sms.from, 'CABINET');
      assert.match(
        sms.body,
        /votre RDV avec Dr Claire Martin est confirmé le .+ à 09h40\. Cabinet du Parc, 12 rue des Lilas, 75011 Paris \(2e étage, code 4512B\)/,
      );
      assert.doesNotMatch(sms.body, /chographie|cardia/i);
      assert.equal(sms.statusCallback, 'https://relais.test/api/public/sms/twilio/status');

      // Both deliveries are visible, sent, to the agent in scope.
      const list = await eventually('both deliveries sent', async () => {
        const r = await agent.get<{ items: { channel: string; status: string; template: string; transport: string }[] }>(
          `/api/deliveries?appointmentId=${appointmentId}`,
        );
        return r.body.items.filter((d) => d.template === 'appointment_confirmation' && d.status === 'sent').length === 2 ? r.body.items : undefined;
      });
      assert.deepEqual(
        list
          .filter((d) => d.template === 'appointment_confirmation')
          .map((d) => `${d.channel}:${d.transport}`)
          .sort(),
        ['email:smtp', 'sms:twilio'],
      );
    });

    it('a booking that rolls back sends nothing; a refused booking sends nothing either', async () => {
      const p = await patient(t.db, w);
      const date = inDays(ZONE, 5);
      await openOn(t.db, w, date);
      const start = at(ZONE, date, '11:00');
      // The booking's own statement writes appointment and event together: rolled back, neither exists.
      await assert.rejects(
        t.db.transaction(async (tx) => {
          const { rows } = await tx.query<{ id: string }>(
            `insert into appointments (organisation_id, practice_id, practitioner_id, patient_id, motif_id, during, channel)
             values ($1, $2, $3, $4, $5, tstzrange($6::timestamptz, $6::timestamptz + interval '20 minutes', '[)'), 'phone') returning id`,
            [w.organisationId, w.practiceId, w.practitionerId, p.id, w.motifId, start],
          );
          await tx.query(`insert into domain_events (organisation_id, practice_id, type, payload) values ($1, $2, 'appointment.booked', $3)`, [
            w.organisationId,
            w.practiceId,
            JSON.stringify({ appointmentId: rows[0]!.id, patientId: p.id }),
          ]);
          throw new Error('the business transaction fails after the booking');
        }),
        /fails after the booking/,
      );
      // A second patient on a slot already taken: 409, nothing booked.
      const first = await patient(t.db, w);
      await book(first.id, at(ZONE, date, '14:00'));
      const refused = await agent.post('/api/appointments', {
        practitionerId: w.practitionerId,
        patientId: p.id,
        motifId: w.motifId,
        start: at(ZONE, date, '14:10'),
      });
      assert.equal(refused.status, 409);
      await eventually('the first patient’s confirmation', async () => smtp.to(first.email)[0]);
      await workers.drainOutbox();
      const { rows } = await t.db.query<{ n: number }>('select count(*)::int as n from deliveries where patient_id = $1', [p.id]);
      assert.equal(rows[0]!.n, 0);
      assert.equal(smtp.to(p.email).length, 0);
      assert.equal(twilio.to(p.mobilePhone).length, 0);
    });

    it('plans reminders by lead time: 10 days → two days before, 3 days → the day before, 1 day or a few hours → at once', async () => {
      const cases: { days: number; time: string; rule: string; dueDaysBefore: number | null }[] = [
        { days: 10, time: '09:00', rule: 'long', dueDaysBefore: 2 },
        { days: 3, time: '16:00', rule: 'short', dueDaysBefore: 1 },
        { days: 1, time: '23:30', rule: 'immediate', dueDaysBefore: null },
      ];
      for (const c of cases) {
        const p = await patient(t.db, w, { email: false });
        const date = inDays(ZONE, c.days);
        await openOn(t.db, w, date);
        const id = await book(p.id, at(ZONE, date, c.time));
        const reminders = await eventually(`the reminder of the ${c.days}-day booking`, async () => {
          const r = await agent.get<{ items: { rule: string; dueAt: string; status: string }[] }>(`/api/notify/appointments/${id}/reminders`);
          return r.body.items.length ? r.body.items : undefined;
        });
        assert.equal(reminders.length, 1);
        assert.equal(reminders[0]!.rule, c.rule, `${c.days} days ahead`);
        if (c.dueDaysBefore !== null) assert.equal(reminders[0]!.dueAt, at(ZONE, inDays(ZONE, c.days - c.dueDaysBefore), '10:00'));
        else {
          // At once: sent with the confirmation.
          const texts = await eventually('two SMS', async () =>
            twilio.to(p.mobilePhone).length >= 2 ? twilio.to(p.mobilePhone).map((s) => s.body) : undefined,
          );
          assert.ok(
            texts.some((b) => b.startsWith('Rappel : RDV le ')),
            texts.join('\n'),
          );
        }
      }
      // A few hours ahead.
      const p = await patient(t.db, w, { email: false });
      const soon = Math.ceil((Date.now() + 3 * 3_600_000) / 600_000) * 600_000;
      await openOn(t.db, w, instantToLocal(ZONE, soon).date);
      const id = await book(p.id, new Date(soon).toISOString());
      const r = await eventually('the immediate reminder sent', async () => {
        const res = await agent.get<{ items: { rule: string; status: string }[] }>(`/api/notify/appointments/${id}/reminders`);
        return res.body.items[0]?.status === 'sent' ? res.body.items : undefined;
      });
      assert.equal(r[0]!.rule, 'immediate');
    });

    it('a patient who opted out of reminders gets the confirmation only', async () => {
      const p = await patient(t.db, w, { email: false });
      const put = await agent.put(`/api/notify/patients/${p.id}/preferences`, { remindersOptOut: true, smsOptOut: false, emailOptOut: false, locale: null });
      assert.equal(put.status, 200, put.text);
      const soon = Math.ceil((Date.now() + 2 * 3_600_000) / 600_000) * 600_000;
      await openOn(t.db, w, instantToLocal(ZONE, soon).date);
      await book(p.id, new Date(soon).toISOString());
      await eventually('the confirmation', async () => twilio.to(p.mobilePhone)[0]);
      await workers.drainOutbox();
      // Until no job is due: a reminder, had one been planned at once, would have been sent by then.
      await eventually('every due job done', () => jobsSettled(t.db, [DELIVERY_QUEUE, NOTIFY_QUEUE.reminder]));
      assert.deepEqual(
        twilio.to(p.mobilePhone).map((s) => s.body.includes('est confirmé')),
        [true],
      );
    });

    it('the patient link: confirm, tampered or expired refused, cancelling after the deadline refused, before it accepted', async () => {
      const p = await patient(t.db, w, { sms: false });
      const date = inDays(ZONE, 4);
      await openOn(t.db, w, date);
      const id = await book(p.id, at(ZONE, date, '10:00'));
      const mail = await eventually('the confirmation email', async () => smtp.to(p.email)[0]);
      const token = /\/l\/([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
      const anon = server.client();

      const view = await anon.get<{ kind: string; status: string; canChange: boolean; practitionerName: string }>(`/api/public/links/${token}`);
      assert.equal(view.status, 200, view.text);
      assert.deepEqual(
        [view.body.kind, view.body.status, view.body.canChange, view.body.practitionerName],
        ['appointment', 'booked', true, 'Dr Claire Martin'],
      );
      const confirmed = await anon.post<{ confirmedAt: string | null }>(`/api/public/links/${token}/confirm`);
      assert.equal(confirmed.status, 200);
      assert.ok(confirmed.body.confirmedAt);

      // One character changed: refused.
      const i = 10;
      const tampered = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
      const bad = await anon.post<{ error: { code: string } }>(`/api/public/links/${tampered}/cancel`);
      assert.deepEqual([bad.status, bad.body.error.code], [403, 'link_invalid']);
      // Genuine but expired: refused.
      const secret = await linkSecret(t.db, config.linkSecret);
      const expired = signLink(secret, { action: 'appointment', subject: id, expiresAt: Date.now() - 1000 });
      const old = await anon.post<{ error: { code: string } }>(`/api/public/links/${expired}/cancel`);
      assert.deepEqual([old.status, old.body.error.code], [410, 'link_expired']);
      // A link for something else cannot act on an appointment.
      const other = signLink(secret, { action: 'ack', subject: id, expiresAt: Date.now() + 60_000 });
      assert.equal((await anon.post(`/api/public/links/${other}/cancel`)).status, 403);

      // The practice allows no online change less than 5 days before: refused, still booked.
      await agent
        .put(`/api/notify/settings/${w.practiceId}`, {
          remindersEnabled: true,
          longLeadDays: 7,
          longRemindDays: 2,
          shortRemindDays: 1,
          remindTime: '10:00',
          changeDeadlineMinutes: 5 * 1440,
          offerTtlMinutes: 720,
          locale: 'fr',
        })
        .then((r) => assert.equal(r.status, 403, 'an agent may not change the settings'));
      await t.db.query(`insert into notify_practice_settings (practice_id, organisation_id, change_deadline_minutes) values ($1, $2, $3)`, [
        w.practiceId,
        w.organisationId,
        5 * 1440,
      ]);
      const late = await anon.post<{ error: { code: string } }>(`/api/public/links/${token}/cancel`);
      assert.deepEqual([late.status, late.body.error.code], [422, 'change_deadline_passed']);
      assert.equal((await agent.get<{ status: string }>(`/api/appointments/${id}`)).body.status, 'booked');

      // Within the deadline: cancelled, and the patient is told.
      await t.db.query(`update notify_practice_settings set change_deadline_minutes = 60 where practice_id = $1`, [w.practiceId]);
      const done = await anon.post<{ status: string }>(`/api/public/links/${token}/cancel`);
      assert.equal(done.status, 200, done.text);
      assert.equal(done.body.status, 'cancelled');
      const cancelMail = await eventually('the cancellation email', async () => smtp.to(p.email).find((m) => m.subject.includes('annulé')));
      assert.match(cancelMail.text, /est annulé/);
      // Cancelled by the patient, through the agenda: its audit trail names the link's system user.
      const { rows } = await t.db.query<{ cancelled_by_kind: string }>('select cancelled_by_kind from appointments where id = $1', [id]);
      assert.equal(rows[0]!.cancelled_by_kind, 'patient');
    });

    it('an absence that cancels appointments tells the patients why', async () => {
      const p = await patient(t.db, w, { sms: false });
      const date = inDays(ZONE, 6);
      await openOn(t.db, w, date);
      await book(p.id, at(ZONE, date, '15:00'));
      const absence = await agent.post(`/api/practitioners/${w.practitionerId}/absences`, {
        start: at(ZONE, date, '00:00'),
        end: at(ZONE, inDays(ZONE, 7), '00:00'),
        reason: 'Congés',
        cancelImpacted: true,
      });
      assert.equal(absence.status, 201, absence.text);
      const mail = await eventually('the cancellation email', async () => smtp.to(p.email).find((m) => m.subject.includes('annulé')));
      assert.match(mail.text, /annulé en raison d’une absence du praticien/);
      assert.match(mail.text, /\+33145678900/);
    });

    it('a failed send is retried with backoff until it goes through; the status shows each step', async () => {
      const p = await patient(t.db, w, { email: false });
      twilio.failNext(2, p.mobilePhone);
      const date = inDays(ZONE, 9);
      await openOn(t.db, w, date);
      const id = await book(p.id, at(ZONE, date, '17:20'));
      const sent = await eventually(
        'the SMS after two failures',
        async () => {
          const r = await agent.get<{
            items: { template: string; status: string; attempts: number; lastError: string | null; sentAt: string | null; createdAt: string }[];
          }>(`/api/deliveries?appointmentId=${id}`);
          const c = r.body.items.find((d) => d.template === 'appointment_confirmation');
          return c?.status === 'sent' ? c : undefined;
        },
        30_000,
      );
      assert.equal(sent.attempts, 3);
      assert.equal(sent.lastError, null);
      // Backoff: at least 1 s then 2 s between the attempts.
      assert.ok(Date.parse(sent.sentAt!) - Date.parse(sent.createdAt) >= 2500);
    });

    it('an invalid number fails at once, for good; Twilio’s delivery report marks an SMS delivered', async () => {
      const p = await patient(t.db, w, { email: false });
      await t.db.query(`update patients set mobile_phone = '+330' where id = $1`, [p.id]);
      const date = inDays(ZONE, 8);
      await openOn(t.db, w, date);
      const id = await book(p.id, at(ZONE, date, '08:20'));
      const failed = await eventually('the failed delivery', async () => {
        const r = await agent.get<{ items: { status: string; attempts: number; lastError: string }[] }>(`/api/deliveries?appointmentId=${id}&status=failed`);
        return r.body.items[0];
      });
      assert.equal(failed.attempts, 1);
      assert.match(failed.lastError, /21211/);

      const q = await patient(t.db, w, { email: false });
      const id2 = await book(q.id, at(ZONE, date, '08:40'));
      const sms = await eventually('the SMS', async () => twilio.to(q.mobilePhone)[0]);
      await eventually(
        'sent',
        async () => (await agent.get<{ items: { status: string }[] }>(`/api/deliveries?appointmentId=${id2}&status=sent`)).body.items[0],
      );
      // A report signed for another URL is refused; Twilio's own is taken.
      assert.equal(await twilio.report(sms.sid, 'delivered', server.baseUrl + '/api/public/sms/twilio/status', 'https://elsewhere.test/x'), 403);
      assert.equal(await twilio.report(sms.sid, 'delivered', server.baseUrl + '/api/public/sms/twilio/status', sms.statusCallback!), 204);
      const r = await agent.get<{ items: { status: string; deliveredAt: string | null }[] }>(`/api/deliveries?appointmentId=${id2}`);
      assert.equal(r.body.items[0]!.status, 'delivered');
      assert.ok(r.body.items[0]!.deliveredAt);
    });

    it('deliveries are scoped: another practice’s agent sees none, and one delivery is 404 to him', async () => {
      const otherPractice = await createPractice(t.db, w.organisationId);
      const outsider = await createUser(t.db, { organisationId: w.organisationId, role: 'agent', practiceIds: [otherPractice] });
      const c = server.client();
      await c.login(outsider.email, outsider.password);
      const mine = await agent.get<{ items: { id: string }[] }>(`/api/deliveries?practiceId=${w.practiceId}`);
      assert.ok(mine.body.items.length > 0);
      const theirs = await c.get<{ items: unknown[] }>(`/api/deliveries?practiceId=${w.practiceId}`);
      assert.deepEqual(theirs.body.items, []);
      const one = await c.get(`/api/deliveries/${mine.body.items[0]!.id}`);
      const none = await c.get(`/api/deliveries/${randomUUID()}`);
      assert.equal(one.status, 404);
      assert.equal(one.text.replace(/"requestId":"[^"]+"/, ''), none.text.replace(/"requestId":"[^"]+"/, ''));
    });
  });
}
