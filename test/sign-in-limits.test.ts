// Sign-in under attack: parallel guesses, password spraying, progressive delay, and the owner still let in
// from a known device or after an administrator unlocks his account.
import { describe, it, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startServer, type TestServer, type ErrorResponseBody } from './support/server.ts';
import { createOrganisation, createUser } from './support/fixtures.ts';
import { SIGN_IN_LIMITS } from '../src/session/service.ts';

type RateLimited = ErrorResponseBody & { error: { details: { retryAfterSeconds: number } } };

for (const kind of testDatabaseKinds()) {
  describe(`sign-in limits (${kind})`, () => {
    let t: TestDb;
    let server: TestServer;
    let org: string;

    before(async () => {
      t = await openTestDb(kind);
      server = await startServer(t.db);
      org = await createOrganisation(t.db);
    });
    after(async () => {
      await server?.close();
      await t?.close();
    });
    // Every test signs in from 127.0.0.1: each starts with the address's counter clear.
    beforeEach(async () => {
      await t.db.query(`delete from sign_in_limits where key like 'source:%'`);
    });

    const attempt = (email: string, password: string, client = server.client()) => client.post<RateLimited>('/api/session', { email, password });

    it('checks at most 10 of 60 parallel guesses on one account', async () => {
      const victim = await createUser(t.db, { organisationId: org, role: 'agent' });
      const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => attempt(victim.email, `guess-${i}`)));
      const checked = answers.filter((r) => r.status === 401).length;
      const limited = answers.filter((r) => r.status === 429);
      console.log(`[sign-in ${kind}] 60 parallel guesses: ${checked} checked, ${limited.length} refused unchecked`);
      assert.ok(checked <= SIGN_IN_LIMITS.account.maxAttempts, `${checked} guesses checked`);
      assert.equal(checked + limited.length, 60);
      for (const r of limited) {
        assert.equal(r.body.error.code, 'rate_limited');
        assert.ok(r.body.error.details.retryAfterSeconds >= 1);
        assert.equal(r.headers.get('retry-after'), String(r.body.error.details.retryAfterSeconds));
      }
    });

    it('delays guesses progressively and says when to retry', async () => {
      const victim = await createUser(t.db, { organisationId: org, role: 'agent' });
      const free = SIGN_IN_LIMITS.account.freeFailures;
      for (let i = 0; i <= free; i++) assert.equal((await attempt(victim.email, `guess-${i}`)).status, 401);
      const first = await attempt(victim.email, victim.password);
      assert.equal(first.status, 429);
      assert.equal(first.body.error.details.retryAfterSeconds, 1);
      // The delay over (moved back in the database rather than waited for), the next failure doubles it.
      await t.db.query(`update sign_in_limits set next_allowed_at = now() - interval '1 second' where key = $1`, [`account:${victim.email}`]);
      assert.equal((await attempt(victim.email, 'guess-again')).status, 401);
      assert.equal((await attempt(victim.email, victim.password)).body.error.details.retryAfterSeconds, 2);
      await t.db.query(`update sign_in_limits set next_allowed_at = now() - interval '1 second' where key = $1`, [`account:${victim.email}`]);
      await server.client().login(victim.email, victim.password);
    });

    it('limits a password sprayed over many e-mails from one address', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await attempt(`spray-${i}@test.relais.fr`, 'Printemps2026!')).status);
      const checked = statuses.filter((s) => s === 401).length;
      console.log(`[sign-in ${kind}] password spray over 40 e-mails: ${checked} checked`);
      assert.ok(checked <= SIGN_IN_LIMITS.source.maxAttempts, `${checked} sprayed guesses checked`);
      assert.equal(statuses.at(-1), 429);
    });

    it('lets the owner in from a known device while his account is locked by guesses from elsewhere', async () => {
      const owner = await createUser(t.db, { organisationId: org, role: 'agent' });
      const workstation = server.client();
      await workstation.login(owner.email, owner.password);
      await workstation.delete('/api/session');
      await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(owner.email, `guess-${i}`)));
      assert.equal((await attempt(owner.email, owner.password)).status, 429, 'locked for an unknown device');
      await workstation.login(owner.email, owner.password);
      assert.equal((await workstation.get('/api/me')).status, 200);
      assert.equal((await attempt(owner.email, owner.password)).status, 429, 'still locked for everyone else');
      // A guesser on the known device itself is limited by that device's own counter.
      await workstation.delete('/api/session');
      const onDevice = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(owner.email, `guess-${i}`, workstation)));
      assert.ok(onDevice.filter((r) => r.status === 401).length <= SIGN_IN_LIMITS.device.maxAttempts);
    });

    it('refuses a forged or another account’s device cookie', async () => {
      const a = await createUser(t.db, { organisationId: org, role: 'agent' });
      const b = await createUser(t.db, { organisationId: org, role: 'agent' });
      const device = server.client();
      await device.login(a.email, a.password);
      await Promise.all(Array.from({ length: 15 }, (_, i) => attempt(b.email, `guess-${i}`)));
      const cookie = (await device.post('/api/session', { email: a.email, password: a.password })).headers
        .getSetCookie()
        .find((c) => c.startsWith('relais_device='))!;
      const value = cookie.split(';')[0]!.slice('relais_device='.length);
      const forged = value.slice(0, -2) + (value.endsWith('AA') ? 'BB' : 'AA');
      for (const v of [value, forged]) {
        const r = await server
          .client()
          .request('POST', '/api/session', { body: { email: b.email, password: b.password }, headers: { cookie: `relais_device=${v}` } });
        assert.equal(r.status, 429);
      }
    });

    it('lets an administrator see and lift the lock', async () => {
      const owner = await createUser(t.db, { organisationId: org, role: 'agent' });
      const admin = await createUser(t.db, { organisationId: org, role: 'admin' });
      const supervisor = await createUser(t.db, { organisationId: org, role: 'supervisor' });
      await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(owner.email, `guess-${i}`)));
      assert.equal((await attempt(owner.email, owner.password)).status, 429);
      const adminClient = server.client();
      await adminClient.login(admin.email, admin.password);
      const lock = await adminClient.get<{ lockedForSeconds: number }>(`/api/users/${owner.id}/lock`);
      assert.ok(lock.body.lockedForSeconds > 0);
      const supervisorClient = server.client();
      await supervisorClient.login(supervisor.email, supervisor.password);
      assert.equal((await supervisorClient.post(`/api/users/${owner.id}/unlock`)).status, 403);
      assert.equal((await adminClient.post(`/api/users/${owner.id}/unlock`)).status, 204);
      assert.equal((await adminClient.get<{ lockedForSeconds: number }>(`/api/users/${owner.id}/lock`)).body.lockedForSeconds, 0);
      await server.client().login(owner.email, owner.password);
    });
  });
}
