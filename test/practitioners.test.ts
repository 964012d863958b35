import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startServer, type TestServer, type TestClient, type ErrorResponseBody, type TestResponse } from './support/server.ts';
import { createOrganisation, createPractice, createPractitioner, createUser, randomRpps } from './support/fixtures.ts';
import type { Queryable } from '../src/core/db/types.ts';

interface Practitioner {
  id: string;
  title: string | null;
  firstName: string;
  lastName: string;
  profession: string;
  specialty: string | null;
  rpps: string;
  timeZone: string;
  practices: { id: string; name: string }[];
}

async function practitionerRows(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ r: number; l: number }>(
    'select (select count(*) from practitioners)::int as r, (select count(*) from practice_practitioners)::int as l',
  );
  return JSON.stringify(rows[0]);
}

const withoutRequestId = (r: TestResponse<ErrorResponseBody>) => ({ status: r.status, error: { ...r.body.error, requestId: '' } });

/** An RPPS with a wrong key: the valid one with its last digit changed. */
const wrongKey = (rpps: string) => rpps.slice(0, 10) + String((Number(rpps[10]) + 1) % 10);

for (const kind of testDatabaseKinds()) {
  describe(`practitioners (${kind})`, () => {
    let t: TestDb;
    let server: TestServer;
    let admin: TestClient;
    let otherAdmin: TestClient;
    let agent: TestClient;
    let practitionerUser: TestClient;
    let practiceA: string;
    let practiceB: string;
    let otherOrgPractice: string;
    let drA: string;
    let drB: string;
    let drAB: string;

    const body = (o: Record<string, unknown> = {}) => ({
      title: 'Dr',
      firstName: 'Hélène',
      lastName: 'Lefèvre',
      profession: 'medecin',
      specialty: 'ophtalmologie',
      rpps: randomRpps(),
      practiceIds: [practiceA],
      ...o,
    });

    before(async () => {
      t = await openTestDb(kind);
      server = await startServer(t.db);
      const org = await createOrganisation(t.db);
      const otherOrg = await createOrganisation(t.db);
      practiceA = await createPractice(t.db, org, { name: 'Cabinet A', region: 'reunion', timeZone: 'Indian/Reunion' });
      practiceB = await createPractice(t.db, org, { name: 'Cabinet B' });
      otherOrgPractice = await createPractice(t.db, otherOrg);
      drA = await createPractitioner(t.db, org, [practiceA], { lastName: 'Arnaud' });
      drB = await createPractitioner(t.db, org, [practiceB], { lastName: 'Blanc' });
      drAB = await createPractitioner(t.db, org, [practiceA, practiceB], { lastName: 'Aubert' });
      const users = {
        admin: await createUser(t.db, { organisationId: org, role: 'admin' }),
        otherAdmin: await createUser(t.db, { organisationId: otherOrg, role: 'admin' }),
        agent: await createUser(t.db, { organisationId: org, role: 'agent', practiceIds: [practiceA] }),
        practitioner: await createUser(t.db, { organisationId: org, role: 'practitioner', practitionerId: drB }),
      };
      admin = server.client();
      await admin.login(users.admin.email, users.admin.password);
      otherAdmin = server.client();
      await otherAdmin.login(users.otherAdmin.email, users.otherAdmin.password);
      agent = server.client();
      await agent.login(users.agent.email, users.agent.password);
      practitionerUser = server.client();
      await practitionerUser.login(users.practitioner.email, users.practitioner.password);
    });
    after(async () => {
      await server.close();
      await t.close();
    });

    it('creates a practitioner and reads him back', async () => {
      const input = body({ rpps: randomRpps().replace(/(\d{3})/g, '$1 ') });
      const created = await admin.post<Practitioner>('/api/practitioners', input);
      assert.equal(created.status, 201, created.text);
      assert.equal(created.body.rpps, (input.rpps as string).replace(/ /g, ''));
      assert.equal(created.body.timeZone, 'Indian/Reunion', "defaults to the first practice's zone");
      assert.deepEqual(created.body.practices, [{ id: practiceA, name: 'Cabinet A' }]);
      const read = await admin.get<Practitioner>(`/api/practitioners/${created.body.id}`);
      assert.equal(read.status, 200);
      assert.deepEqual(read.body, created.body);
      // The practice's file now lists him.
      const file = await agent.get<{ practitioners: { id: string }[] }>(`/api/practices/${practiceA}`);
      assert.ok(file.body.practitioners.some((p) => p.id === created.body.id));
    });

    const invalid: [string, Record<string, unknown>, string][] = [
      ['an RPPS with a wrong key', { rpps: wrongKey(randomRpps()) }, 'rpps'],
      ['an RPPS of 10 digits', { rpps: '1234567890' }, 'rpps'],
      ['an unknown profession', { profession: 'chaman' }, 'profession'],
      ['an unknown specialty', { specialty: 'astrologie' }, 'specialty'],
      ['an unknown time zone', { timeZone: 'Paris' }, 'timeZone'],
      ['no practice', { practiceIds: [] }, 'practiceIds'],
      ['a malformed practice id', { practiceIds: ['cabinet-a'] }, 'practiceIds.0'],
      ['an empty last name', { lastName: '  ' }, 'lastName'],
    ];
    for (const [what, change, field] of invalid) {
      it(`refuses ${what} with 400 naming ${field}, writing nothing`, async () => {
        const before = await practitionerRows(t.db);
        const r = await admin.post<ErrorResponseBody>('/api/practitioners', body(change));
        assert.equal(r.status, 400, r.text);
        assert.equal(r.body.error.code, 'validation_failed');
        assert.equal(r.body.error.field, field, r.text);
        assert.equal(await practitionerRows(t.db), before);
      });
    }

    it('refuses unknown fields', async () => {
      const before = await practitionerRows(t.db);
      const r = await admin.post<ErrorResponseBody>('/api/practitioners', body({ organisationId: randomUUID() }));
      assert.equal(r.status, 400);
      assert.equal(r.body.error.code, 'validation_failed');
      assert.equal(await practitionerRows(t.db), before);
    });

    it('answers 409 rpps_taken for an RPPS already in the organisation, but not for another organisation', async () => {
      const rpps = randomRpps();
      assert.equal((await admin.post('/api/practitioners', body({ rpps }))).status, 201);
      const before = await practitionerRows(t.db);
      const again = await admin.post<ErrorResponseBody>('/api/practitioners', body({ rpps, firstName: 'Autre' }));
      assert.equal(again.status, 409);
      assert.equal(again.body.error.code, 'rpps_taken');
      assert.equal(again.body.error.field, 'rpps');
      assert.equal(await practitionerRows(t.db), before);
      const elsewhere = await otherAdmin.post<Practitioner>('/api/practitioners', body({ rpps, practiceIds: [otherOrgPractice] }));
      assert.equal(elsewhere.status, 201, elsewhere.text);
      // A change onto a taken RPPS is refused too.
      const patch = await admin.patch<ErrorResponseBody>(`/api/practitioners/${drA}`, { rpps });
      assert.equal(patch.status, 409);
      assert.equal(patch.body.error.code, 'rpps_taken');
    });

    it('refuses a practice outside the scope exactly like an unknown one', async () => {
      const before = await practitionerRows(t.db);
      const foreign = await admin.post<ErrorResponseBody>('/api/practitioners', body({ practiceIds: [practiceA, otherOrgPractice] }));
      const unknown = await admin.post<ErrorResponseBody>('/api/practitioners', body({ practiceIds: [practiceA, randomUUID()] }));
      assert.equal(foreign.status, 404);
      assert.equal(foreign.body.error.code, 'not_found');
      assert.deepEqual(withoutRequestId(foreign), withoutRequestId(unknown));
      assert.equal(await practitionerRows(t.db), before);
    });

    it('shows an agent only the practitioners of her practices, and only those practices', async () => {
      const list = await agent.get<{ items: Practitioner[] }>('/api/practitioners');
      assert.equal(list.status, 200);
      const ids = list.body.items.map((p) => p.id);
      assert.ok(ids.includes(drA) && ids.includes(drAB));
      assert.ok(!ids.includes(drB));
      const shared = list.body.items.find((p) => p.id === drAB)!;
      assert.deepEqual(
        shared.practices.map((p) => p.id),
        [practiceA],
        'practice B stays hidden',
      );
      const hidden = await agent.get<ErrorResponseBody>(`/api/practitioners/${drB}`);
      const unknown = await agent.get<ErrorResponseBody>(`/api/practitioners/${randomUUID()}`);
      assert.equal(unknown.status, 404);
      assert.deepEqual(withoutRequestId(hidden), withoutRequestId(unknown));
      const forced = await agent.get<{ items: Practitioner[] }>(`/api/practitioners?practiceId=${practiceB}`);
      assert.equal(forced.status, 200);
      assert.deepEqual(forced.body.items, [], 'naming a hidden practice does not widen the scope');
    });

    it('shows a practitioner user only the practitioners of his practice', async () => {
      const list = await practitionerUser.get<{ items: Practitioner[] }>('/api/practitioners');
      assert.deepEqual(list.body.items.map((p) => p.lastName).sort(), ['Aubert', 'Blanc']);
      assert.equal((await practitionerUser.get(`/api/practitioners/${drA}`)).status, 404);
    });

    it('filters by practice and searches by name without accents', async () => {
      const inB = await admin.get<{ items: Practitioner[] }>(`/api/practitioners?practiceId=${practiceB}`);
      assert.deepEqual(
        inB.body.items.map((p) => p.lastName),
        ['Aubert', 'Blanc'],
      );
      const named = await admin.get<{ items: Practitioner[] }>('/api/practitioners?q=helene%20lefevre');
      assert.ok(named.body.items.length >= 1);
      assert.ok(named.body.items.every((p) => p.lastName === 'Lefèvre'));
    });

    it('lets only an administrator write', async () => {
      const before = await practitionerRows(t.db);
      const post = await agent.post<ErrorResponseBody>('/api/practitioners', body());
      assert.equal(post.status, 403);
      assert.equal(post.body.error.code, 'forbidden');
      assert.equal((await agent.patch(`/api/practitioners/${drA}`, { lastName: 'X' })).status, 403);
      assert.equal((await practitionerUser.patch(`/api/practitioners/${drB}`, { lastName: 'X' })).status, 403);
      assert.equal(await practitionerRows(t.db), before);
    });

    it('patches a practitioner, including the practices he works in', async () => {
      const r = await admin.patch<Practitioner>(`/api/practitioners/${drA}`, {
        specialty: 'pediatrie',
        title: null,
        practiceIds: [practiceB, practiceA],
      });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.specialty, 'pediatrie');
      assert.equal(r.body.title, null);
      assert.equal(r.body.lastName, 'Arnaud', 'fields left out are kept');
      assert.deepEqual(r.body.practices.map((p) => p.id).sort(), [practiceA, practiceB].sort());
      const moved = await admin.patch<Practitioner>(`/api/practitioners/${drA}`, { practiceIds: [practiceB] });
      assert.deepEqual(
        moved.body.practices.map((p) => p.id),
        [practiceB],
      );
      assert.equal((await agent.get(`/api/practitioners/${drA}`)).status, 404, 'gone from practice A, gone from its agent');
      const bad = await admin.patch<ErrorResponseBody>(`/api/practitioners/${drA}`, { rpps: '123' });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.field, 'rpps');
      assert.equal((await otherAdmin.patch(`/api/practitioners/${drA}`, { lastName: 'X' })).status, 404);
    });

    it('lists the professions and specialties with their labels', async () => {
      const r = await agent.get<{ professions: { code: string; fr: string }[]; specialties: { code: string }[] }>('/api/practitioners/vocabulary');
      assert.equal(r.status, 200);
      assert.equal(r.body.professions.find((p) => p.code === 'sage_femme')?.fr, 'Sage-femme');
      assert.ok(r.body.specialties.some((s) => s.code === 'medecine_generale'));
    });
  });
}
