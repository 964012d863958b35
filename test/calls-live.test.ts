import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startServer, type TestClient, type TestServer } from './support/server.ts';
import { createOrganisation, createPractice, createPractitioner, createUser } from './support/fixtures.ts';
import { FakeTwilio } from './support/fake-twilio.ts';
import { addNumber, assign, cookieOf, LiveClient } from './support/calls.ts';

for (const kind of testDatabaseKinds()) {
  describe(`calls: live screen-pop over WebSocket (${kind})`, () => {
    let t: TestDb;
    let server: TestServer;
    let fake: FakeTwilio;
    let practice: string;
    let number: string;
    let right: TestClient;
    let rightId: string;
    let wrong: TestClient;
    let supervisor: TestClient;
    let org: string;
    const sockets: LiveClient[] = [];
    const open = async (c: TestClient | null, headers: Record<string, string> = {}) => {
      const s = await LiveClient.open(server.baseUrl, c ? cookieOf(c) : null, headers);
      sockets.push(s);
      return s;
    };
    /** A ping answered means every message the server sent this socket before has arrived. */
    const flush = async (s: LiveClient) => {
      const before = s.of('pong').length;
      s.ws.send(JSON.stringify({ type: 'ping' }));
      await s.next('pong', () => s.of('pong').length > before);
    };

    before(async () => {
      t = await openTestDb(kind);
      fake = new FakeTwilio();
      // On PostgreSQL, live events go through LISTEN/NOTIFY as in production.
      server = await startServer(t.db, { databaseUrl: t.url, twilio: { authToken: fake.authToken, accountSid: undefined, apiUrl: 'http://127.0.0.1:9' } });
      fake.baseUrl = server.baseUrl;
      org = await createOrganisation(t.db);
      practice = await createPractice(t.db, org);
      const other = await createPractice(t.db, org);
      number = await addNumber(t.db, practice);
      const login = async (role: 'agent' | 'supervisor', practices: string[], dedicated = false) => {
        const u = await createUser(t.db, { organisationId: org, role });
        for (const p of practices) await assign(t.db, u.id, p, dedicated);
        const c = server.client();
        await c.login(u.email, u.password);
        return { c, id: u.id };
      };
      const r = await login('agent', [practice], true);
      right = r.c;
      rightId = r.id;
      wrong = (await login('agent', [other], true)).c;
      supervisor = (await login('supervisor', [])).c;
      for (const c of [right, wrong]) assert.equal((await c.put('/api/agents/me/status', { status: 'available' })).status, 200);
    });
    after(async () => {
      await Promise.all(sockets.map((s) => s.close()));
      await server.close();
      await t.close();
    });

    it('refuses a socket without a session, a practitioner’s, and one opened from another site', async () => {
      await assert.rejects(open(null), (e: { statusCode?: number }) => e.statusCode === 401);
      const practitionerId = await createPractitioner(t.db, org, [practice]);
      const p = await createUser(t.db, { organisationId: org, role: 'practitioner', practitionerId });
      const pc = server.client();
      await pc.login(p.email, p.password);
      await assert.rejects(open(pc), (e: { statusCode?: number }) => e.statusCode === 403);
      await assert.rejects(open(right, { origin: 'https://evil.example' }), (e: { statusCode?: number }) => e.statusCode === 403);
      const sameSite = await open(right, { origin: server.baseUrl });
      await sameSite.close();
    });

    it('pops the call on the chosen agent’s screen only, and tells supervisors', async () => {
      const rightSocket = await open(right);
      const wrongSocket = await open(wrong);
      const supSocket = await open(supervisor);
      const { callSid } = await fake.incoming({ to: number, from: '+33612345678' });
      const offered = await rightSocket.next('call.offered');
      const { rows } = await t.db.query<{ id: string }>('select id from calls where provider_call_id = $1', [callSid]);
      assert.deepEqual(
        { ...offered, offeredAt: typeof offered.offeredAt },
        {
          type: 'call.offered',
          callId: rows[0]!.id,
          calledNumber: number,
          callerNumber: '+33612345678',
          practiceId: practice,
          urgent: false,
          offeredAt: 'string',
          ringTimeoutSeconds: 15,
        },
      );
      await flush(wrongSocket);
      assert.deepEqual(wrongSocket.of('call.offered'), []);

      // Supervisors see the agent ringing and the practice's queue.
      const ringing = await supSocket.next('agent.state', (m) => m.agent.id === rightId && m.agent.systemState === 'ringing');
      assert.equal(ringing.agent.callId, rows[0]!.id);
      await supSocket.next('queue.state', (m) => m.queue.practiceId === practice);
      assert.deepEqual(rightSocket.of('queue.state'), [], 'agents get no queue updates');

      // A console reconnecting while the phone rings gets the screen-pop again.
      const again = await open(right);
      assert.equal((await again.next('call.offered')).callId, rows[0]!.id);

      // The caller hangs up: the ring is withdrawn.
      await fake.hangUp(callSid);
      assert.deepEqual(await rightSocket.next('call.withdrawn'), { type: 'call.withdrawn', callId: rows[0]!.id, reason: 'abandoned' });
    });

    it('follows the call on the agent’s screen: connected, then wrap-up', async () => {
      const s = await open(right);
      const { callSid } = await fake.incoming({ to: number });
      const offered = await s.next('call.offered', (m) => !s.of('call.withdrawn').some((w) => w.callId === m.callId));
      assert.equal((await right.post(`/api/calls/${offered.callId}/answer`)).status, 200);
      assert.deepEqual(await s.next('call.state', (m) => m.callId === offered.callId), { type: 'call.state', callId: offered.callId, status: 'connected' });
      await fake.hangUp(callSid);
      await s.next('call.state', (m) => m.callId === offered.callId && m.status === 'wrap_up');
      assert.equal((await right.post(`/api/calls/${offered.callId}/wrap-up-done`)).status, 200);
      await s.next('call.state', (m) => m.callId === offered.callId && m.status === 'completed');
    });
  });
}
