/**
 * A transaction the database aborts for concurrency runs again from the start (core/db/retry.ts). The calls
 * capability builds its after-commit effects inside the transaction function, so that a retried
 * transaction sends nothing twice: here every transaction fails once with a serialisation failure
 * (SQLSTATE 40001, raised by the database itself) and commits on its second attempt, and the carrier still
 * receives each command once and the console each live event once.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startServer, type TestClient, type TestServer } from './support/server.ts';
import { createOrganisation, createPractice, createUser } from './support/fixtures.ts';
import { FakeTwilio } from './support/fake-twilio.ts';
import { addNumber, assign, cookieOf, LiveClient } from './support/calls.ts';
import { callsHandle, type CallsHandle } from '../src/calls/module.ts';
import type { CallRef, TelephonyCommands } from '../src/calls/telephony/port.ts';
import type { Db } from '../src/core/db/types.ts';

/** The database, except that while `armed` each transaction fails once, at its end, as a serialisation failure would. */
function failingOnce(db: Db): Db & { armed: boolean; failures: number } {
  const wrapper = {
    ...db,
    armed: false,
    failures: 0,
    transaction<T>(fn: Parameters<Db['transaction']>[0]): Promise<T> {
      let failed = false;
      return db.transaction(async (tx) => {
        const result = (await fn(tx)) as T;
        if (wrapper.armed && !failed) {
          failed = true;
          wrapper.failures++;
          await tx.query(`do $$ begin raise exception 'forced serialisation failure' using errcode = '40001'; end $$`);
        }
        return result;
      });
    },
  };
  return wrapper;
}

for (const kind of testDatabaseKinds()) {
  describe(`calls: a retried transaction sends its effects once (${kind})`, () => {
    let t: TestDb;
    let db: ReturnType<typeof failingOnce>;
    let server: TestServer;
    let fake: FakeTwilio;
    let calls: CallsHandle;
    let agentClient: TestClient;
    let number: string;
    const sent: { command: string; callId: string }[] = [];
    const record = (command: string) => async (call: CallRef) => {
      sent.push({ command, callId: call.callId });
    };
    const recorder: TelephonyCommands = {
      ringAgent: record('ringAgent'),
      connect: record('connect'),
      transfer: record('transfer'),
      playAnnouncement: record('playAnnouncement'),
      voicemail: record('voicemail'),
      callback: record('callback'),
      hangUp: record('hangUp'),
    };

    before(async () => {
      t = await openTestDb(kind);
      db = failingOnce(t.db);
      fake = new FakeTwilio();
      server = await startServer(db, { twilio: { authToken: fake.authToken, accountSid: undefined, apiUrl: 'http://127.0.0.1:9' } });
      fake.baseUrl = server.baseUrl;
      calls = callsHandle(server.app.server);
      calls.runtime.commandsFor = () => recorder;
      const org = await createOrganisation(t.db);
      const practice = await createPractice(t.db, org);
      number = await addNumber(t.db, practice);
      const agent = await createUser(t.db, { organisationId: org, role: 'agent' });
      await assign(t.db, agent.id, practice, true);
      agentClient = server.client();
      await agentClient.login(agent.email, agent.password);
      assert.equal((await agentClient.put('/api/agents/me/status', { status: 'available' })).status, 200);
    });
    after(async () => {
      await server.close();
      await t.close();
    });

    it('rings the agent once, pops the call once and connects it once although every transaction was retried', async () => {
      const socket = await LiveClient.open(server.baseUrl, cookieOf(agentClient));
      db.armed = true;
      const { callSid } = await fake.incoming({ to: number, from: '+33612345678' });
      const offered = await socket.next('call.offered');
      await calls.dispatcher.idle();
      assert.equal((await agentClient.post(`/api/calls/${offered.callId}/answer`)).status, 200);
      await socket.next('call.state', (m) => m.callId === offered.callId && m.status === 'connected');
      await calls.dispatcher.idle();
      db.armed = false;
      assert.ok(db.failures >= 2, `the intake, the dispatch and the answer each failed once (${db.failures} failures)`);

      // Every message the server sent before the pong has arrived.
      socket.ws.send(JSON.stringify({ type: 'ping' }));
      await socket.next('pong');
      assert.deepEqual(
        sent.filter((c) => c.callId === offered.callId).map((c) => c.command),
        ['ringAgent', 'connect'],
      );
      assert.equal(socket.of('call.offered').filter((m) => m.callId === offered.callId).length, 1);
      assert.equal(socket.of('call.state').filter((m) => m.callId === offered.callId && m.status === 'connected').length, 1);
      const { rows } = await t.db.query<{ event: string }>(`select event from call_events where call_id = $1 and event in ('OFFER', 'CONNECT') order by id`, [
        offered.callId,
      ]);
      assert.deepEqual(
        rows.map((r) => r.event),
        ['OFFER', 'CONNECT'],
      );
      await fake.hangUp(callSid);
      await socket.close();
    });
  });
}
