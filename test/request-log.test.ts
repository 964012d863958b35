// The whole log of a patient's day — created, searched by name, phone and birth date, booked, a message taken,
// his confirmation sent, his link opened — holds none of his name, phone, birth date, e-mail or link token.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { TestClient } from './support/server.ts';
import { agentClient, createAgendaWorld, type AgendaWorld } from './support/agenda-fixtures.ts';
import { FAST_WORKERS } from './support/notify-stack.ts';
import { buildApp } from '../src/server.ts';
import { loadConfig, type Config } from '../src/core/config.ts';
import { loggerOptions } from '../src/core/http/request-log.ts';
import { startAppWorkers } from '../src/background.ts';
import type { Workers } from '../src/core/delivery/workers.ts';
import { transportsFromConfig } from '../src/core/delivery/transports/index.ts';

const letters = (n: number) => Array.from({ length: n }, () => String.fromCharCode(97 + randomInt(26))).join('');

for (const kind of testDatabaseKinds()) {
  describe(`request logs carry no patient data (${kind})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let workers: Workers;
    let w: AgendaWorld;
    let base: string;
    const lines: string[] = [];

    before(async () => {
      t = await openTestDb(kind);
      // No SMTP or SMS configured: notifications go through the log transport, as in the demo.
      const config: Config = { ...loadConfig({}), publicUrl: 'https://relais.test' };
      app = await buildApp({ db: t.db, config, logger: loggerOptions('info', { write: (line: string) => void lines.push(line) }) });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address();
      base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      const log = {
        info: (f: object, m: string) => app.log.info(f, m),
        warn: (f: object, m: string) => app.log.warn(f, m),
        error: (f: object, m: string) => app.log.error(f, m),
      };
      workers = await startAppWorkers(t.db, { transports: transportsFromConfig(config, log.info), config, log, tuning: FAST_WORKERS });
      w = await createAgendaWorld(t.db, { patients: 0 });
    });
    after(async () => {
      await workers?.stop();
      await app?.close();
      await t?.close();
    });

    it('logs route patterns and ids only', async () => {
      const agent = await agentClient({ baseUrl: base, client: () => new TestClient(base) } as never, w);
      const name = `Zq${letters(10)}`;
      const given = `Yv${letters(8)}`;
      const phone = `+3361${String(randomInt(10_000_000)).padStart(7, '0')}`;
      const email = `${name.toLowerCase()}@example.fr`;
      const created = await agent.post<{ id: string }>('/api/patients', {
        practiceId: w.practiceId,
        birthName: name,
        firstGivenName: given,
        birthDate: '1987-11-23',
        sex: 'F',
        mobilePhone: phone,
        email,
      });
      assert.equal(created.status, 201, created.text);
      const patientId = created.body.id;
      const localPhone = `0${phone.slice(3)}`;
      for (const q of [name, `${name} ${given}`, localPhone, '23/11/1987']) {
        const r = await agent.get<{ items: { id: string }[] }>(`/api/patients?q=${encodeURIComponent(q)}`);
        assert.ok(
          r.body.items.some((p) => p.id === patientId),
          `search by ${q}`,
        );
      }
      assert.equal((await agent.get(`/api/patients/${patientId}`)).status, 200);
      const slots = await agent.get<{ start: string }[]>(`/api/slots/next?practitionerIds=${w.practitionerId}&motifId=${w.motifId}&limit=1`);
      const booked = await agent.post<{ id: string }>('/api/appointments', {
        practitionerId: w.practitionerId,
        patientId,
        motifId: w.motifId,
        start: slots.body[0]!.start,
      });
      assert.equal(booked.status, 201, booked.text);
      const message = await agent.post('/api/messages', {
        practiceId: w.practiceId,
        practitionerId: w.practitionerId,
        type: 'task',
        patientId,
        callbackNumber: localPhone,
        body: `${name} ${given} rappellera.`,
      });
      assert.equal(message.status, 201, message.text);

      // The confirmation is "sent" through the log transport; its text (kept in the database) holds the link.
      let token: string | undefined;
      for (let i = 0; i < 200 && !token; i++) {
        const { rows } = await t.db.query<{ body: string | null }>(
          `select body from deliveries where patient_id = $1 and status <> 'queued' and body is not null`,
          [patientId],
        );
        token = rows.map((r) => /\/l\/([A-Za-z0-9_-]+)/.exec(r.body ?? '')?.[1]).find(Boolean);
        if (!token) await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(token, 'the confirmation was rendered with its link');
      let statuses: string[] = [];
      for (let i = 0; i < 200 && !statuses.includes('logged'); i++) {
        statuses = (await t.db.query<{ status: string }>('select status from deliveries where patient_id = $1', [patientId])).rows.map((r) => r.status);
        if (!statuses.includes('logged')) await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(statuses.includes('logged') && !statuses.includes('sent'), `no transport ran, yet: ${statuses.join(', ')}`);
      const view = await new TestClient(base).get(`/api/public/links/${token}`);
      assert.equal(view.status, 200, view.text);

      const log = lines.join('');
      assert.match(log, /"route":"\/api\/patients"/);
      assert.match(log, /"route":"\/api\/public\/links\/:token"/);
      assert.ok(log.includes(`"ids":{"id":"${patientId}"}`), 'path ids are logged');
      assert.match(log, /"deliveryId":"[0-9a-f-]{36}"/);
      for (const secret of [
        name,
        name.toLowerCase(),
        name.toUpperCase(),
        given,
        phone,
        phone.slice(1),
        localPhone,
        '1987-11-23',
        '23/11/1987',
        '23%2F11%2F1987',
        email,
        token!,
      ]) {
        assert.ok(!log.includes(secret), `the log holds ${secret === token ? 'the link token' : secret}`);
      }
      console.log(`[request log ${kind}] ${lines.length} lines, none with the patient's data`);
    });
  });
}
