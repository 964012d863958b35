/**
 * Two server instances on one PostgreSQL database, each with its own dispatcher and its own LISTEN
 * connection, under concurrent incoming calls: no call is given to two agents, no agent holds two calls.
 * PostgreSQL only: PGlite is one process's database by design.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startServer, type TestClient, type TestServer } from './support/server.ts';
import { createOrganisation, createPractice, createUser } from './support/fixtures.ts';
import { FakeTwilio } from './support/fake-twilio.ts';
import { addNumber, assign, cookieOf, LiveClient } from './support/calls.ts';
import { openPostgres } from '../src/core/db/postgres.ts';
import type { Db } from '../src/core/db/types.ts';
import { sqlState } from '../src/core/db/types.ts';

const CALLS = 60;
const AGENTS = 10;

if (testDatabaseKinds().includes('postgresql')) {
  describe('calls: two instances on one PostgreSQL', () => {
    let t: TestDb;
    let dbB: Db;
    let a: TestServer;
    let b: TestServer;
    let fakeA: FakeTwilio;
    let fakeB: FakeTwilio;
    let org: string;
    const numbers: string[] = [];
    const agents: { id: string; client: TestClient; server: 'a' | 'b'; socket?: LiveClient }[] = [];

    before(async () => {
      t = await openTestDb('postgresql');
      dbB = await openPostgres(t.url!, 10);
      const token = 'shared-twilio-token';
      const twilio = { authToken: token, accountSid: undefined, apiUrl: 'http://127.0.0.1:9' };
      a = await startServer(t.db, { databaseUrl: t.url, twilio });
      b = await startServer(dbB, { databaseUrl: t.url, twilio });
      fakeA = new FakeTwilio(token);
      fakeA.baseUrl = a.baseUrl;
      fakeB = new FakeTwilio(token);
      fakeB.baseUrl = b.baseUrl;
      org = await createOrganisation(t.db);
      const practices = [await createPractice(t.db, org), await createPractice(t.db, org), await createPractice(t.db, org)];
      for (const p of practices) {
        numbers.push(await addNumber(t.db, p));
        // Every agent may take every call at once: the test is about concurrency, not tiers.
        await t.db.query(
          `insert into call_queue_configs (practice_id, organisation_id, trained_after_seconds, pool_after_seconds, max_wait_seconds, max_queue_length)
           values ($1, $2, 0, 0, 3600, 1000)`,
          [p, org],
        );
      }
      for (let i = 0; i < AGENTS; i++) {
        const u = await createUser(t.db, { organisationId: org, role: 'agent' });
        await assign(t.db, u.id, practices[i % 3]!, i < 3);
        const server = i % 2 ? 'b' : 'a';
        const client = (server === 'a' ? a : b).client();
        await client.login(u.email, u.password);
        agents.push({ id: u.id, client, server });
      }
    });
    after(async () => {
      await Promise.all(agents.map((x) => x.socket?.close()));
      await a.close();
      await b.close();
      await dbB.close();
      await t.close();
    });

    it('delivers the screen-pop across instances: webhook on one, agent’s socket on the other', async () => {
      const onB = agents.find((x) => x.server === 'b')!;
      onB.socket = await LiveClient.open(b.baseUrl, cookieOf(onB.client));
      assert.equal((await onB.client.put('/api/agents/me/status', { status: 'available' })).status, 200);
      const { callSid } = await fakeA.incoming({ to: numbers[0]! });
      const offered = await onB.socket.next('call.offered');
      const { rows } = await t.db.query<{ id: string }>('select id from calls where provider_call_id = $1', [callSid]);
      assert.equal(offered.callId, rows[0]!.id);
      await fakeA.hangUp(callSid);
      await onB.socket.next('call.withdrawn');
    });

    it('never gives one call to two agents nor two calls to one agent under concurrent calls', async () => {
      // Simulated agents: answer what rings, talk a little, hang up, end the wrap-up.
      for (const x of agents) {
        x.socket ??= await LiveClient.open((x.server === 'a' ? a : b).baseUrl, cookieOf(x.client));
        x.socket.ws.on('message', (data) => {
          const m = JSON.parse(String(data)) as { type: string; callId?: string };
          if (m.type !== 'call.offered') return;
          void (async () => {
            const answered = await x.client.post(`/api/calls/${m.callId}/answer`);
            if (answered.status !== 200) return;
            await new Promise((r) => setTimeout(r, Math.random() * 30));
            await x.client.post(`/api/calls/${m.callId}/hangup`);
            await x.client.post(`/api/calls/${m.callId}/wrap-up-done`);
          })();
        });
        assert.equal((await x.client.put('/api/agents/me/status', { status: 'available' })).status, 200);
      }
      const sids = await Promise.all(
        Array.from({ length: CALLS }, async (_, i) => {
          const r = await (i % 2 ? fakeB : fakeA).incoming({ to: numbers[i % 3]! });
          assert.equal(r.status, 200);
          return r.callSid;
        }),
      );
      for (let i = 0; ; i++) {
        const { rows } = await t.db.query<{ n: number }>(`select count(*)::int as n from calls where provider_call_id = any($1) and status = 'completed'`, [
          sids,
        ]);
        if (rows[0]!.n === CALLS) break;
        if (i > 600) assert.fail(`only ${rows[0]!.n} of ${CALLS} calls were completed`);
        await new Promise((r) => setTimeout(r, 100));
      }

      const { rows: events } = await t.db.query<{ call_id: string; agent_id: string | null; event: string }>(
        `select e.call_id, e.agent_id, e.event from call_events e join calls c on c.id = e.call_id
          where c.provider_call_id = any($1) order by e.id`,
        [sids],
      );
      // Each call: exactly one CONNECT, and never a second OFFER while one is outstanding.
      const outstanding = new Map<string, string>();
      const holding = new Map<string, string>();
      for (const e of events) {
        if (e.event === 'OFFER') {
          assert.ok(!outstanding.has(e.call_id), `call ${e.call_id} offered twice at once`);
          assert.ok(!holding.has(e.agent_id!), `agent ${e.agent_id} offered a second call while holding one`);
          outstanding.set(e.call_id, e.agent_id!);
          holding.set(e.agent_id!, e.call_id);
        } else if (e.event === 'RING_NO_ANSWER' || e.event === 'WRAPUP') {
          outstanding.delete(e.call_id);
          holding.delete(e.agent_id!);
        }
      }
      const connects = events.filter((e) => e.event === 'CONNECT');
      assert.equal(connects.length, CALLS);
      assert.equal(new Set(connects.map((e) => e.call_id)).size, CALLS);
      // Both instances' dispatchers took part (the calls came in through both).
      const byInstance = new Set(connects.map((e) => agents.find((x) => x.id === e.agent_id)!.server));
      assert.deepEqual([...byInstance].sort(), ['a', 'b']);
    });

    it('has the database refuse a second live call for one agent', async () => {
      const { rows } = await t.db.query<{ id: string }>(`select id from calls where organisation_id = $1 order by created_at limit 2`, [org]);
      const agent = agents[0]!.id;
      await t.db
        .transaction(async (tx) => {
          await tx.query(`update calls set status = 'connected', agent_id = $2 where id = $1`, [rows[0]!.id, agent]);
          await assert.rejects(
            tx.query(`update calls set status = 'connected', agent_id = $2 where id = $1`, [rows[1]!.id, agent]),
            (e) => sqlState(e) === '23505',
          );
          throw Object.assign(new Error('roll back'), { rollback: true });
        })
        .catch((e: { rollback?: boolean }) => {
          if (!e.rollback) throw e;
        });
    });
  });
}
