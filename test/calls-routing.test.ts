import { describe, it, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startServer, type TestClient, type TestServer } from './support/server.ts';
import { createOrganisation, createPractice, createUser } from './support/fixtures.ts';
import { FakeTwilio } from './support/fake-twilio.ts';
import { addNumber, assign } from './support/calls.ts';
import { FakeClock } from '../src/core/time/clock.ts';
import { callsHandle, type CallsHandle } from '../src/calls/module.ts';
import { sqlState } from '../src/core/db/types.ts';

const T0 = Date.parse('2026-03-02T09:00:00+01:00'); // a Monday morning

for (const kind of testDatabaseKinds()) {
  describe(`calls: routing in the database (${kind})`, () => {
    let t: TestDb;
    let server: TestServer;
    let fake: FakeTwilio;
    let calls: CallsHandle;
    let clock: FakeClock;
    let org: string;
    let practice: string;
    let number: string;
    const agents: Record<'dedicated' | 'trained' | 'trained2' | 'pool', { id: string; client: TestClient }> = {} as never;
    let supervisor: TestClient;

    type CallRow = { id: string; status: string; agent_id: string | null; enqueued_at: Date | null; attempts: number; outcome: string | null };
    const callOf = async (callSid: string) =>
      (await t.db.query<CallRow>('select id, status, agent_id, enqueued_at, attempts, outcome from calls where provider_call_id = $1', [callSid])).rows[0]!;
    const eventsOf = async (callId: string) =>
      (
        await t.db.query<{ event: string; agent_id: string | null; data: Record<string, unknown> }>(
          'select event, agent_id, data from call_events where call_id = $1 order by id',
          [callId],
        )
      ).rows;
    const status = async (who: keyof typeof agents, s: string) =>
      assert.equal((await agents[who].client.put('/api/agents/me/status', { status: s })).status, 200);
    const run = () => calls.dispatcher.run(org);
    const enter = async () => {
      const r = await fake.incoming({ to: number });
      assert.equal(r.status, 200);
      await calls.dispatcher.idle();
      return r.callSid;
    };
    const setConfig = (c: Record<string, unknown>) =>
      supervisor.put(`/api/call-queues/${practice}/config`, {
        dedicatedAfterSeconds: 0,
        trainedAfterSeconds: 15,
        poolAfterSeconds: 45,
        maxWaitSeconds: 120,
        maxQueueLength: 5,
        overflowTarget: 'voicemail',
        wrapUpSeconds: 30,
        ringTimeoutSeconds: 15,
        voicemailWhenClosed: true,
        openOnPublicHolidays: false,
        ...c,
      });

    before(async () => {
      t = await openTestDb(kind);
      fake = new FakeTwilio();
      server = await startServer(t.db, { twilio: { authToken: fake.authToken, accountSid: undefined, apiUrl: 'http://127.0.0.1:9' } });
      fake.baseUrl = server.baseUrl;
      calls = callsHandle(server.app.server);
      clock = new FakeClock(T0);
      calls.runtime.clock = clock;
      org = await createOrganisation(t.db);
      practice = await createPractice(t.db, org);
      const other = await createPractice(t.db, org);
      number = await addNumber(t.db, practice);
      const make = async (practices: [string, boolean][]) => {
        const u = await createUser(t.db, { organisationId: org, role: 'agent' });
        for (const [p, dedicated] of practices) await assign(t.db, u.id, p, dedicated);
        const client = server.client();
        await client.login(u.email, u.password);
        return { id: u.id, client };
      };
      agents.dedicated = await make([[practice, true]]);
      agents.trained = await make([[practice, false]]);
      agents.trained2 = await make([[practice, false]]);
      agents.pool = await make([[other, false]]);
      const sup = await createUser(t.db, { organisationId: org, role: 'supervisor' });
      supervisor = server.client();
      await supervisor.login(sup.email, sup.password);
      assert.equal((await setConfig({})).status, 200);
    });
    after(async () => {
      await server.close();
      await t.close();
    });
    beforeEach(async () => {
      // Every test starts with everyone on a break, no call live, and a practice with the default settings above.
      for (const who of Object.keys(agents) as (keyof typeof agents)[]) await status(who, 'break');
      const { rows } = await t.db.query<{ provider_call_id: string }>(
        `select provider_call_id from calls where status in ('queued', 'ringing', 'connected', 'overflowed')`,
      );
      for (const r of rows) await fake.hangUp(r.provider_call_id);
      await t.db.query(`update calls set wrap_up_until = $1 where status = 'wrap_up'`, [new Date(clock.nowMs())]);
      await run();
      await setConfig({});
      clock.advance(600_000);
    });

    it('widens from the dedicated secretary to trained agents at 15 s, to the pool at 45 s', async () => {
      await status('pool', 'available');
      await status('trained', 'available');
      const sid = await enter();
      clock.advance(14_000);
      await run();
      assert.equal((await callOf(sid)).status, 'queued', 'at 14 s only the dedicated secretary (on a break) may take it');
      clock.advance(1_000);
      await run();
      let call = await callOf(sid);
      assert.deepEqual([call.status, call.agent_id], ['ringing', agents.trained.id]);
      assert.deepEqual((await eventsOf(call.id)).find((e) => e.event === 'OFFER')!.data, { attempt: 1, tier: 'trained', waitSeconds: 15 });

      // The trained agent declines; alone left is the pool agent, who may take it from 45 s.
      assert.equal((await agents.trained.client.post(`/api/calls/${call.id}/hangup`)).status, 200);
      await calls.dispatcher.idle();
      clock.advance(29_000);
      await run();
      assert.equal((await callOf(sid)).status, 'queued', 'at 44 s the pool is not open yet');
      clock.advance(1_000);
      await run();
      call = await callOf(sid);
      assert.deepEqual([call.status, call.agent_id, call.attempts], ['ringing', agents.pool.id, 2]);
      assert.deepEqual((await eventsOf(call.id)).filter((e) => e.event === 'OFFER').at(-1)!.data, { attempt: 2, tier: 'pool', waitSeconds: 45 });
    });

    it('gives the call to the agent idle the longest (since her last call or her log-in)', async () => {
      await status('trained2', 'logged_out');
      await status('trained', 'logged_out');
      await status('trained2', 'available');
      clock.advance(5_000);
      await status('trained', 'available');
      const sid = await enter();
      clock.advance(15_000);
      await run();
      assert.equal((await callOf(sid)).agent_id, agents.trained2.id);
    });

    it('puts an unanswered call back at its place and pauses the agent who let it ring', async () => {
      await status('dedicated', 'available');
      const first = await enter();
      const firstCall = await callOf(first);
      assert.equal(firstCall.agent_id, agents.dedicated.id);
      clock.advance(5_000);
      const second = await enter();
      clock.advance(10_000); // the first has rung 15 s: the ring timeout
      await run();
      const back = await callOf(first);
      assert.deepEqual([back.status, back.agent_id, back.attempts], ['queued', null, 1]);
      assert.equal(back.enqueued_at!.getTime(), firstCall.enqueued_at!.getTime(), 'its place in the queue is unchanged');
      const events = await eventsOf(back.id);
      assert.deepEqual(
        events.map((e) => e.event),
        ['ENTER', 'OFFER', 'RING_NO_ANSWER'],
      );
      assert.deepEqual(events[2]!.data, { attempt: 1, ringSeconds: 15 });
      const list = await supervisor.get<{ items: { id: string; status: string; statusReason: string | null; systemState: string }[] }>('/api/agents');
      const paused = list.body.items.find((a) => a.id === agents.dedicated.id)!;
      assert.deepEqual([paused.status, paused.statusReason, paused.systemState], ['break', 'ring_no_answer', 'idle']);
      const pause = await t.db.query<{ data: unknown }>(`select data from call_events where agent_id = $1 and event = 'PAUSE' order by id desc limit 1`, [
        agents.dedicated.id,
      ]);
      assert.deepEqual(pause.rows[0]!.data, { status: 'break', reason: 'ring_no_answer' });

      // The next free agent takes the first caller before the one who came after.
      await status('trained', 'available');
      await calls.dispatcher.idle();
      assert.equal((await callOf(first)).agent_id, agents.trained.id);
      assert.equal((await callOf(second)).status, 'queued');
    });

    it('sends a call that waited the maximum wait to voicemail', async () => {
      const sid = await enter();
      clock.advance(119_000);
      await run();
      assert.equal((await callOf(sid)).status, 'queued');
      clock.advance(1_000);
      await run();
      const call = await callOf(sid);
      assert.equal(call.status, 'overflowed');
      assert.deepEqual(
        (await eventsOf(call.id)).map((e) => [e.event, e.data]),
        [
          ['ENTER', { urgent: false }],
          ['TIMEOUT', { waitSeconds: 120, target: 'voicemail' }],
        ],
      );
      // The hold loop takes the caller out; leaving the queue leads to the voicemail.
      assert.deepEqual(
        (await fake.waiting(sid)).verbs.map((v) => v.verb),
        ['Leave'],
      );
      const exit = await fake.leftQueue(sid, 'leave');
      assert.deepEqual(
        exit.verbs.map((v) => v.verb),
        ['Say', 'Say', 'Record'],
      );
      await fake.recorded(sid, 31);
      const after = await callOf(sid);
      assert.deepEqual([after.status, after.outcome], ['voicemail', 'voicemail']);
      assert.deepEqual((await eventsOf(call.id)).at(-1)!.data, { durationSeconds: 31, recording: `https://api.twilio.test/Recordings/RE${sid.slice(2)}` });
    });

    it('overflows the calls beyond the maximum queue length to a callback request', async () => {
      assert.equal((await setConfig({ maxQueueLength: 2, overflowTarget: 'callback' })).status, 200);
      const sids: string[] = [];
      for (let i = 0; i < 3; i++) {
        sids.push(await enter());
        clock.advance(1_000);
      }
      const statuses = await Promise.all(sids.map(async (s) => (await callOf(s)).status));
      assert.deepEqual(statuses, ['queued', 'queued', 'overflowed']);
      const third = await callOf(sids[2]!);
      assert.equal(third.outcome, 'callback');
      assert.deepEqual((await eventsOf(third.id)).at(-1), { event: 'OVERFLOW', agent_id: null, data: { waitSeconds: 0, queueLength: 3, target: 'callback' } });
      assert.equal(third.agent_id, null);
      const exit = await fake.leftQueue(sids[2]!, 'leave');
      assert.deepEqual(
        exit.verbs.map((v) => v.verb),
        ['Say', 'Hangup'],
      );
      assert.match(exit.verbs[0]!.text, /rappel/);
    });

    it('ends the wrap-up by itself after the practice’s wrap-up time', async () => {
      await status('dedicated', 'available');
      const sid = await enter();
      const call = await callOf(sid);
      assert.equal((await agents.dedicated.client.post(`/api/calls/${call.id}/answer`)).status, 200);
      clock.advance(60_000);
      assert.equal((await fake.hangUp(sid)).status, 200); // the caller hangs up
      clock.advance(29_000);
      await run();
      assert.equal((await callOf(sid)).status, 'wrap_up');
      clock.advance(1_000);
      await run();
      assert.equal((await callOf(sid)).status, 'completed');
      assert.deepEqual(
        (await eventsOf(call.id)).slice(-2).map((e) => [e.event, e.data]),
        [
          ['COMPLETE', { by: 'caller', talkSeconds: 60 }],
          ['WRAPUP', { wrapUpSeconds: 30, by: 'timer' }],
        ],
      );
      const me = await agents.dedicated.client.get<{ systemState: string; idleSince: string }>('/api/agents/me');
      assert.equal(me.body.systemState, 'idle');
      assert.equal(me.body.idleSince, new Date(clock.nowMs()).toISOString());
    });

    it('refuses a call answered by an agent it was not offered to', async () => {
      await status('dedicated', 'available');
      const call = await callOf(await enter());
      const r = await agents.trained.client.post<{ error: { code: string } }>(`/api/calls/${call.id}/answer`);
      assert.equal(r.status, 409);
      assert.equal(r.body.error.code, 'call_state_changed');
      // An agent of another practice who was not offered the call does not see it at all.
      assert.equal((await agents.pool.client.post(`/api/calls/${call.id}/answer`)).status, 404);
    });

    it('records agents’ log-in, pauses and log-off in the call log', async () => {
      const a = agents.trained2;
      await status('trained2', 'logged_out');
      const from = (await t.db.query<{ id: number }>('select coalesce(max(id), 0) as id from call_events')).rows[0]!.id;
      await status('trained2', 'available');
      await status('trained2', 'lunch');
      await status('trained2', 'available');
      await status('trained2', 'logged_out');
      const { rows } = await t.db.query<{ event: string; data: unknown; call_id: string | null }>(
        'select event, data, call_id from call_events where agent_id = $1 and id > $2 order by id',
        [a.id, from],
      );
      assert.deepEqual(
        rows.map((r) => [r.event, r.data]),
        [
          ['LOGIN', { status: 'available' }],
          ['PAUSE', { status: 'lunch', reason: null }],
          ['UNPAUSE', { from: 'lunch' }],
          ['LOGOFF', {}],
        ],
      );
      assert.ok(rows.every((r) => r.call_id === null));
      // A supervisor is no agent: no status of his own.
      assert.equal((await supervisor.put('/api/agents/me/status', { status: 'available' })).status, 403);
      assert.equal((await agents.trained.client.get('/api/agents')).status, 403);
    });

    it('guards in the database: one call per agent, one agent per call, and an append-only call log', async () => {
      await enter();
      await enter();
      const { rows } = await t.db.query<{ id: string }>(`select id from calls where status = 'queued' order by enqueued_at limit 2`);
      assert.equal(rows.length, 2);
      const ringAt = (callId: string, agentId: string) =>
        t.db.query(`update calls set status = 'ringing', agent_id = $2, offered_at = now() where id = $1`, [callId, agentId]);
      await ringAt(rows[0]!.id, agents.dedicated.id);
      await assert.rejects(ringAt(rows[1]!.id, agents.dedicated.id), (e) => sqlState(e) === '23505');
      await t.db.query(`update agent_states set system_state = 'ringing', call_id = $2 where user_id = $1`, [agents.dedicated.id, rows[0]!.id]);
      await assert.rejects(
        t.db.query(`update agent_states set system_state = 'ringing', call_id = $2 where user_id = $1`, [agents.trained.id, rows[0]!.id]),
        (e) => sqlState(e) === '23505',
      );
      // Put things back as the dispatcher would have left them.
      await t.db.query(`update agent_states set system_state = 'idle', call_id = null where user_id = $1`, [agents.dedicated.id]);
      await t.db.query(`update calls set status = 'queued', agent_id = null, offered_at = null where id = $1`, [rows[0]!.id]);

      await assert.rejects(t.db.query(`update call_events set data = '{}' where call_id = $1`, [rows[0]!.id]), (e) => sqlState(e) === '42501');
      await assert.rejects(t.db.query('delete from call_events where call_id = $1', [rows[0]!.id]), (e) => sqlState(e) === '42501');
      await assert.rejects(t.db.query('truncate call_events cascade'), (e) => sqlState(e) === '42501');
    });
  });
}
