/**
 * Messages to practitioners: taken by an agent, delivered in Relais and by the practitioner's chosen
 * channels (real SMTP server, local Twilio), read → processed with who and when, answered into a task
 * for the secretariat, escalated when urgent and unacknowledged (each step logged), scoped and audited.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startNotifyStack, type NotifyStack } from './support/notify-stack.ts';
import type { TestClient, TestServer } from './support/server.ts';
import { auditCount, createOrganisation, createPatient, createPractice, createPractitioner, createUser } from './support/fixtures.ts';
import type { TestSmtp } from './support/smtp.ts';
import type { FakeTwilio } from './support/fake-sms.ts';
import { eventually } from './support/eventually.ts';
import { escalate } from '../src/messages/escalation-service.ts';
import { DEFAULT_TUNING } from '../src/core/delivery/queues.ts';
import { systemClock } from '../src/core/time/clock.ts';

const ACK_SECONDS = 2;

interface Detail {
  id: string;
  status: string;
  createdAt: string;
  readBy: string | null;
  processedBy: string | null;
  acknowledgedAt: string | null;
  events: { kind: string; at: string; detail: Record<string, unknown> }[];
  tasks: { id: string; assignedTo: string | null; status: string; answer: string }[];
}

for (const kind of testDatabaseKinds()) {
  describe(`messages to practitioners (${kind})`, () => {
    let stack: NotifyStack;
    let t: TestDb;
    let server: TestServer;
    let smtp: TestSmtp;
    let twilio: FakeTwilio;
    let organisationId: string;
    let practiceId: string;
    let practitionerId: string;
    let colleagueId: string;
    let patientId: string;
    let agentId: string;
    let agent: TestClient;
    let doctor: TestClient;
    let admin: TestClient;

    before(async () => {
      stack = await startNotifyStack(kind, { smtpFrom: 'Relais <messages@relais.test>', smsFrom: 'RELAIS' });
      ({ t, server, smtp, twilio } = stack);

      organisationId = await createOrganisation(t.db);
      practiceId = await createPractice(t.db, organisationId, { name: 'Centre de cardiologie Voltaire' });
      practitionerId = await createPractitioner(t.db, organisationId, [practiceId], { lastName: 'Martin' });
      colleagueId = await createPractitioner(t.db, organisationId, [practiceId], { lastName: 'Petit' });
      patientId = await createPatient(t.db, { organisationId, practiceId, birthName: 'Lefèvre', firstGivenName: 'Jeanne' });
      const a = await createUser(t.db, { organisationId, role: 'agent', practiceIds: [practiceId] });
      agentId = a.id;
      const d = await createUser(t.db, { organisationId, role: 'practitioner', practitionerId, email: `dr-martin-${randomUUID().slice(0, 6)}@exemple.fr` });
      const ad = await createUser(t.db, { organisationId, role: 'admin' });
      agent = server.client();
      doctor = server.client();
      admin = server.client();
      await agent.login(a.email, a.password);
      await doctor.login(d.email, d.password);
      await admin.login(ad.email, ad.password);

      const prefs = await doctor.put(`/api/messages/preferences/${practitionerId}`, { email: true, sms: true, mobilePhone: '06 12 34 56 78' });
      assert.equal(prefs.status, 200, prefs.text);
      const settings = await admin.put(`/api/messages/settings/${practiceId}`, {
        urgentAckSeconds: ACK_SECONDS,
        renotifyCount: 1,
        escalationContacts: [{ name: 'Dr Paul Bernard', channel: 'sms', address: '07 81 23 45 67' }],
      });
      assert.equal(settings.status, 200, settings.text);
    });

    after(async () => {
      await stack?.close();
    });

    const detail = async (c: TestClient, id: string) => (await c.get<Detail>(`/api/messages/${id}`)).body;

    it('an urgent message reaches the practitioner in Relais, by email and by SMS, without its text or the patient', async () => {
      const before = await auditCount(t.db, 'patient_id = $1', [patientId]);
      const r = await agent.post<{ id: string; status: string }>('/api/messages', {
        practiceId,
        practitionerId,
        type: 'urgent',
        patientId,
        callbackNumber: '06 98 76 54 32',
        body: 'Douleur thoracique depuis ce matin, rappeler vite',
      });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.body.status, 'new');
      assert.equal(await auditCount(t.db, 'patient_id = $1', [patientId]), before + 1);

      const inbox = await doctor.get<{ items: { id: string; type: string }[] }>('/api/messages');
      assert.ok(inbox.body.items.some((m) => m.id === r.body.id && m.type === 'urgent'));
      const mail = await eventually('the email', async () => smtp.received.find((m) => m.subject.startsWith('Nouveau message (URGENT)')));
      const sms = await eventually('the SMS', async () => twilio.to('+33612345678').find((s) => s.body.includes('nouveau message (URGENT)')));
      for (const text of [mail.text + mail.subject, sms.body]) {
        assert.doesNotMatch(text, /thoracique|Lefèvre|Jeanne|cardiologie/i);
        assert.match(text, /\+33698765432/);
      }
      assert.match(sms.body, /https:\/\/relais\.test\/l\/[A-Za-z0-9_-]+/);
      // Stop this one's escalation here: the doctor acknowledges.
      assert.equal((await doctor.post(`/api/messages/${r.body.id}/acknowledge`)).status, 200);
    });

    it('an unacknowledged urgent message escalates on time, each step logged, until the list is exhausted; the contact acknowledges by his link', async () => {
      const r = await agent.post<{ id: string; createdAt: string }>('/api/messages', {
        practiceId,
        practitionerId,
        type: 'urgent',
        callbackNumber: '+33600000042',
        body: 'Rappeler le 15',
      });
      assert.equal(r.status, 201);
      const created = Date.parse(r.body.createdAt);
      const d = await eventually('the escalation to run out', async () => {
        const m = await detail(doctor, r.body.id);
        return m.events.some((e) => e.kind === 'escalation_exhausted') ? m : undefined;
      });
      const kinds = d.events.map((e) => e.kind);
      assert.deepEqual(kinds, ['created', 'notified', 'renotified', 'escalated', 'escalation_exhausted']);
      const stepAt = (k: string) => Date.parse(d.events.find((e) => e.kind === k)!.at);
      // On time: never before its delay (created + step × delay).
      assert.ok(stepAt('renotified') >= created + 1 * ACK_SECONDS * 1000);
      assert.ok(stepAt('escalated') >= created + 2 * ACK_SECONDS * 1000);
      assert.ok(stepAt('escalation_exhausted') >= created + 3 * ACK_SECONDS * 1000);
      assert.equal(d.events.find((e) => e.kind === 'escalated')!.detail['channel'], 'sms');

      // This message's renotification (the previous test's message may have been renotified too, on a slow machine).
      const renotice = await eventually('the renotification', async () =>
        twilio.to('+33612345678').find((s) => s.body.startsWith('Relais : message URGENT non lu') && s.body.includes('+33600000042')),
      );
      assert.match(renotice.body, /Accuser réception : https:\/\/relais\.test\/l\//);
      const contactSms = await eventually('the contact’s SMS', async () => twilio.to('+33781234567').find((s) => s.body.includes('pour Dr Claire Martin')));
      assert.match(contactSms.body, /message URGENT pour Dr Claire Martin non lu depuis \d+ min/);
      const token = /\/l\/([A-Za-z0-9_-]+)/.exec(contactSms.body)![1]!;
      const ack = await server.client().post<{ acknowledgedAt: string | null }>(`/api/public/links/${token}/acknowledge`);
      assert.equal(ack.status, 200, ack.text);
      assert.ok(ack.body.acknowledgedAt);
      const after = await detail(doctor, r.body.id);
      assert.deepEqual(after.events.at(-2)?.kind, 'acknowledged');
      assert.deepEqual(after.events.at(-2)?.detail, {
        via: 'link',
        party: 'contact',
        contactId: d.events.find((e) => e.kind === 'escalated')!.detail['contactId'],
      });
    });

    it('acknowledging stops the escalation', async () => {
      const r = await agent.post<{ id: string }>('/api/messages', { practiceId, practitionerId, type: 'urgent', body: 'Résultats anormaux' });
      const ack = await doctor.post<Detail>(`/api/messages/${r.body.id}/acknowledge`);
      assert.equal(ack.status, 200);
      assert.ok(ack.body.acknowledgedAt);
      assert.equal(ack.body.status, 'read');
      // The first two steps, run now as their jobs would when due, stop there and add nothing.
      const deps = { jobs: stack.workers.jobs, tuning: DEFAULT_TUNING, clock: systemClock };
      for (const step of [1, 2]) assert.equal(await escalate(t.db, deps, { messageId: r.body.id, step }), 'stopped');
      const d = await detail(doctor, r.body.id);
      assert.deepEqual(
        d.events.map((e) => e.kind),
        ['created', 'notified', 'acknowledged', 'read'],
      );
    });

    it('the practitioner answers: a task for the agent, and the loop closes when it is done', async () => {
      const r = await agent.post<{ id: string }>('/api/messages', {
        practiceId,
        practitionerId,
        type: 'task',
        patientId,
        callbackNumber: '+33698765432',
        body: 'Demande de renouvellement',
      });
      const read = await doctor.post<Detail>(`/api/messages/${r.body.id}/read`);
      assert.equal(read.body.status, 'read');
      assert.ok(read.body.readBy);
      const answered = await doctor.post<Detail>(`/api/messages/${r.body.id}/answer`, { text: 'Rappeler le patient : RDV demain 9h' });
      assert.equal(answered.status, 200, answered.text);
      assert.equal(answered.body.tasks[0]!.assignedTo, agentId);
      assert.equal(answered.body.status, 'read');

      const tasks = await agent.get<{ items: { id: string; answer: string; message: { id: string } }[] }>('/api/messages/tasks?mine=true');
      const task = tasks.body.items.find((x) => x.message.id === r.body.id)!;
      assert.equal(task.answer, 'Rappeler le patient : RDV demain 9h');
      const done = await agent.post<{ status: string }>(`/api/messages/tasks/${task.id}/done`, { note: 'RDV pris' });
      assert.equal(done.body.status, 'done');
      const d = await detail(doctor, r.body.id);
      assert.equal(d.status, 'processed');
      assert.equal(d.processedBy, agentId);
      assert.deepEqual(d.events.map((e) => e.kind).slice(-3), ['answered', 'task_done', 'processed']);
    });

    it('a practitioner sees his own messages only; another practice’s agent sees none', async () => {
      const theirs = await agent.post<{ id: string }>('/api/messages', {
        practiceId,
        practitionerId: colleagueId,
        type: 'information',
        body: 'Pour le Dr Petit',
      });
      assert.equal(theirs.status, 201);
      const inbox = await doctor.get<{ items: { practitionerId: string }[] }>(`/api/messages?practitionerId=${colleagueId}`);
      assert.ok(inbox.body.items.length > 0);
      assert.ok(inbox.body.items.every((m) => m.practitionerId === practitionerId));
      const missing = await doctor.get(`/api/messages/${randomUUID()}`);
      const hidden = await doctor.get(`/api/messages/${theirs.body.id}`);
      assert.equal(hidden.status, 404);
      assert.equal(hidden.text.replace(/"requestId":"[^"]+"/, ''), missing.text.replace(/"requestId":"[^"]+"/, ''));

      const other = await createPractice(t.db, organisationId);
      const outsider = await createUser(t.db, { organisationId, role: 'agent', practiceIds: [other] });
      const c = server.client();
      await c.login(outsider.email, outsider.password);
      assert.deepEqual((await c.get<{ items: unknown[] }>('/api/messages')).body.items, []);
      assert.equal((await c.get(`/api/messages/${theirs.body.id}`)).status, 404);
      const intrude = await c.post('/api/messages', { practiceId, practitionerId, type: 'information', body: 'x' });
      assert.equal(intrude.status, 404);
      // A practitioner cannot leave messages, an agent cannot acknowledge in the doctor's stead.
      assert.equal((await doctor.post('/api/messages', { practiceId, practitionerId, type: 'information', body: 'x' })).status, 403);
      assert.equal((await agent.post(`/api/messages/${theirs.body.id}/acknowledge`)).status, 403);
    });

    it('refuses bad input with the field at fault: a dated task needs its date, a patient from elsewhere is 404', async () => {
      const noDate = await agent.post<{ error: { code: string; field: string } }>('/api/messages', {
        practiceId,
        practitionerId,
        type: 'dated_task',
        body: 'Faire le courrier',
      });
      assert.deepEqual([noDate.status, noDate.body.error.field], [400, 'dueDate']);
      const extra = await agent.post<{ error: { field: string } }>('/api/messages', { practiceId, practitionerId, type: 'task', body: 'x', urgent: true });
      assert.deepEqual([extra.status, extra.body.error.field], [400, 'urgent']);
      const elsewhere = await createPatient(t.db, { organisationId, practiceId: await createPractice(t.db, organisationId) });
      const before = await auditCount(t.db, `patient_id = $1 and outcome = 'not_found'`, [elsewhere]);
      const r = await agent.post<{ error: { field: string } }>('/api/messages', { practiceId, practitionerId, type: 'task', patientId: elsewhere, body: 'x' });
      assert.deepEqual([r.status, r.body.error.field], [404, 'patientId']);
      assert.equal(await auditCount(t.db, `patient_id = $1 and outcome = 'not_found'`, [elsewhere]), before + 1);
      const dated = await agent.post<{ dueDate: string }>('/api/messages', {
        practiceId,
        practitionerId,
        type: 'dated_task',
        dueDate: '2026-12-01',
        body: 'Courrier',
      });
      assert.equal(dated.body.dueDate, '2026-12-01');
    });

    it('templates per practice', async () => {
      const created = await admin.post<{ id: string }>('/api/messages/templates', {
        practiceId,
        type: 'task',
        label: 'Ordonnance',
        body: 'Renouvellement d’ordonnance demandé',
      });
      assert.equal(created.status, 201, created.text);
      const list = await agent.get<{ items: { id: string; label: string }[] }>(`/api/messages/templates?practiceId=${practiceId}`);
      assert.deepEqual(
        list.body.items.map((x) => x.label),
        ['Ordonnance'],
      );
      assert.equal((await agent.post('/api/messages/templates', { practiceId, type: 'task', label: 'x', body: 'y' })).status, 403);
      assert.equal((await admin.delete(`/api/messages/templates/${created.body.id}`)).status, 204);
    });
  });
}
