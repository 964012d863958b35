import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabaseKinds } from './support/databases.ts';
import type { TestClient, ErrorResponseBody } from './support/server.ts';
import { createOrganisation, createUser } from './support/fixtures.ts';
import { agentClient, at, createAgendaWorld, upcoming, type AgendaWorld } from './support/agenda-fixtures.ts';
import { startNotifyStack, SILENT_LOG, type NotifyStack } from './support/notify-stack.ts';
import { startReceiver, waitFor, type TestReceiver } from './support/webhook-receiver.ts';
import { transportsFromConfig } from '../src/core/delivery/transports/index.ts';
import { startWebhookWorkers, type WebhookWorkers } from '../src/interop/webhooks/workers.ts';
import { verifySignature } from '../src/interop/webhooks/signature.ts';

interface Subscription {
  id: string;
  secret: string;
  active: boolean;
  disabledReason: string | null;
  consecutiveFailures: number;
}
interface Delivery {
  id: string;
  eventId: string;
  eventType: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  replayOf: string | null;
}

for (const kind of testDatabaseKinds()) {
  describe(`outgoing webhooks (${kind})`, () => {
    let stack: NotifyStack;
    let hooks: WebhookWorkers;
    let w: AgendaWorld;
    let admin: TestClient;
    let agent: TestClient;
    let adminEmail: string;
    const receivers: TestReceiver[] = [];

    before(async () => {
      stack = await startNotifyStack(kind, { smtpFrom: 'Relais <no-reply@relais.test>', smsFrom: '+33700000000' });
      const email = transportsFromConfig(stack.config, () => {}).email;
      hooks = await startWebhookWorkers(stack.t.db, {
        jobs: stack.workers.jobs,
        sendEmail: async (m) => void (await email.send(m)),
        log: SILENT_LOG,
        tuning: { attempts: 3, retryDelaySeconds: 1, disableAfter: 3, pollMs: 100, pollingIntervalSeconds: 0.5, timeoutMs: 2000 },
      });
      w = await createAgendaWorld(stack.t.db, { patients: 3 });
      const a = await createUser(stack.t.db, { organisationId: w.organisationId, role: 'admin' });
      adminEmail = a.email;
      admin = stack.server.client();
      await admin.login(a.email, a.password);
      agent = await agentClient(stack.server, w);
    });
    after(async () => {
      await hooks?.stop();
      await stack?.close();
      for (const r of receivers) await r.close();
    });

    const subscribe = async (url: string, events: string[]) => {
      const r = await admin.post<Subscription>('/api/webhooks', { url, practiceId: w.practiceId, events });
      assert.equal(r.status, 201, r.text);
      assert.match(r.body.secret, /^whsec_/);
      return r.body;
    };
    const deliveries = async (id: string) => (await admin.get<{ items: Delivery[] }>(`/api/webhooks/${id}/deliveries`)).body.items;
    const book = (time: string, patient = 0) =>
      agent.post<{ id: string }>('/api/appointments', {
        practitionerId: w.practitionerId,
        patientId: w.patientIds[patient],
        motifId: w.motifId,
        start: at(w.timeZone, upcoming(w.timeZone, 2), time),
      });

    it('a receiver on loopback gets each event once, signed, and only the events it subscribed to', async () => {
      const receiver = await startReceiver(200);
      receivers.push(receiver);
      const sub = await subscribe(receiver.url, ['appointment.created', 'appointment.moved', 'appointment.cancelled']);

      const booked = await book('09:00');
      assert.equal(booked.status, 201);
      assert.equal((await agent.post(`/api/appointments/${booked.body.id}/move`, { start: at(w.timeZone, upcoming(w.timeZone, 2), '10:00') })).status, 200);
      assert.equal((await agent.post(`/api/appointments/${booked.body.id}/outcome`, { outcome: 'no_show' })).status, 422); // not started: no event
      assert.equal((await agent.post(`/api/appointments/${booked.body.id}/cancel`, { reason: 'Empêchement', by: 'patient' })).status, 200);

      const log = await waitFor('three deliveries delivered', async () => {
        const items = await deliveries(sub.id);
        return items.length === 3 && items.every((d) => d.status === 'delivered') && items;
      });
      assert.deepEqual(
        log.map((d) => d.attempts),
        [1, 1, 1],
      );
      assert.equal(receiver.received.length, 3);
      assert.deepEqual(receiver.received.map((r) => r.json.type).sort(), ['appointment.cancelled', 'appointment.created', 'appointment.moved']);
      assert.equal(new Set(receiver.received.map((r) => r.json.id)).size, 3);
      const now = Math.floor(Date.now() / 1000);
      for (const r of receiver.received) {
        assert.equal(r.json.data['appointmentId'], booked.body.id);
        assert.equal(r.json.practiceId, w.practiceId);
        assert.equal(r.headers['relais-event-id'], r.json.id);
        assert.ok(
          verifySignature({ secret: sub.secret, header: String(r.headers['relais-signature']), body: r.body, nowSeconds: now }),
          'signed with the secret',
        );
        assert.equal(verifySignature({ secret: 'whsec_other', header: String(r.headers['relais-signature']), body: r.body, nowSeconds: now }), false);
        assert.ok(!r.body.includes('Consultation'), 'no motif wording in the payload');
      }
      await admin.delete(`/api/webhooks/${sub.id}`);
    });

    it('a failing receiver is retried, then disabled with an e-mail to the admin; once fixed, a replay delivers the event', async () => {
      const receiver = await startReceiver(500);
      receivers.push(receiver);
      const sub = await subscribe(receiver.url, ['appointment.created']);
      const booked = await book('11:00', 1);
      assert.equal(booked.status, 201);

      const disabled = await waitFor('the subscription disabled', async () => {
        const items = (await admin.get<{ items: Subscription[] }>('/api/webhooks')).body.items;
        const s = items.find((x) => x.id === sub.id);
        return s && !s.active && s;
      });
      assert.equal(disabled.disabledReason, 'failures');
      assert.equal(receiver.received.length, 3, 'three attempts');
      assert.equal(new Set(receiver.received.map((r) => r.json.id)).size, 1, 'of the same event');
      const [failed] = await deliveries(sub.id);
      assert.equal(failed!.status, 'failed');
      assert.equal(failed!.attempts, 3);
      assert.equal(failed!.lastStatusCode, 500);
      const mail = await waitFor('the e-mail to the admin', async () => stack.smtp.to(adminEmail)[0]);
      assert.match(mail.subject, /webhook désactivé/);
      assert.ok(mail.text.includes(receiver.url));

      // Fixed and re-enabled: the admin replays the missed event from the log.
      receiver.status = 204;
      const enabled = await admin.patch<Subscription>(`/api/webhooks/${sub.id}`, { active: true });
      assert.equal(enabled.body.active, true);
      assert.equal(enabled.body.consecutiveFailures, 0);
      const replay = await admin.post<{ id: string }>(`/api/webhooks/deliveries/${failed!.id}/replay`);
      assert.equal(replay.status, 201);
      await waitFor('the replay delivered', async () => (await deliveries(sub.id)).find((d) => d.id === replay.body.id && d.status === 'delivered'));
      assert.equal(receiver.received.length, 4);
      assert.equal(receiver.received[3]!.json.id, failed!.eventId);
    });

    it('also carries message.created and call.ended, with ids only', async () => {
      const receiver = await startReceiver(200);
      receivers.push(receiver);
      const sub = await subscribe(receiver.url, ['message.created', 'call.ended']);
      const message = await agent.post<{ id: string }>('/api/messages', {
        practiceId: w.practiceId,
        practitionerId: w.practitionerId,
        type: 'information',
        body: 'Le laboratoire a rappelé.',
      });
      assert.equal(message.status, 201, message.text);
      const { rows } = await stack.t.db.query<{ id: string }>(
        `insert into calls (organisation_id, practice_id, provider, provider_call_id, called_number, status, enqueued_at)
         values ($1, $2, 'test', 'CA-1', '+33100000000', 'queued', now()) returning id`,
        [w.organisationId, w.practiceId],
      );
      await stack.t.db.query(`update calls set status = 'abandoned', ended_at = now() where id = $1`, [rows[0]!.id]);
      await waitFor('two deliveries', async () => (await deliveries(sub.id)).filter((d) => d.status === 'delivered').length === 2);
      const byType = new Map(receiver.received.map((r) => [r.json.type, r.json]));
      assert.equal(byType.get('message.created')?.data['messageId'], message.body.id);
      assert.equal(byType.get('call.ended')?.data['callId'], rows[0]!.id);
      assert.equal(byType.get('call.ended')?.data['status'], 'abandoned');
      assert.ok(!receiver.received.some((r) => r.body.includes('laboratoire')), 'no message text in the payload');
      await admin.delete(`/api/webhooks/${sub.id}`);
    });

    it('is the admin’s, within his organisation: an agent gets 403, another organisation 404, a bad event 400', async () => {
      const receiver = await startReceiver(200);
      receivers.push(receiver);
      const sub = await subscribe(receiver.url, ['call.ended']);
      assert.equal((await agent.get('/api/webhooks')).status, 403);
      const otherOrg = await createOrganisation(stack.t.db);
      const other = await createUser(stack.t.db, { organisationId: otherOrg, role: 'admin' });
      const stranger = stack.server.client();
      await stranger.login(other.email, other.password);
      assert.deepEqual((await stranger.get<{ items: unknown[] }>('/api/webhooks')).body.items, []);
      assert.equal((await stranger.get(`/api/webhooks/${sub.id}/deliveries`)).status, 404);
      assert.equal((await stranger.patch(`/api/webhooks/${sub.id}`, { active: false })).status, 404);
      const foreign = await stranger.post<ErrorResponseBody>('/api/webhooks', { url: receiver.url, practiceId: w.practiceId, events: ['call.ended'] });
      assert.equal(foreign.status, 404);
      const bad = await admin.post<ErrorResponseBody>('/api/webhooks', { url: receiver.url, practiceId: null, events: ['appointment.exploded'] });
      assert.equal(bad.status, 400);
      assert.match(bad.body.error.field ?? '', /^events/);
    });
  });
}
