import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startServer, type TestServer, type TestClient, type ErrorResponseBody } from './support/server.ts';
import { createOrganisation, createPractice, createPractitioner, createUser } from './support/fixtures.ts';

interface UserBody {
  id: string;
  organisationId: string;
  email: string;
  displayName: string;
  role: string;
  locale: string;
  active: boolean;
  practitionerId: string | null;
  practices: { practiceId: string; dedicated: boolean }[];
}

const NEW_PASSWORD = 'un mot de passe assez long';

for (const kind of testDatabaseKinds()) {
  describe(`users API (${kind})`, () => {
    let t: TestDb;
    let server: TestServer;
    let org: string;
    let otherOrg: string;
    let p1: string;
    let p2: string;
    let foreignPractice: string;
    let gp: string;
    let foreignGp: string;
    let admin: TestClient;
    let supervisor: TestClient;
    let agent: TestClient;
    let foreignAdminEmail: string;
    let n = 0;
    const email = (prefix: string) => `${prefix}-${++n}-${kind}@test.relais.fr`;

    before(async () => {
      t = await openTestDb(kind);
      server = await startServer(t.db);
      org = await createOrganisation(t.db);
      otherOrg = await createOrganisation(t.db);
      p1 = await createPractice(t.db, org);
      p2 = await createPractice(t.db, org);
      foreignPractice = await createPractice(t.db, otherOrg);
      gp = await createPractitioner(t.db, org, [p1]);
      foreignGp = await createPractitioner(t.db, otherOrg, [foreignPractice]);
      const a = await createUser(t.db, { organisationId: org, role: 'admin' });
      const s = await createUser(t.db, { organisationId: org, role: 'supervisor' });
      const g = await createUser(t.db, { organisationId: org, role: 'agent', practiceIds: [p1] });
      foreignAdminEmail = (await createUser(t.db, { organisationId: otherOrg, role: 'admin' })).email;
      admin = server.client();
      await admin.login(a.email, a.password);
      supervisor = server.client();
      await supervisor.login(s.email, s.password);
      agent = server.client();
      await agent.login(g.email, g.password);
    });
    after(async () => {
      await server.close();
      await t.close();
    });

    it('lets an admin create an agent who can then sign in and sees exactly his practices', async () => {
      const e = email('Agent');
      const r = await admin.post<UserBody>('/api/users', {
        email: e,
        displayName: 'Fanja Rakoto',
        role: 'agent',
        password: NEW_PASSWORD,
        practiceIds: [p1, p2],
        dedicatedPracticeIds: [p2],
      });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.body.email, e.toLowerCase());
      assert.equal(r.body.role, 'agent');
      assert.equal(r.body.active, true);
      assert.deepEqual(
        [...r.body.practices].sort((x, y) => x.practiceId.localeCompare(y.practiceId)),
        [
          { practiceId: p1, dedicated: false },
          { practiceId: p2, dedicated: true },
        ].sort((x, y) => x.practiceId.localeCompare(y.practiceId)),
      );
      assert.ok(!/password|hash|argon/i.test(r.text), 'no password or hash in the answer');
      const c = server.client();
      await c.login(e, NEW_PASSWORD);
      const me = await c.get<{ practiceIds: string[] }>('/api/me');
      assert.deepEqual([...me.body.practiceIds].sort(), [p1, p2].sort());
    });

    it('creates a practitioner user linked to a practitioner of the organisation', async () => {
      const r = await admin.post<UserBody>('/api/users', {
        email: email('dr'),
        displayName: 'Dr Claire Martin',
        role: 'practitioner',
        password: NEW_PASSWORD,
        practitionerId: gp,
      });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.body.practitionerId, gp);
      const missing = await admin.post<ErrorResponseBody>('/api/users', {
        email: email('dr'),
        displayName: 'Dr Sans Lien',
        role: 'practitioner',
        password: NEW_PASSWORD,
      });
      assert.equal(missing.status, 400);
      assert.equal(missing.body.error.field, 'practitionerId');
    });

    it('refuses an email already used, whatever its case, with 409 email_taken', async () => {
      const e = email('twice');
      assert.equal((await admin.post('/api/users', { email: e, displayName: 'Un', role: 'supervisor', password: NEW_PASSWORD })).status, 201);
      const r = await admin.post<ErrorResponseBody>('/api/users', { email: e.toUpperCase(), displayName: 'Deux', role: 'agent', password: NEW_PASSWORD });
      assert.equal(r.status, 409);
      assert.equal(r.body.error.code, 'email_taken');
      assert.equal(r.body.error.field, 'email');
      // Also when the address belongs to a user of another organisation.
      const other = await admin.post<ErrorResponseBody>('/api/users', {
        email: foreignAdminEmail,
        displayName: 'Trois',
        role: 'agent',
        password: NEW_PASSWORD,
      });
      assert.equal(other.status, 409);
    });

    it('refuses a password shorter than 12 characters on the password field, and writes nothing', async () => {
      const e = email('short');
      const r = await admin.post<ErrorResponseBody>('/api/users', { email: e, displayName: 'Court', role: 'agent', password: 'relais-demo' });
      assert.equal(r.status, 400);
      assert.equal(r.body.error.code, 'validation_failed');
      assert.equal(r.body.error.field, 'password');
      const { rows } = await t.db.query('select 1 from users where lower(email) = lower($1)', [e]);
      assert.equal(rows.length, 0);
    });

    it('refuses unknown fields', async () => {
      const r = await admin.post<ErrorResponseBody>('/api/users', {
        email: email('x'),
        displayName: 'X',
        role: 'admin',
        password: NEW_PASSWORD,
        organisationId: otherOrg,
      });
      assert.equal(r.status, 400);
      assert.equal(r.body.error.code, 'validation_failed');
    });

    it('forbids agents and supervisors to create users (403)', async () => {
      for (const c of [agent, supervisor]) {
        const r = await c.post<ErrorResponseBody>('/api/users', { email: email('no'), displayName: 'Non', role: 'agent', password: NEW_PASSWORD });
        assert.equal(r.status, 403);
        assert.equal(r.body.error.code, 'forbidden');
      }
      assert.equal((await agent.get('/api/users')).status, 403);
    });

    it('answers a practice or practitioner outside the scope exactly like a nonexistent one (404)', async () => {
      const base = { displayName: 'Hors champ', role: 'agent', password: NEW_PASSWORD };
      const foreign = await admin.post<ErrorResponseBody>('/api/users', { ...base, email: email('scope'), practiceIds: [p1, foreignPractice] });
      const random = await admin.post<ErrorResponseBody>('/api/users', { ...base, email: email('scope'), practiceIds: [p1, crypto.randomUUID()] });
      assert.equal(foreign.status, 404);
      assert.equal(random.status, 404);
      assert.deepEqual({ ...foreign.body.error, requestId: '' }, { ...random.body.error, requestId: '' });
      const dr = await admin.post<ErrorResponseBody>('/api/users', {
        ...base,
        email: email('scope'),
        role: 'practitioner',
        practitionerId: foreignGp,
      });
      assert.equal(dr.status, 404);
      assert.equal(dr.body.error.code, 'not_found');
      const { rows } = await t.db.query(`select 1 from users where display_name = 'Hors champ'`);
      assert.equal(rows.length, 0);
    });

    it('lists the users of the caller’s organisation only, with roles and practices, to admins and supervisors', async () => {
      for (const c of [admin, supervisor]) {
        const r = await c.get<{ users: UserBody[] }>('/api/users');
        assert.equal(r.status, 200);
        assert.ok(r.body.users.length >= 3);
        assert.ok(r.body.users.every((u) => u.organisationId === org));
        assert.ok(!r.body.users.some((u) => u.email === foreignAdminEmail));
        assert.ok(r.body.users.some((u) => u.role === 'agent' && u.practices.some((p) => p.practiceId === p1)));
        assert.ok(!/password|hash/i.test(r.text));
      }
      const agents = await admin.get<{ users: UserBody[] }>('/api/users?role=agent');
      assert.ok(agents.body.users.length > 0 && agents.body.users.every((u) => u.role === 'agent'));
      const foreignId = (await t.db.query<{ id: string }>('select id from users where email = $1', [foreignAdminEmail])).rows[0]!.id;
      const r = await admin.get<ErrorResponseBody>(`/api/users/${foreignId}`);
      assert.equal(r.status, 404);
      assert.equal(r.body.error.code, 'not_found');
    });

    it('lets an admin change practices and role, and deactivating a user ends his sessions', async () => {
      const e = email('change');
      const created = await admin.post<UserBody>('/api/users', { email: e, displayName: 'Change', role: 'agent', password: NEW_PASSWORD, practiceIds: [p1] });
      const id = created.body.id;
      const moved = await admin.patch<UserBody>(`/api/users/${id}`, { practiceIds: [p2], dedicatedPracticeIds: [p2] });
      assert.equal(moved.status, 200, moved.text);
      assert.deepEqual(moved.body.practices, [{ practiceId: p2, dedicated: true }]);
      const out = await admin.patch<ErrorResponseBody>(`/api/users/${id}`, { practiceIds: [foreignPractice] });
      assert.equal(out.status, 404);
      const c = server.client();
      await c.login(e, NEW_PASSWORD);
      assert.deepEqual((await c.get<{ practiceIds: string[] }>('/api/me')).body.practiceIds, [p2]);
      const promoted = await admin.patch<UserBody>(`/api/users/${id}`, { role: 'supervisor' });
      assert.equal(promoted.body.role, 'supervisor');
      assert.deepEqual(promoted.body.practices, []);
      assert.equal((await c.get<{ role: string }>('/api/me')).body.role, 'supervisor');
      const off = await admin.patch<UserBody>(`/api/users/${id}`, { active: false });
      assert.equal(off.body.active, false);
      assert.equal((await c.get('/api/me')).status, 401);
      const { rows } = await t.db.query<{ n: number }>('select count(*)::int as n from sessions where user_id = $1 and ended_at is null', [id]);
      assert.equal(rows[0]!.n, 0);
      const again = await server.client().post<ErrorResponseBody>('/api/session', { email: e, password: NEW_PASSWORD });
      assert.equal(again.status, 401);
    });

    it('resets a password: the old one no longer works, the new one does', async () => {
      const e = email('reset');
      const { body } = await admin.post<UserBody>('/api/users', { email: e, displayName: 'Reset', role: 'agent', password: NEW_PASSWORD });
      const c = server.client();
      await c.login(e, NEW_PASSWORD);
      const r = await admin.patch(`/api/users/${body.id}`, { password: 'nouveau mot de passe 2' });
      assert.equal(r.status, 200);
      assert.equal((await c.get('/api/me')).status, 401, 'the sessions opened with the old password end');
      assert.equal((await server.client().post('/api/session', { email: e, password: NEW_PASSWORD })).status, 401);
      await server.client().login(e, 'nouveau mot de passe 2');
    });

    it('does not let an admin deactivate or demote himself', async () => {
      const me = await admin.get<{ id: string }>('/api/me');
      const r = await admin.patch<ErrorResponseBody>(`/api/users/${me.body.id}`, { active: false });
      assert.equal(r.status, 422);
      assert.equal(r.body.error.field, 'active');
      assert.equal((await admin.get('/api/me')).status, 200);
    });

    it('lets any user change his own locale and, with the current one, his password', async () => {
      const e = email('self');
      await admin.post('/api/users', { email: e, displayName: 'Moi', role: 'agent', password: NEW_PASSWORD });
      const c = server.client();
      await c.login(e, NEW_PASSWORD);
      const loc = await c.patch<UserBody>('/api/me', { locale: 'en' });
      assert.equal(loc.status, 200);
      assert.equal(loc.body.locale, 'en');
      const wrong = await c.patch<ErrorResponseBody>('/api/me', { currentPassword: 'pas le bon du tout', newPassword: 'encore un autre mot' });
      assert.equal(wrong.status, 400);
      assert.equal(wrong.body.error.field, 'currentPassword');
      const other = server.client();
      await other.login(e, NEW_PASSWORD);
      const ok = await c.patch('/api/me', { currentPassword: NEW_PASSWORD, newPassword: 'encore un autre mot' });
      assert.equal(ok.status, 200);
      assert.equal((await c.get('/api/me')).status, 200, 'the current session stays open');
      assert.equal((await other.get('/api/me')).status, 401, 'the other sessions end');
      await server.client().login(e, 'encore un autre mot');
    });
  });
}
