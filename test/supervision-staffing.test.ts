/**
 * POST /api/staffing/erlang over HTTP: the example (100 calls in 30 min, AHT 180 s, T = 20 s) for
 * Erlang C, B and A, evaluation and search, shrinkage; who may ask; bad questions get 400/422 with the
 * field at fault, never a 500 or a NaN.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startServer, type ErrorResponseBody, type TestClient, type TestServer } from './support/server.ts';
import { createOrganisation, createUser } from './support/fixtures.ts';

interface Answer {
  agents: number;
  trafficErlangs: number;
  probabilityOfWaiting: number;
  serviceLevel: number;
  asaSeconds: number | null;
  occupancy: number;
  abandonRate?: number;
  blockingProbability?: number;
  scheduledAgents?: number;
}

const example = { callsPerInterval: 100, intervalSeconds: 1800, ahtSeconds: 180, targetSeconds: 20 };

for (const kind of testDatabaseKinds()) {
  describe(`staffing API (${kind})`, () => {
    let tdb: TestDb;
    let server: TestServer;
    let supervisor: TestClient;
    let admin: TestClient;
    let agent: TestClient;

    before(async () => {
      tdb = await openTestDb(kind);
      const org = await createOrganisation(tdb.db);
      server = await startServer(tdb.db);
      const users = await Promise.all(['supervisor', 'admin', 'agent'].map((role) => createUser(tdb.db, { organisationId: org, role: role as 'agent' })));
      [supervisor, admin, agent] = [server.client(), server.client(), server.client()];
      await supervisor.login(users[0]!.email, users[0]!.password);
      await admin.login(users[1]!.email, users[1]!.password);
      await agent.login(users[2]!.email, users[2]!.password);
    });
    after(async () => {
      await server?.close();
      await tdb?.close();
    });

    it('Erlang C: 14 agents for 80 % in 20 s, 20 to schedule with 30 % shrinkage', async () => {
      const r = await supervisor.post<Answer>('/api/staffing/erlang', { model: 'C', ...example, targetServiceLevel: 0.8, shrinkage: 0.3 });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.agents, 14);
      assert.equal(r.body.scheduledAgents, 20);
      assert.equal(r.body.trafficErlangs, 10);
      assert.ok(Math.abs(r.body.serviceLevel - 0.888) < 0.001);
      assert.ok(Math.abs(r.body.occupancy - 10 / 14) < 1e-9);
    });

    it('Erlang C evaluation of 11…15 agents, and 10 agents (load = agents): SL 0, ASA null', async () => {
      const levels: number[] = [];
      for (const agents of [11, 12, 13, 14, 15]) {
        const r = await admin.post<Answer>('/api/staffing/erlang', { model: 'C', ...example, agents });
        assert.equal(r.status, 200, r.text);
        assert.equal(r.body.scheduledAgents, undefined);
        levels.push(r.body.serviceLevel);
      }
      assert.ok(Math.abs(levels[0]! - 0.39) < 0.005);
      assert.deepEqual([...levels].sort(), levels);
      const full = await admin.post<Answer>('/api/staffing/erlang', { model: 'C', ...example, agents: 10 });
      assert.deepEqual([full.body.serviceLevel, full.body.asaSeconds, full.body.probabilityOfWaiting], [0, null, 1]);
    });

    it('Erlang A needs fewer agents than C when callers hang up, and reports abandons', async () => {
      const r = await supervisor.post<Answer>('/api/staffing/erlang', { model: 'A', ...example, targetServiceLevel: 0.8, patienceSeconds: 120 });
      assert.equal(r.status, 200, r.text);
      assert.ok(r.body.agents <= 14 && r.body.agents >= 11, String(r.body.agents));
      assert.ok(r.body.abandonRate! > 0 && r.body.abandonRate! < 0.1);
      const fewer = await supervisor.post<Answer>('/api/staffing/erlang', { model: 'A', ...example, agents: r.body.agents - 1, patienceSeconds: 120 });
      assert.ok(fewer.body.serviceLevel < 0.8);
    });

    it('Erlang B: blocking probability of a loss system', async () => {
      const r = await supervisor.post<Answer>('/api/staffing/erlang', {
        model: 'B',
        callsPerInterval: 20,
        intervalSeconds: 1800,
        ahtSeconds: 180,
        targetSeconds: 0,
        agents: 5,
      });
      assert.equal(r.status, 200, r.text);
      assert.ok(Math.abs(r.body.blockingProbability! - 0.0367) < 0.0001);
    });

    it('zero calls: zero agents', async () => {
      const r = await supervisor.post<Answer>('/api/staffing/erlang', { model: 'C', ...example, callsPerInterval: 0 });
      assert.deepEqual([r.status, r.body.agents, r.body.serviceLevel], [200, 0, 1]);
    });

    it('an agent may not ask; a stranger must sign in', async () => {
      assert.equal((await agent.post('/api/staffing/erlang', { model: 'C', ...example })).status, 403);
      assert.equal((await server.client().post('/api/staffing/erlang', { model: 'C', ...example })).status, 401);
    });

    it('bad questions: the field at fault, never a 500', async () => {
      const noPatience = await supervisor.post<ErrorResponseBody>('/api/staffing/erlang', { model: 'A', ...example });
      assert.equal(noPatience.status, 400);
      assert.equal(noPatience.body.error.field, 'patienceSeconds');
      const zeroAht = await supervisor.post<ErrorResponseBody>('/api/staffing/erlang', { model: 'C', ...example, ahtSeconds: 0 });
      assert.deepEqual([zeroAht.status, zeroAht.body.error.field], [400, 'ahtSeconds']);
      const unreachable = await supervisor.post<ErrorResponseBody>('/api/staffing/erlang', { model: 'C', ...example, maxOccupancy: 0.001 });
      assert.deepEqual([unreachable.status, unreachable.body.error.code], [422, 'staffing_target_unreachable']);
      const huge = await supervisor.post<ErrorResponseBody>('/api/staffing/erlang', { model: 'C', ...example, callsPerInterval: 1_000_000 });
      assert.deepEqual([huge.status, huge.body.error.field], [422, 'callsPerInterval']);
      const endless = await supervisor.post<ErrorResponseBody>('/api/staffing/erlang', {
        model: 'A',
        ...example,
        callsPerInterval: 20_000,
        patienceSeconds: 86_400,
      });
      assert.deepEqual([endless.status, endless.body.error.field], [422, 'patienceSeconds']);
    });
  });
}
