import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startServer, type ErrorResponseBody, type TestClient, type TestServer } from './support/server.ts';
import { auditCount, createOrganisation, createPatient, createPractice, createUser } from './support/fixtures.ts';
import { FakeTwilio } from './support/fake-twilio.ts';
import { addNumber, assign } from './support/calls.ts';
import { callsHandle } from '../src/calls/module.ts';

interface LogBody {
  items: { id: string; outcome: string | null; patientId: string | null; patientName: string | null; agentName: string | null; callerNumber: string | null }[];
  hasMore: boolean;
}

for (const kind of testDatabaseKinds()) {
  describe(`calls: outcome and call log (${kind})`, () => {
    let t: TestDb;
    let server: TestServer;
    let fake: FakeTwilio;
    let practice: string;
    let patient: string;
    let otherPatient: string;
    let agent: TestClient;
    let outsider: TestClient;
    let supervisor: TestClient;
    let callId: string;

    before(async () => {
      t = await openTestDb(kind);
      fake = new FakeTwilio();
      server = await startServer(t.db, { twilio: { authToken: fake.authToken, accountSid: undefined, apiUrl: 'http://127.0.0.1:9' } });
      fake.baseUrl = server.baseUrl;
      const org = await createOrganisation(t.db);
      practice = await createPractice(t.db, org);
      const other = await createPractice(t.db, org);
      const number = await addNumber(t.db, practice);
      patient = await createPatient(t.db, {
        organisationId: org,
        practiceId: practice,
        birthName: 'Lefèvre',
        firstGivenName: 'Zoé',
        mobilePhone: '+33612345678',
      });
      otherPatient = await createPatient(t.db, { organisationId: org, practiceId: other });
      const login = async (role: 'agent' | 'supervisor', practices: string[]) => {
        const u = await createUser(t.db, { organisationId: org, role });
        for (const p of practices) await assign(t.db, u.id, p, true);
        const c = server.client();
        await c.login(u.email, u.password);
        return c;
      };
      agent = await login('agent', [practice]);
      outsider = await login('agent', [other]);
      supervisor = await login('supervisor', []);
      await agent.put('/api/agents/me/status', { status: 'available' });
      const { callSid } = await fake.incoming({ to: number, from: '06 12 34 56 78' });
      await callsHandle(server.app.server).dispatcher.idle();
      callId = (await t.db.query<{ id: string }>('select id from calls where provider_call_id = $1', [callSid])).rows[0]!.id;
      assert.equal((await agent.post(`/api/calls/${callId}/answer`)).status, 200);
      assert.equal((await agent.post(`/api/calls/${callId}/hangup`)).status, 200);
    });
    after(async () => {
      await server.close();
      await t.close();
    });

    it('records the outcome with its patient, traced in the audit log', async () => {
      const before = await auditCount(t.db, "action = 'call.outcome' and patient_id = $1 and outcome = 'ok'", [patient]);
      const r = await agent.post<{ outcome: string; patientId: string; outcomeNote: string; status: string }>(`/api/calls/${callId}/outcome`, {
        outcome: 'booked',
        patientId: patient,
        note: 'RDV mardi',
      });
      assert.equal(r.status, 200);
      assert.deepEqual([r.body.outcome, r.body.patientId, r.body.outcomeNote, r.body.status], ['booked', patient, 'RDV mardi', 'wrap_up']);
      assert.equal(await auditCount(t.db, "action = 'call.outcome' and patient_id = $1 and outcome = 'ok'", [patient]), before + 1);
      assert.equal((await agent.post(`/api/calls/${callId}/wrap-up-done`)).status, 200);
    });

    it('refuses another practice’s patient like a nonexistent one, and traces the attempt', async () => {
      const denied = await agent.post<ErrorResponseBody>(`/api/calls/${callId}/outcome`, { outcome: 'message', patientId: otherPatient });
      const missing = await agent.post<ErrorResponseBody>(`/api/calls/${callId}/outcome`, {
        outcome: 'message',
        patientId: '00000000-0000-4000-8000-000000000000',
      });
      assert.equal(denied.status, 404);
      assert.deepEqual({ ...denied.body.error, requestId: '' }, { ...missing.body.error, requestId: '' });
      assert.equal(denied.body.error.field, 'patientId');
      assert.equal(await auditCount(t.db, "action = 'call.outcome' and patient_id = $1 and outcome = 'denied'", [otherPatient]), 1);
      const call = await agent.get<{ outcome: string }>(`/api/calls/${callId}`);
      assert.equal(call.body.outcome, 'booked', 'unchanged');
    });

    it('refuses unknown fields and unknown outcomes', async () => {
      const extra = await agent.post<ErrorResponseBody>(`/api/calls/${callId}/outcome`, { outcome: 'booked', colour: 'red' });
      assert.equal(extra.status, 400);
      assert.equal(extra.body.error.field, 'colour');
      const wrong = await agent.post<ErrorResponseBody>(`/api/calls/${callId}/outcome`, { outcome: 'lunch' });
      assert.equal(wrong.status, 400);
      assert.equal(wrong.body.error.field, 'outcome');
    });

    it('finds the call by the caller’s number or the patient’s name, within the practice, audited', async () => {
      const before = await auditCount(t.db, "action = 'call.search'");
      const byNumber = await agent.get<LogBody>(`/api/calls?practiceId=${practice}&q=${encodeURIComponent('06 12 34')}`);
      assert.equal(byNumber.status, 200);
      assert.deepEqual(
        byNumber.body.items.map((c) => [c.id, c.outcome, c.patientName, c.callerNumber]),
        [[callId, 'booked', 'Lefèvre Zoé', '+33612345678']],
      );
      assert.ok(byNumber.body.items[0]!.agentName);
      const byName = await agent.get<LogBody>(`/api/calls?q=lefevre`);
      assert.deepEqual(
        byName.body.items.map((c) => c.id),
        [callId],
      );
      assert.equal(await auditCount(t.db, "action = 'call.search'"), before + 2);
      const nothing = await agent.get<LogBody>(`/api/calls?practiceId=${practice}&q=0699`);
      assert.deepEqual(nothing.body.items, []);
      const earlier = await agent.get<LogBody>(`/api/calls?to=${encodeURIComponent('2020-01-01T00:00:00Z')}`);
      assert.deepEqual(earlier.body.items, []);
      const sup = await supervisor.get<LogBody>('/api/calls');
      assert.ok(sup.body.items.some((c) => c.id === callId));
    });

    it('answers out of scope exactly like nonexistent', async () => {
      const out = await outsider.get<ErrorResponseBody>(`/api/calls/${callId}`);
      const none = await outsider.get<ErrorResponseBody>('/api/calls/00000000-0000-4000-8000-000000000000');
      assert.equal(out.status, 404);
      assert.deepEqual({ ...out.body.error, requestId: '' }, { ...none.body.error, requestId: '' });
      assert.equal((await outsider.get(`/api/calls?practiceId=${practice}`)).status, 404);
      assert.deepEqual((await outsider.get<LogBody>('/api/calls')).body.items, []);
      assert.equal((await outsider.post(`/api/calls/${callId}/outcome`, { outcome: 'information' })).status, 404);
    });
  });
}
