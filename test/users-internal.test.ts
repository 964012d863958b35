/**
 * Internal accounts (the actor behind patients' signed links) are not members of the team: the users API
 * neither lists them nor lets an admin read or change them.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startServer, type TestServer, type TestClient, type ErrorResponseBody } from './support/server.ts';
import { createOrganisation, createPractice, createUser } from './support/fixtures.ts';
import { systemContext } from '../src/core/delivery/system-actor.ts';

interface UserBody {
  id: string;
  email: string;
  displayName: string;
}

for (const kind of testDatabaseKinds()) {
  describe(`internal accounts are hidden from the team (${kind})`, () => {
    let t: TestDb;
    let server: TestServer;
    let admin: TestClient;
    let internalId: string;

    before(async () => {
      t = await openTestDb(kind);
      server = await startServer(t.db);
      const org = await createOrganisation(t.db);
      const practice = await createPractice(t.db, org);
      const a = await createUser(t.db, { organisationId: org, role: 'admin' });
      await createUser(t.db, { organisationId: org, role: 'agent', practiceIds: [practice] });
      internalId = (await systemContext(t.db, { organisationId: org, practiceId: practice, requestId: 'test' })).actor.userId;
      admin = server.client();
      await admin.login(a.email, a.password);
    });
    after(async () => {
      await server.close();
      await t.close();
    });

    it('lists real users only, whatever the filter', async () => {
      for (const path of ['/api/users', '/api/users?role=agent', '/api/users?active=false']) {
        const r = await admin.get<{ users: UserBody[] }>(path);
        assert.equal(r.status, 200, r.text);
        assert.ok(!r.body.users.some((u) => u.id === internalId || u.displayName === 'Patient (lien sécurisé)'), path);
      }
      const agents = await admin.get<{ users: UserBody[] }>('/api/users?role=agent');
      assert.equal(agents.body.users.length, 1);
    });

    it('answers 404 to reading or changing an internal account', async () => {
      const read = await admin.get<ErrorResponseBody>(`/api/users/${internalId}`);
      assert.equal(read.status, 404);
      assert.equal(read.body.error.code, 'not_found');
      const change = await admin.patch<ErrorResponseBody>(`/api/users/${internalId}`, { active: true });
      assert.equal(change.status, 404);
      const { rows } = await t.db.query<{ active: boolean }>('select active from users where id = $1', [internalId]);
      assert.deepEqual(rows, [{ active: false }], 'the internal account can still never sign in');
    });
  });
}
