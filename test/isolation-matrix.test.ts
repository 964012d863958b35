// DESIGN invariant 1: for every role and every resource, an id outside the caller's scope answers exactly
// like an id that does not exist, and search never crosses a practice boundary.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startServer, type TestServer, type TestClient, type TestResponse } from './support/server.ts';
import { createOrganisation, createPractice, createPractitioner, createUser } from './support/fixtures.ts';
import { searchKey } from '../src/core/text.ts';
import type { Queryable } from '../src/core/db/types.ts';
import type { Role } from '../src/core/auth/roles.ts';

async function insertPatient(db: Queryable, organisationId: string, practiceId: string, birthName: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into patients (organisation_id, practice_id, birth_name, first_given_name, birth_date, sex, mobile_phone, search_name)
     values ($1, $2, $3, 'Élise', '1980-05-17', 'F', '+33611223344', $4) returning id`,
    [organisationId, practiceId, birthName, searchKey(`${birthName} Élise`)],
  );
  return rows[0]!.id;
}

/** The body of an error answer without its request id, which differs by design. */
function comparable(r: TestResponse): unknown {
  const body = r.body as { error?: Record<string, unknown> };
  return { status: r.status, error: { ...body.error, requestId: undefined } };
}

for (const kind of testDatabaseKinds()) {
  describe(`isolation matrix (${kind})`, () => {
    let t: TestDb;
    let server: TestServer;
    const ids = {} as Record<'practiceA' | 'practiceB' | 'practiceC' | 'practitionerB' | 'practitionerC' | 'patientB' | 'patientC' | 'userC', string>;
    const clients = new Map<Role, TestClient>();

    before(async () => {
      t = await openTestDb(kind);
      server = await startServer(t.db);
      const db = t.db;
      const org1 = await createOrganisation(db);
      const org2 = await createOrganisation(db);
      ids.practiceA = await createPractice(db, org1);
      ids.practiceB = await createPractice(db, org1);
      ids.practiceC = await createPractice(db, org2);
      const practitionerA = await createPractitioner(db, org1, [ids.practiceA]);
      ids.practitionerB = await createPractitioner(db, org1, [ids.practiceB]);
      ids.practitionerC = await createPractitioner(db, org2, [ids.practiceC]);
      await insertPatient(db, org1, ids.practiceA, 'Lefèvre');
      ids.patientB = await insertPatient(db, org1, ids.practiceB, 'Lefèvre');
      ids.patientC = await insertPatient(db, org2, ids.practiceC, 'Lefèvre');
      ids.userC = (await createUser(db, { organisationId: org2, role: 'agent', practiceIds: [ids.practiceC] })).id;
      const users: Record<Role, Awaited<ReturnType<typeof createUser>>> = {
        admin: await createUser(db, { organisationId: org1, role: 'admin' }),
        supervisor: await createUser(db, { organisationId: org1, role: 'supervisor' }),
        trainer: await createUser(db, { organisationId: org1, role: 'trainer', practiceIds: [ids.practiceA] }),
        agent: await createUser(db, { organisationId: org1, role: 'agent', practiceIds: [ids.practiceA] }),
        practitioner: await createUser(db, { organisationId: org1, role: 'practitioner', practitionerId: practitionerA }),
      };
      for (const [role, u] of Object.entries(users) as [Role, (typeof users)[Role]][]) {
        const c = server.client();
        await c.login(u.email, u.password);
        clients.set(role, c);
      }
    });
    after(async () => {
      await server.close();
      await t.close();
    });

    const roles: Role[] = ['admin', 'supervisor', 'trainer', 'agent', 'practitioner'];
    const orgWide = (role: Role) => role === 'admin' || role === 'supervisor';

    for (const role of roles) {
      // What lies outside the scope: another organisation for org-wide roles, another practice for the others.
      const outside = () =>
        orgWide(role)
          ? { practice: ids.practiceC, practitioner: ids.practitionerC, patient: ids.patientC }
          : { practice: ids.practiceB, practitioner: ids.practitionerB, patient: ids.patientB };

      for (const resource of ['practices', 'practitioners', 'patients'] as const) {
        it(`${role}: GET /api/${resource}/:id outside the scope is indistinguishable from a random id`, async () => {
          const c = clients.get(role)!;
          const target = outside()[resource === 'practices' ? 'practice' : resource === 'practitioners' ? 'practitioner' : 'patient'];
          const hidden = await c.get(`/api/${resource}/${target}`);
          const missing = await c.get(`/api/${resource}/${randomUUID()}`);
          assert.equal(hidden.status, 404);
          assert.deepEqual(comparable(hidden), comparable(missing));
        });
      }

      it(`${role}: PATCH of a patient outside the scope is indistinguishable from a random id and changes nothing`, async () => {
        const c = clients.get(role)!;
        const target = outside().patient;
        const hidden = await c.patch(`/api/patients/${target}`, { note: 'modifié' });
        const missing = await c.patch(`/api/patients/${randomUUID()}`, { note: 'modifié' });
        assert.ok(hidden.status === 404 || hidden.status === 403, `status ${hidden.status}`);
        assert.deepEqual(comparable(hidden), comparable(missing));
        const { rows } = await t.db.query<{ note: string | null }>('select note from patients where id = $1', [target]);
        assert.equal(rows[0]!.note, null);
      });

      it(`${role}: patient search never returns a patient outside the scope`, async () => {
        const c = clients.get(role)!;
        const r = await c.get<{ items: { id: string; practiceId: string }[] }>('/api/patients?q=lefevre');
        assert.equal(r.status, 200);
        const found = r.body.items.map((p) => p.id);
        assert.ok(!found.includes(outside().patient));
        assert.ok(!found.includes(ids.patientC));
        if (!orgWide(role)) assert.ok(r.body.items.every((p) => p.practiceId === ids.practiceA));
        // Naming the hidden practice does not widen the scope.
        const forced = await c.get<{ items?: { id: string }[] }>(`/api/patients?q=lefevre&practiceId=${outside().practice}`);
        assert.ok(forced.status === 404 || (forced.status === 200 && !(forced.body.items ?? []).some((p) => p.id === outside().patient)));
      });

      it(`${role}: lists show nothing outside the scope`, async () => {
        const c = clients.get(role)!;
        const practices = await c.get<{ items: { id: string }[] }>('/api/practices');
        assert.equal(practices.status, 200);
        assert.ok(!practices.body.items.some((p) => p.id === outside().practice || p.id === ids.practiceC));
        const practitioners = await c.get<{ items: { id: string }[] }>('/api/practitioners');
        assert.equal(practitioners.status, 200);
        assert.ok(!practitioners.body.items.some((p) => p.id === outside().practitioner || p.id === ids.practitionerC));
      });
    }

    for (const role of ['admin', 'supervisor'] as const) {
      it(`${role}: a user of another organisation is indistinguishable from a random id`, async () => {
        const c = clients.get(role)!;
        const hidden = await c.get(`/api/users/${ids.userC}`);
        const missing = await c.get(`/api/users/${randomUUID()}`);
        assert.equal(hidden.status, 404);
        assert.deepEqual(comparable(hidden), comparable(missing));
      });
    }

    it('a practitioner sees only his own practice', async () => {
      const r = await clients.get('practitioner')!.get<{ items: { id: string }[] }>('/api/practices');
      assert.deepEqual(
        r.body.items.map((p) => p.id),
        [ids.practiceA],
      );
    });
  });
}
