import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startServer, type TestClient, type TestServer, type ErrorResponseBody } from './support/server.ts';
import { createOrganisation, createPractice, createUser } from './support/fixtures.ts';
import { FakeTwilio, newCallSid, twilioSign, type Command } from './support/fake-twilio.ts';
import { addNumber, assign } from './support/calls.ts';
import { FakeClock } from '../src/core/time/clock.ts';
import { callsHandle, type CallsHandle } from '../src/calls/module.ts';
import { SYSTEM_CLOCK } from '../src/calls/runtime.ts';

for (const kind of testDatabaseKinds()) {
  describe(`calls: the Twilio webhooks (${kind})`, () => {
    let t: TestDb;
    let server: TestServer;
    let fake: FakeTwilio;
    let calls: CallsHandle;
    let org: string;
    let practice: string;
    let number: string;
    let agent: { id: string; email: string; password: string };
    let agentClient: TestClient;

    const callOf = async (callSid: string) =>
      (
        await t.db.query<{ id: string; status: string; urgent: boolean; outcome: string | null; agent_id: string | null }>(
          'select id, status, urgent, outcome, agent_id from calls where provider_call_id = $1',
          [callSid],
        )
      ).rows[0];
    const eventsOf = async (callId: string) =>
      (await t.db.query<{ event: string; data: Record<string, unknown> }>('select event, data from call_events where call_id = $1 order by id', [callId])).rows;
    const setStatus = async (status: string) => assert.equal((await agentClient.put('/api/agents/me/status', { status })).status, 200);
    const settle = () => calls.dispatcher.idle();
    async function commandFor(callSid: string, n = 1): Promise<Command[]> {
      for (let i = 0; i < 200; i++) {
        const found = fake.commands.filter((c) => c.callSid === callSid);
        if (found.length >= n) return found;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`the carrier received no command for ${callSid}`);
    }

    before(async () => {
      t = await openTestDb(kind);
      fake = new FakeTwilio();
      const apiUrl = await fake.startRestApi();
      server = await startServer(t.db, {
        twilio: { authToken: fake.authToken, accountSid: fake.accountSid, apiUrl },
      });
      fake.baseUrl = server.baseUrl;
      calls = callsHandle(server.app.server);
      org = await createOrganisation(t.db);
      practice = await createPractice(t.db, org);
      number = await addNumber(t.db, practice);
      agent = await createUser(t.db, { organisationId: org, role: 'agent' });
      await assign(t.db, agent.id, practice, true);
      agentClient = server.client();
      await agentClient.login(agent.email, agent.password);
    });
    after(async () => {
      await server.close();
      await fake.close();
      await t.close();
    });

    it('refuses forged and unsigned webhooks with 403 and records nothing', async () => {
      const callSid = newCallSid();
      const params = { CallSid: callSid, To: number, From: '+33612345678', CallStatus: 'ringing', Direction: 'inbound' };
      const unsigned = await fake.post('/voice', params, null);
      const forged = await fake.post('/voice', params, twilioSign('not-the-token', `${server.baseUrl}/api/telephony/twilio/voice`, params));
      // Signed for other parameters (the caller's number changed on the way).
      const tampered = await fake.post(
        '/voice',
        params,
        twilioSign(fake.authToken, `${server.baseUrl}/api/telephony/twilio/voice`, { ...params, From: '+33699999999' }),
      );
      const otherUrl = await fake.post('/voice', params, twilioSign(fake.authToken, `${server.baseUrl}/api/telephony/twilio/menu`, params));
      for (const r of [unsigned, forged, tampered, otherUrl]) {
        assert.equal(r.status, 403);
        assert.equal((JSON.parse(r.text) as ErrorResponseBody).error.code, 'signature_invalid');
      }
      const hangup = await fake.post('/status', { CallSid: callSid, CallStatus: 'completed' }, 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=');
      assert.equal(hangup.status, 403);
      assert.equal(await callOf(callSid), undefined);
      const { rows } = await t.db.query<{ n: number }>('select count(*)::int as n from call_events where organisation_id = $1', [org]);
      assert.equal(rows[0]!.n, 0);
    });

    it('takes a call into the practice queue behind the voice menu, rings the agent, connects and wraps up', async () => {
      await setStatus('available');
      const { callSid, status, verbs } = await fake.incoming({ to: number, from: '06 12 34 56 78' });
      assert.equal(status, 200);
      assert.deepEqual(
        verbs.map((v) => v.verb),
        ['Gather', 'Enqueue'],
      );
      const prompt = verbs[0]!.children[0]!;
      assert.equal(prompt.verb, 'Say');
      assert.equal(prompt.attrs.language, 'fr-FR');
      assert.match(prompt.text, /composez le 15/);
      assert.match(prompt.text, /tapez 1/);
      assert.match(verbs[0]!.attrs.action!, /\/api\/telephony\/twilio\/menu$/);
      assert.match(verbs[1]!.attrs.waitUrl!, /\/api\/telephony\/twilio\/wait$/);

      await settle();
      const ringing = (await callOf(callSid))!;
      assert.equal(ringing.status, 'ringing');
      assert.equal(ringing.agent_id, agent.id);

      const answered = await agentClient.post<{ status: string; callerNumber: string }>(`/api/calls/${ringing.id}/answer`);
      assert.equal(answered.status, 200);
      assert.equal(answered.body.status, 'connected');
      assert.equal(answered.body.callerNumber, '+33612345678');
      // The carrier is told to bridge the caller to the agent's softphone.
      const [connect] = await commandFor(callSid);
      assert.deepEqual(
        connect!.verbs.map((v) => v.verb),
        ['Dial', 'Hangup'],
      );
      assert.equal(connect!.verbs[0]!.children[0]!.text, `agent_${agent.id.replace(/-/g, '')}`);

      const hung = await agentClient.post<{ status: string }>(`/api/calls/${ringing.id}/hangup`);
      assert.equal(hung.body.status, 'wrap_up');
      const commands = await commandFor(callSid, 2);
      assert.equal(commands[1]!.fields.Status, 'completed');
      // The carrier's status callback after the agent hung up changes nothing more.
      assert.equal((await fake.hangUp(callSid)).status, 200);
      assert.equal((await callOf(callSid))!.status, 'wrap_up');
      const done = await agentClient.post<{ status: string }>(`/api/calls/${ringing.id}/wrap-up-done`);
      assert.equal(done.body.status, 'completed');
      assert.deepEqual(
        (await eventsOf(ringing.id)).map((e) => e.event),
        ['ENTER', 'OFFER', 'CONNECT', 'COMPLETE', 'WRAPUP'],
      );
      const me = await agentClient.get<{ systemState: string; status: string }>('/api/agents/me');
      assert.equal(me.body.systemState, 'idle');
      assert.equal(me.body.status, 'available');
    });

    it('moves a call marked urgent with key 1 ahead, and traces it', async () => {
      await setStatus('break');
      const first = await fake.incoming({ to: number });
      const second = await fake.incoming({ to: number });
      const pressed = await fake.press(second.callSid, '1');
      assert.deepEqual(
        pressed.verbs.map((v) => v.verb),
        ['Say', 'Enqueue'],
      );
      assert.match(pressed.verbs[0]!.text, /urgent/);
      const urgent = (await callOf(second.callSid))!;
      assert.equal(urgent.urgent, true);
      assert.deepEqual(
        (await eventsOf(urgent.id)).map((e) => e.event),
        ['ENTER', 'URGENT'],
      );
      await setStatus('available');
      await settle();
      assert.equal((await callOf(second.callSid))!.status, 'ringing', 'the urgent call rings first');
      assert.equal((await callOf(first.callSid))!.status, 'queued');
      // Both callers hang up: two abandons, one while ringing (the agent is freed), one while waiting.
      await fake.hangUp(second.callSid);
      await setStatus('break');
      await fake.hangUp(first.callSid);
      await settle();
      const a = (await callOf(second.callSid))!;
      const b = (await callOf(first.callSid))!;
      assert.deepEqual([a.status, a.outcome, b.status, b.outcome], ['abandoned', 'abandoned', 'abandoned', 'abandoned']);
      assert.deepEqual((await eventsOf(a.id)).at(-1), { event: 'ABANDON', data: { waitSeconds: 0, phase: 'ringing' } });
      assert.equal((await eventsOf(b.id)).at(-1)!.event, 'ABANDON');
      // The hold loop lets a caller who is no longer waiting out of the queue.
      assert.deepEqual(
        (await fake.waiting(first.callSid)).verbs.map((v) => v.verb),
        ['Leave'],
      );
    });

    it('answers a retried webhook without a second call', async () => {
      const callSid = newCallSid();
      await fake.incoming({ to: number, callSid });
      const again = await fake.incoming({ to: number, callSid });
      assert.equal(again.status, 200);
      assert.deepEqual(
        again.verbs.map((v) => v.verb),
        ['Enqueue'],
      );
      const { rows } = await t.db.query<{ n: number }>(
        `select count(*)::int as n from call_events e join calls c on c.id = e.call_id where c.provider_call_id = $1 and e.event = 'ENTER'`,
        [callSid],
      );
      assert.equal(rows[0]!.n, 1);
      await fake.hangUp(callSid);
    });

    it('hangs up on a number that belongs to no practice, recording nothing', async () => {
      const r = await fake.incoming({ to: '+33149999999' });
      assert.deepEqual(
        r.verbs.map((v) => v.verb),
        ['Say', 'Hangup'],
      );
      assert.equal(await callOf(r.callSid), undefined);
    });

    it('closes the line on a regional holiday (22 May in Martinique), points to the 15, then takes a message', async () => {
      const mq = await createPractice(t.db, org, { region: 'martinique', timeZone: 'America/Martinique' });
      const hours = [['08:00', '18:00']];
      await t.db.query('update practices set service_hours = $2 where id = $1', [
        mq,
        JSON.stringify({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours }),
      ]);
      const mqNumber = await addNumber(t.db, mq);
      calls.runtime.clock = new FakeClock(Date.parse('2026-05-22T10:00:00-04:00')); // a Friday, 10:00 in Fort-de-France
      try {
        const r = await fake.incoming({ to: mqNumber });
        assert.deepEqual(
          r.verbs.map((v) => v.verb),
          ['Say', 'Say', 'Record'],
        );
        assert.match(r.verbs[0]!.text, /fermé/);
        assert.match(r.verbs[0]!.text, /composez le 15/);
        const call = (await callOf(r.callSid))!;
        assert.equal(call.status, 'closed');
        assert.deepEqual(await eventsOf(call.id), [{ event: 'CLOSED', data: { reason: 'holiday', voicemail: true } }]);
        const after = await fake.recorded(r.callSid, 23);
        assert.deepEqual(
          after.verbs.map((v) => v.verb),
          ['Say', 'Hangup'],
        );
        const left = (await callOf(r.callSid))!;
        assert.deepEqual([left.status, left.outcome], ['voicemail', 'voicemail']);
        assert.equal((await eventsOf(call.id)).at(-1)!.event, 'VOICEMAIL');

        // The day before, 10:00 local, the same line is answered.
        (calls.runtime.clock as FakeClock).set(Date.parse('2026-05-21T10:00:00-04:00'));
        const open = await fake.incoming({ to: mqNumber });
        assert.deepEqual(
          open.verbs.map((v) => v.verb),
          ['Gather', 'Enqueue'],
        );
        await fake.hangUp(open.callSid);

        // A practice that wants no voicemail: the announcement, then the line hangs up.
        await t.db.query(`insert into call_queue_configs (practice_id, organisation_id, voicemail_when_closed) values ($1, $2, false)`, [mq, org]);
        (calls.runtime.clock as FakeClock).set(Date.parse('2026-05-23T10:00:00-04:00')); // a Saturday: closed
        const noVoicemail = await fake.incoming({ to: mqNumber });
        assert.deepEqual(
          noVoicemail.verbs.map((v) => v.verb),
          ['Say', 'Hangup'],
        );
        assert.deepEqual((await eventsOf((await callOf(noVoicemail.callSid))!.id))[0], { event: 'CLOSED', data: { reason: 'hours', voicemail: false } });
      } finally {
        calls.runtime.clock = SYSTEM_CLOCK;
      }
    });
  });
}
