/**
 * The per-process session cache (src/core/auth/session-cache.ts), turned on with a long TTL so that only
 * its own rules can end a cached session: sign-out, expiry, and changes made through this process's API.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { eventually } from './support/eventually.ts';
import { startServer, type TestServer } from './support/server.ts';
import { createOrganisation, createPractice, createUser } from './support/fixtures.ts';
import { configureSessionCache } from '../src/core/auth/session-cache.ts';
import { hashToken, SESSION_COOKIE } from '../src/core/auth/sessions.ts';

interface Me {
  displayName: string;
  practiceIds: string[];
}

for (const kind of testDatabaseKinds()) {
  describe(`session cache (${kind})`, () => {
    let t: TestDb;
    let server: TestServer;
    let org: string;
    let practice: string;
    let otherPractice: string;
    let admin: { email: string; password: string };

    /** A request carrying exactly this session token, as a copied cookie would. */
    const withToken = (token: string, method = 'GET', path = '/api/me') =>
      server.client().request<Me>(method, path, { headers: { cookie: `${SESSION_COOKIE}=${token}` } });

    /** A live session written straight to the table, expiring after `ms`. */
    async function sessionFor(userId: string, ms: number): Promise<{ token: string; expiresAt: number }> {
      const token = randomBytes(32).toString('base64url');
      const { rows } = await t.db.query<{ expires_at: Date }>(
        `insert into sessions (token_hash, user_id, expires_at) values ($1, $2, now() + make_interval(secs => $3)) returning expires_at`,
        [hashToken(token), userId, ms / 1000],
      );
      return { token, expiresAt: rows[0]!.expires_at.getTime() };
    }

    before(async () => {
      configureSessionCache({ ttlMs: 10 * 60_000 });
      t = await openTestDb(kind);
      server = await startServer(t.db);
      org = await createOrganisation(t.db);
      practice = await createPractice(t.db, org);
      otherPractice = await createPractice(t.db, org, { name: 'Cabinet voisin' });
      admin = await createUser(t.db, { organisationId: org, role: 'admin' });
    });
    after(async () => {
      configureSessionCache({ ttlMs: 0 });
      await server.close();
      await t.close();
    });

    it('refuses a cached session once it has expired, though the cache would still hold it', async () => {
      const agent = await createUser(t.db, { organisationId: org, role: 'agent', practiceIds: [practice] });
      const { token, expiresAt } = await sessionFor(agent.id, 2500);
      assert.equal((await withToken(token)).status, 200);
      // Changed behind the server's back: the cached session answers, proof that the cache is in use.
      await t.db.query(`update users set display_name = 'Nom changé' where id = $1`, [agent.id]);
      const cached = await withToken(token);
      assert.equal(cached.status, 200);
      assert.equal(cached.body.displayName, 'User agent');
      // Polled: refused as soon as it expires (2.5 s after it was opened), though the cache's own lifetime is 10 min.
      const expired = await eventually('the expired session refused', async () => ((await withToken(token)).status === 401 ? Date.now() : false), 10_000);
      assert.ok(expired >= expiresAt);
    });

    it('ends access at once when the session signs out, even for a copy of its cookie', async () => {
      const agent = await createUser(t.db, { organisationId: org, role: 'agent', practiceIds: [practice] });
      const { token } = await sessionFor(agent.id, 3600_000);
      assert.equal((await withToken(token)).status, 200);
      assert.equal((await withToken(token, 'DELETE', '/api/session')).status, 204);
      assert.equal((await withToken(token)).status, 401);
    });

    it('applies a deactivation or a change of practices made through the API at once', async () => {
      const agent = await createUser(t.db, { organisationId: org, role: 'agent', practiceIds: [practice] });
      const { token } = await sessionFor(agent.id, 3600_000);
      const boss = server.client();
      await boss.login(admin.email, admin.password);

      assert.equal((await withToken(token, 'GET', `/api/practices/${otherPractice}`)).status, 404);
      assert.equal((await boss.patch(`/api/users/${agent.id}`, { practiceIds: [practice, otherPractice] })).status, 200);
      assert.equal((await withToken(token, 'GET', `/api/practices/${otherPractice}`)).status, 200);
      assert.equal((await boss.patch(`/api/users/${agent.id}`, { practiceIds: [practice] })).status, 200);
      assert.equal((await withToken(token, 'GET', `/api/practices/${otherPractice}`)).status, 404);

      assert.equal((await boss.patch(`/api/users/${agent.id}`, { active: false })).status, 200);
      assert.equal((await withToken(token)).status, 401);
    });
  });
}
