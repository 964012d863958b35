/**
 * Exactly once, whatever happens to the workers: a worker dies in the middle of a batch of SMS (its
 * transport hangs forever, then it is stopped without grace, as a killed process would be), two fresh
 * workers take over, and every reminder job is replayed once more for good measure. Each patient gets
 * exactly one confirmation and exactly one reminder.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startServer, type TestServer } from './support/server.ts';
import { createOrganisation, createPatient, createPractice, createPractitioner, createUser } from './support/fixtures.ts';
import { createMotif } from './support/agenda-fixtures.ts';
import { startFakeTwilio, type FakeTwilio } from './support/fake-sms.ts';
import { loadConfig, type Config } from '../src/core/config.ts';
import type { Workers } from '../src/core/delivery/workers.ts';
import { startAppWorkers as startWorkers } from '../src/background.ts';
import { transportsFromConfig } from '../src/core/delivery/transports/index.ts';
import type { SmsMessage, Transport, Transports } from '../src/core/delivery/transports/types.ts';
import { NOTIFY_QUEUE } from '../src/notify/queues.ts';
import { instantToLocal } from '../src/core/time/local-time.ts';
import { eventually, jobsSettled } from './support/eventually.ts';
import { DELIVERY_QUEUE } from '../src/core/delivery/queues.ts';

const ZONE = 'Europe/Paris';
const PATIENTS = 8;
const silent = { info() {}, warn() {}, error() {} };
const FAST = { pollingIntervalSeconds: 0.5, outboxPollMs: 100, superviseIntervalSeconds: 1, retryDelaySeconds: 1, deliveryExpireSeconds: 3, jobBatch: 5 };

/** SMS through Twilio until `sends` went out, then the next send hangs forever: the worker is dead. */
function dyingSms(inner: Transport<SmsMessage>, sends: number): { transport: Transport<SmsMessage>; died: Promise<void> } {
  let left = sends;
  let die!: () => void;
  const died = new Promise<void>((r) => (die = r));
  return {
    died,
    transport: {
      name: inner.name,
      async send(m) {
        if (left-- > 0) return inner.send(m);
        die();
        return new Promise(() => {});
      },
    },
  };
}

for (const kind of testDatabaseKinds()) {
  describe(`workers die and restart: each reminder exactly once (${kind})`, () => {
    let t: TestDb;
    let server: TestServer;
    let twilio: FakeTwilio;
    let config: Config;
    const workers: Workers[] = [];

    before(async () => {
      t = await openTestDb(kind);
      twilio = await startFakeTwilio();
      config = {
        ...loadConfig({}),
        publicUrl: 'https://relais.test',
        twilio: { accountSid: twilio.accountSid, authToken: twilio.authToken, apiUrl: twilio.apiUrl },
        sms: { from: 'CABINET', messagingServiceSid: undefined },
      };
      server = await startServer(t.db, config);
    });

    after(async () => {
      for (const w of workers) await w.stop(false).catch(() => undefined);
      await server?.close();
      await twilio?.close();
      await t?.close();
    });

    it('kill a worker in the middle of a batch, start two: every patient gets one confirmation and one reminder', async () => {
      const organisationId = await createOrganisation(t.db);
      const practiceId = await createPractice(t.db, organisationId, { name: 'Cabinet des Tilleuls' });
      const practitionerId = await createPractitioner(t.db, organisationId, [practiceId]);
      const motifId = await createMotif(t.db, { organisationId, practitionerId, durationMinutes: 15 });
      const agent = await createUser(t.db, { organisationId, role: 'agent', practiceIds: [practiceId] });
      // Booked a few hours ahead: the reminder goes at once, with the confirmation.
      const first = Math.ceil((Date.now() + 3 * 3_600_000) / 900_000) * 900_000;
      for (const date of new Set([0, PATIENTS].map((i) => instantToLocal(ZONE, first + i * 900_000).date))) {
        const { rows } = await t.db.query<{ id: string }>(
          `insert into opening_ranges (organisation_id, practitioner_id, practice_id, kind, on_date, start_time, end_time)
           values ($1, $2, $3, 'exceptional', $4, '00:00', '24:00') returning id`,
          [organisationId, practitionerId, practiceId, date],
        );
        await t.db.query('insert into opening_range_motifs (range_id, motif_id, practitioner_id) values ($1, $2, $3)', [rows[0]!.id, motifId, practitionerId]);
      }

      // Worker A sends three SMS, then dies on the fourth.
      const real = transportsFromConfig(config, () => {});
      const dying = dyingSms(real.sms, 3);
      const transportsA: Transports = { email: real.email, sms: dying.transport };
      const a = await startWorkers(t.db, { transports: transportsA, config, log: silent, tuning: FAST });
      workers.push(a);

      const client = server.client();
      await client.login(agent.email, agent.password);
      const phones: string[] = [];
      const appointments: string[] = [];
      for (let i = 0; i < PATIENTS; i++) {
        const phone = `+3361100${String(1000 + i)}`;
        phones.push(phone);
        const patientId = await createPatient(t.db, { organisationId, practiceId, mobilePhone: phone, email: null });
        const r = await client.post<{ id: string }>('/api/appointments', {
          practitionerId,
          patientId,
          motifId,
          start: new Date(first + i * 900_000).toISOString(),
        });
        assert.equal(r.status, 201, r.text);
        appointments.push(r.body.id);
      }

      await dying.died;
      await a.stop(false); // killed: no grace, its running batch abandoned
      assert.equal(twilio.sent.length, 3);

      // Two fresh workers take over; every reminder job is replayed once more, as after a crash-restart.
      const b = await startWorkers(t.db, { transports: transportsFromConfig(config, () => {}), config, log: silent, tuning: FAST });
      const c = await startWorkers(t.db, { transports: transportsFromConfig(config, () => {}), config, log: silent, tuning: FAST });
      workers.push(b, c);
      for (const id of appointments) {
        await t.db.transaction(async (tx) => {
          for (const rule of ['immediate']) await b.jobs.send(tx, NOTIFY_QUEUE.reminder, { appointmentId: id, rule });
        });
      }

      await eventually('every SMS', async () => twilio.sent.length >= PATIENTS * 2, 90_000);
      await eventually(
        'every delivery sent',
        async () => {
          const { rows } = await t.db.query<{ n: number }>(`select count(*)::int as n from deliveries where status <> 'sent' and practice_id = $1`, [
            practiceId,
          ]);
          return rows[0]!.n === 0;
        },
        60_000,
      );
      // Until no job can run any more (the abandoned one expired and was replayed): a duplicate would be sent by then.
      await eventually('every job settled', () => jobsSettled(t.db, [DELIVERY_QUEUE, NOTIFY_QUEUE.reminder]), 60_000);

      for (const phone of phones) {
        const bodies = twilio.to(phone).map((s) => s.body);
        assert.equal(bodies.filter((b) => b.includes('est confirmé')).length, 1, `${phone}: ${bodies.join(' | ')}`);
        assert.equal(bodies.filter((b) => b.startsWith('Rappel : RDV')).length, 1, `${phone}: ${bodies.join(' | ')}`);
      }
      assert.equal(twilio.sent.length, PATIENTS * 2);
      const { rows } = await t.db.query<{ status: string; n: number }>(
        `select status, count(*)::int as n from appointment_reminders where appointment_id = any($1::uuid[]) group by status`,
        [appointments],
      );
      assert.deepEqual(rows, [{ status: 'sent', n: PATIENTS }]);
      // The SMS that never left worker A was sent on a later attempt.
      const { rows: retried } = await t.db.query<{ n: number }>(`select count(*)::int as n from deliveries where practice_id = $1 and attempts > 1`, [
        practiceId,
      ]);
      assert.ok(retried[0]!.n >= 1);
    });
  });
}
