import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startServer, type TestServer, type ErrorResponseBody } from './support/server.ts';
import { createOrganisation, createPractice, createUser } from './support/fixtures.ts';
import { SIGN_IN_LIMITS } from '../src/session/service.ts';

for (const kind of testDatabaseKinds()) {
  describe(`sessions (${kind})`, () => {
    let t: TestDb;
    let server: TestServer;
    let user: { email: string; password: string };
    let org: string;
    before(async () => {
      t = await openTestDb(kind);
      server = await startServer(t.db);
      org = await createOrganisation(t.db);
      const practice = await createPractice(t.db, org);
      user = await createUser(t.db, { organisationId: org, role: 'agent', practiceIds: [practice] });
    });
    after(async () => {
      await server.close();
      await t.close();
    });

    it('reports health with the database kind', async () => {
      const r = await server.client().get<{ status: string; database: string }>('/api/health');
      assert.equal(r.status, 200);
      assert.equal(r.body.status, 'ok');
      assert.equal(r.body.database, kind);
    });

    it('signs in with an HttpOnly, SameSite=Strict cookie and signs out', async () => {
      const c = server.client();
      const res = await c.post('/api/session', { email: user.email.toUpperCase(), password: user.password });
      assert.equal(res.status, 204);
      const cookie = res.headers.getSetCookie()[0] ?? '';
      assert.match(cookie, /HttpOnly/i);
      assert.match(cookie, /SameSite=Strict/i);
      const me = await c.get<{ email: string; role: string; practiceIds: string[] }>('/api/me');
      assert.equal(me.status, 200);
      assert.equal(me.body.email, user.email);
      assert.equal(me.body.role, 'agent');
      assert.equal(me.body.practiceIds.length, 1);
      assert.equal((await c.delete('/api/session')).status, 204);
      assert.equal((await c.get('/api/me')).status, 401);
    });

    it('answers a wrong password and an unknown email identically', async () => {
      const a = await server.client().post<ErrorResponseBody>('/api/session', { email: user.email, password: 'wrong' });
      const b = await server.client().post<ErrorResponseBody>('/api/session', { email: 'nobody@test.relais.fr', password: 'wrong' });
      assert.equal(a.status, 401);
      assert.equal(b.status, 401);
      assert.equal(a.body.error.code, 'invalid_credentials');
      assert.deepEqual({ ...a.body.error, requestId: '' }, { ...b.body.error, requestId: '' });
    });

    it('throttles password guessing, for unknown emails too, without locking out other accounts', async () => {
      const victim = await createUser(t.db, { organisationId: org, role: 'agent', practiceIds: [] });
      for (let i = 0; i < SIGN_IN_LIMITS.account.freeFailures; i++) {
        assert.equal((await server.client().post('/api/session', { email: victim.email, password: `guess-${i}` })).status, 401);
        assert.equal((await server.client().post('/api/session', { email: 'ghost@test.relais.fr', password: `guess-${i}` })).status, 401);
      }
      // One failure more, and the next attempt must wait, even with the right password.
      assert.equal((await server.client().post('/api/session', { email: victim.email, password: 'one-more' })).status, 401);
      const blocked = await server.client().post<ErrorResponseBody>('/api/session', { email: victim.email, password: victim.password });
      assert.equal(blocked.status, 429);
      assert.equal(blocked.body.error.code, 'rate_limited');
      assert.ok(Number(blocked.headers.get('retry-after')) >= 1);
      assert.equal((await server.client().post('/api/session', { email: 'ghost@test.relais.fr', password: 'x' })).status, 401);
      const ghost = await server.client().post<ErrorResponseBody>('/api/session', { email: 'ghost@test.relais.fr', password: 'x' });
      assert.equal(ghost.status, 429);
      await server.client().login(user.email, user.password);
    });

    it('refuses an expired session', async () => {
      const c = server.client();
      await c.login(user.email, user.password);
      assert.equal((await c.get('/api/me')).status, 200);
      await t.db.query(`update sessions set expires_at = now() - interval '1 second'`);
      const r = await c.get<ErrorResponseBody>('/api/me');
      assert.equal(r.status, 401);
      assert.equal(r.body.error.code, 'unauthenticated');
    });
  });
}
