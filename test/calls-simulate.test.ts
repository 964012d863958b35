// The console's "simulate an incoming call" control enters calls through the same intake as a carrier:
// queue, routing, screen-pop over the WebSocket, call log.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startServer, type TestClient, type TestServer, type ErrorResponseBody } from './support/server.ts';
import { createOrganisation, createPractice, createUser } from './support/fixtures.ts';
import { addNumber, assign, cookieOf, LiveClient } from './support/calls.ts';

for (const kind of testDatabaseKinds()) {
  describe(`calls: simulated incoming call (${kind})`, () => {
    let t: TestDb;
    let server: TestServer;
    let agent: TestClient;
    let admin: TestClient;
    let number: string;
    let otherNumber: string;
    let live: LiveClient;

    before(async () => {
      t = await openTestDb(kind);
      server = await startServer(t.db);
      const org = await createOrganisation(t.db);
      const practice = await createPractice(t.db, org);
      const other = await createPractice(t.db, org);
      number = await addNumber(t.db, practice);
      otherNumber = await addNumber(t.db, other);
      const u = await createUser(t.db, { organisationId: org, role: 'agent' });
      await assign(t.db, u.id, practice, true);
      agent = server.client();
      await agent.login(u.email, u.password);
      assert.equal((await agent.put('/api/agents/me/status', { status: 'available' })).status, 200);
      live = await LiveClient.open(server.baseUrl, cookieOf(agent));
      const a = await createUser(t.db, { organisationId: org, role: 'admin' });
      admin = server.client();
      await admin.login(a.email, a.password);
    });
    after(async () => {
      await live?.close();
      await server.close();
      await t.close();
    });

    it('rings the available agent through the routing, and logs the call', async () => {
      const r = await agent.post<{ callId: string; status: string }>('/api/calls/simulate', { calledNumber: number, callerNumber: '06 12 34 56 78' });
      assert.equal(r.status, 201);
      const offer = await live.next('call.offered', (m) => m.callId === r.body.callId);
      assert.equal(offer.calledNumber, number);
      assert.equal(offer.callerNumber, '+33612345678');
      assert.equal((await agent.post(`/api/calls/${r.body.callId}/answer`)).status, 200);
      const { rows } = await t.db.query<{ event: string }>('select event from call_events where call_id = $1 order by id', [r.body.callId]);
      assert.deepEqual(
        rows.map((e) => e.event),
        ['ENTER', 'OFFER', 'CONNECT'],
      );
    });

    it('answers a number outside the caller’s scope like an unknown number, and records nothing', async () => {
      const before = (await t.db.query<{ n: number }>('select count(*)::int as n from calls')).rows[0]!.n;
      const r = await agent.post<ErrorResponseBody>('/api/calls/simulate', { calledNumber: otherNumber });
      const unknown = await agent.post<ErrorResponseBody>('/api/calls/simulate', { calledNumber: '+33199000000' });
      assert.equal(r.status, 404);
      assert.deepEqual({ ...r.body.error, requestId: '' }, { ...unknown.body.error, requestId: '' });
      assert.equal((await t.db.query<{ n: number }>('select count(*)::int as n from calls')).rows[0]!.n, before);
    });

    it('refuses a malformed number with the field at fault', async () => {
      const r = await agent.post<ErrorResponseBody>('/api/calls/simulate', { calledNumber: 'pas un numéro' });
      assert.equal(r.status, 400);
      assert.equal(r.body.error.field, 'calledNumber');
    });

    it('lets an administrator simulate too, but not anonymously', async () => {
      assert.equal((await server.client().post<ErrorResponseBody>('/api/calls/simulate', { calledNumber: number })).status, 401);
      const r = await admin.post<{ callId: string }>('/api/calls/simulate', { calledNumber: number, urgent: true });
      assert.equal(r.status, 201);
      const { rows } = await t.db.query<{ urgent: boolean }>('select urgent from calls where id = $1', [r.body.callId]);
      assert.equal(rows[0]!.urgent, true);
    });
  });
}
