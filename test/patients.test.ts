import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startServer, type ErrorResponseBody, type TestClient, type TestResponse, type TestServer } from './support/server.ts';
import { auditCount, createOrganisation, createPatient, createPractice, createPractitioner, createUser } from './support/fixtures.ts';

interface Patient {
  id: string;
  practiceId: string;
  birthName: string;
  firstGivenName: string;
  givenNames: string[];
  usualName: string | null;
  birthDate: string;
  sex: string;
  birthPlaceInsee: string | null;
  identityStatus: string;
  mobilePhone: string | null;
  email: string | null;
  address: { line: string | null; postalCode: string; city: string } | null;
  note: string | null;
  updatedAt: string;
}
interface SearchResult {
  items: Patient[];
  hasMore: boolean;
}

/** An error answer without its request id, which differs by design. */
const comparable = (r: TestResponse) => ({ status: r.status, error: { ...(r.body as ErrorResponseBody).error, requestId: undefined } });

for (const kind of testDatabaseKinds()) {
  describe(`patients (${kind})`, () => {
    let t: TestDb;
    let server: TestServer;
    let org: string;
    let practiceA: string;
    let practiceB: string;
    let agent: TestClient; // practice A only
    let practitioner: TestClient; // practice A
    let admin: TestClient; // the whole organisation
    let patientB: string;

    const counts = async () => {
      const { rows } = await t.db.query<{ n: number }>('select count(*)::int as n from patients');
      return { patients: rows[0]!.n, audit: await auditCount(t.db) };
    };
    const search = (c: TestClient, q: string, extra = '') => c.get<SearchResult>(`/api/patients?q=${encodeURIComponent(q)}${extra}`);
    const names = (r: TestResponse<SearchResult>) => r.body.items.map((p) => `${p.birthName} ${p.firstGivenName}`);

    before(async () => {
      t = await openTestDb(kind);
      server = await startServer(t.db);
      org = await createOrganisation(t.db);
      practiceA = await createPractice(t.db, org);
      practiceB = await createPractice(t.db, org);
      const practitionerA = await createPractitioner(t.db, org, [practiceA]);
      const users = {
        agent: await createUser(t.db, { organisationId: org, role: 'agent', practiceIds: [practiceA] }),
        practitioner: await createUser(t.db, { organisationId: org, role: 'practitioner', practitionerId: practitionerA }),
        admin: await createUser(t.db, { organisationId: org, role: 'admin' }),
      };
      agent = server.client();
      await agent.login(users.agent.email, users.agent.password);
      practitioner = server.client();
      await practitioner.login(users.practitioner.email, users.practitioner.password);
      admin = server.client();
      await admin.login(users.admin.email, users.admin.password);

      const p = (birthName: string, firstGivenName: string, o: Partial<Parameters<typeof createPatient>[1]> = {}) =>
        createPatient(t.db, { organisationId: org, practiceId: practiceA, birthName, firstGivenName, ...o });
      await p('Lefèvre', 'Hélène', { birthDate: '1985-03-12', mobilePhone: '+33612345678' });
      await p('Dupont', 'Marie', { birthDate: '1972-11-02' });
      await p('Dupont', 'Paul', { birthDate: '1970-01-20' });
      await p('Durand', 'Marie', { usualName: 'Dupont', birthDate: '1990-07-07' });
      await p('Martinez', 'Luc');
      await p('Martin', 'Zoé');
      await p('Aubert', 'Martine');
      for (const [i, given] of ['Anne', 'Bruno', 'Chloé', 'David', 'Emma'].entries()) await p('Bernard', given, { birthDate: `196${i}-01-01` });
      patientB = await createPatient(t.db, {
        organisationId: org,
        practiceId: practiceB,
        birthName: 'Lefèvre',
        firstGivenName: 'Hélène',
        mobilePhone: '+33612345678',
      });
    });
    after(async () => {
      await server.close();
      await t.close();
    });

    it('creates, reads and updates a patient, normalising what was typed', async () => {
      const created = await agent.post<Patient>('/api/patients', {
        practiceId: practiceA,
        birthName: '  Saint-Exupéry ',
        firstGivenName: 'Antoine',
        givenNames: ['Antoine', 'Marie', 'Roger'],
        birthDate: '1950-06-29',
        sex: 'M',
        birthPlaceInsee: '2a004',
        mobilePhone: '06 98 76 54 32',
        email: ' Antoine@Exemple.FR ',
        address: { line: '1 rue du Vol de Nuit', postalCode: '69001', city: 'Lyon' },
        note: 'Préfère être appelé le matin',
      });
      assert.equal(created.status, 201, created.text);
      const p = created.body;
      assert.equal(p.birthName, 'Saint-Exupéry');
      assert.equal(p.mobilePhone, '+33698765432');
      assert.equal(p.email, 'antoine@exemple.fr');
      assert.equal(p.birthPlaceInsee, '2A004');
      assert.equal(p.identityStatus, 'provisional');
      assert.equal(p.practiceId, practiceA);

      const read = await agent.get<Patient>(`/api/patients/${p.id}`);
      assert.equal(read.status, 200);
      assert.deepEqual(read.body, p);

      const updated = await agent.patch<Patient>(`/api/patients/${p.id}`, { mobilePhone: '+33 7 81 23 45 67', usualName: 'Consuelo', address: null });
      assert.equal(updated.status, 200, updated.text);
      assert.equal(updated.body.mobilePhone, '+33781234567');
      assert.equal(updated.body.usualName, 'Consuelo');
      assert.equal(updated.body.address, null);
      assert.equal(updated.body.note, 'Préfère être appelé le matin');
      // The usual name is searchable at once.
      assert.deepEqual(names(await search(agent, 'consuelo')), ['Saint-Exupéry Antoine']);
    });

    it('finds a name whatever its accents and case', async () => {
      for (const q of ['lefevre', 'LEFÈVRE', 'Lefevre', 'lefe']) {
        const r = await search(agent, q);
        assert.equal(r.status, 200);
        assert.deepEqual(names(r), ['Lefèvre Hélène'], q);
      }
      assert.deepEqual(names(await search(agent, 'helene')), ['Lefèvre Hélène']);
    });

    it('finds a phone number however it is written', async () => {
      for (const q of ['06 12 34 56 78', '0612345678', '+33612345678', '+33 6 12 34 56 78', '0033612345678']) {
        assert.deepEqual(names(await search(agent, q)), ['Lefèvre Hélène'], q);
      }
    });

    it('finds the patients born on a date however it is written', async () => {
      for (const q of ['12/03/1985', '1985-03-12', '12031985', '12.03.1985']) {
        assert.deepEqual(names(await search(agent, q)), ['Lefèvre Hélène'], q);
      }
      assert.deepEqual(names(await search(agent, 'dupont 02/11/1972')), ['Dupont Marie']);
    });

    it('requires every word to match, in any name', async () => {
      assert.deepEqual(names(await search(agent, 'dupont marie')), ['Dupont Marie', 'Durand Marie']);
      assert.deepEqual(names(await search(agent, 'marie dupont')), ['Dupont Marie', 'Durand Marie']);
      assert.deepEqual(names(await search(agent, 'dupont zoé')), []);
    });

    it('ranks the exact name first, then names starting with it, then other matches', async () => {
      assert.deepEqual(names(await search(agent, 'martin')), ['Martin Zoé', 'Martinez Luc', 'Aubert Martine']);
      assert.deepEqual(names(await search(agent, 'dupont')), ['Dupont Marie', 'Dupont Paul', 'Durand Marie']);
    });

    it('caps the results and says there are more', async () => {
      const r = await search(agent, 'bernard', '&limit=3');
      assert.equal(r.body.items.length, 3);
      assert.equal(r.body.hasMore, true);
      const all = await search(agent, 'bernard', '&limit=5');
      assert.equal(all.body.items.length, 5);
      assert.equal(all.body.hasMore, false);
      const listing = await agent.get<SearchResult>(`/api/patients?limit=2&practiceId=${practiceA}`);
      assert.equal(listing.status, 200);
      assert.equal(listing.body.items.length, 2);
      assert.equal(listing.body.hasMore, true);
    });

    it("never shows an agent another practice's patients, even when asked for that practice", async () => {
      const mine = await search(agent, 'lefevre');
      assert.ok(mine.body.items.every((p) => p.practiceId === practiceA));
      assert.ok(!mine.body.items.some((p) => p.id === patientB));
      const byPhone = await search(agent, '06 12 34 56 78');
      assert.ok(!byPhone.body.items.some((p) => p.id === patientB));

      const forced = await search(agent, 'lefevre', `&practiceId=${practiceB}`);
      const random = await search(agent, 'lefevre', `&practiceId=${randomUUID()}`);
      assert.equal(forced.status, 404);
      assert.deepEqual(comparable(forced), comparable(random));

      // The organisation-wide admin sees both, and can narrow to one practice.
      const all = await search(admin, 'lefevre');
      assert.deepEqual(new Set(all.body.items.map((p) => p.practiceId)), new Set([practiceA, practiceB]));
      const onlyB = await search(admin, 'lefevre', `&practiceId=${practiceB}`);
      assert.deepEqual(
        onlyB.body.items.map((p) => p.id),
        [patientB],
      );
    });

    it("answers another practice's patient exactly like a random id, for reads and writes", async () => {
      const hidden = await agent.get(`/api/patients/${patientB}`);
      const missing = await agent.get(`/api/patients/${randomUUID()}`);
      assert.equal(hidden.status, 404);
      assert.deepEqual(comparable(hidden), comparable(missing));
      const hiddenPatch = await agent.patch(`/api/patients/${patientB}`, { note: 'x' });
      const missingPatch = await agent.patch(`/api/patients/${randomUUID()}`, { note: 'x' });
      assert.equal(hiddenPatch.status, 404);
      assert.deepEqual(comparable(hiddenPatch), comparable(missingPatch));
      const { rows } = await t.db.query<{ note: string | null }>('select note from patients where id = $1', [patientB]);
      assert.equal(rows[0]!.note, null);
    });

    it('refuses to create a patient in a practice outside the scope, as if it did not exist', async () => {
      const before = await counts();
      const body = { birthName: 'Intrus', firstGivenName: 'Ian', birthDate: '1980-01-01', sex: 'M' };
      const hidden = await agent.post('/api/patients', { ...body, practiceId: practiceB });
      const missing = await agent.post('/api/patients', { ...body, practiceId: randomUUID() });
      assert.equal(hidden.status, 404);
      assert.deepEqual(comparable(hidden), comparable(missing));
      assert.deepEqual(await counts(), before);
    });

    it('answers 409 with the existing id for the same identity in the practice, unless told it is another person', async () => {
      const body = { practiceId: practiceA, birthName: 'Lefèvre', firstGivenName: 'Hélène', birthDate: '1985-03-12', sex: 'F' };
      const existing = (await search(agent, 'lefevre helene 12/03/1985')).body.items[0]!.id;
      const before = await counts();
      const dup = await agent.post<ErrorResponseBody>('/api/patients', { ...body, birthName: 'LEFEVRE', firstGivenName: 'helene' });
      assert.equal(dup.status, 409);
      assert.equal(dup.body.error.code, 'patient_duplicate');
      assert.equal(dup.body.error.details?.existingId, existing);
      assert.equal((await counts()).patients, before.patients);

      const twin = await agent.post<Patient>('/api/patients', { ...body, confirmDifferentPerson: true });
      assert.equal(twin.status, 201);
      assert.notEqual(twin.body.id, existing);

      // Another practice's patient is another person: no match across practices.
      const elsewhere = await admin.post<Patient>('/api/patients', { ...body, practiceId: practiceB, birthDate: '1985-03-12' });
      assert.equal(elsewhere.status, 201, elsewhere.text);
    });

    it('answers 409 when an update would make two identical identities', async () => {
      const a = await agent.post<Patient>('/api/patients', {
        practiceId: practiceA,
        birthName: 'Rémy',
        firstGivenName: 'Joël',
        birthDate: '1961-04-04',
        sex: 'M',
      });
      const b = await agent.post<Patient>('/api/patients', {
        practiceId: practiceA,
        birthName: 'Remi',
        firstGivenName: 'Joël',
        birthDate: '1961-04-04',
        sex: 'M',
      });
      assert.equal(b.status, 201);
      const clash = await agent.patch<ErrorResponseBody>(`/api/patients/${b.body.id}`, { birthName: 'REMY' });
      assert.equal(clash.status, 409);
      assert.equal(clash.body.error.details?.existingId, a.body.id);
      const read = await agent.get<Patient>(`/api/patients/${b.body.id}`);
      assert.equal(read.body.birthName, 'Remi');
      const forced = await agent.patch<Patient>(`/api/patients/${b.body.id}`, { birthName: 'REMY', confirmDifferentPerson: true });
      assert.equal(forced.status, 200);
    });

    it('creates one patient out of simultaneous identical requests', async () => {
      const clients = [agent, practitioner, admin];
      for (let round = 0; round < 5; round++) {
        const body = { practiceId: practiceA, birthName: `Concurrent${'abcde'[round]}`, firstGivenName: 'Céleste', birthDate: '2001-09-09', sex: 'F' };
        const results = await Promise.all(Array.from({ length: 12 }, (_, i) => clients[i % 3]!.post<ErrorResponseBody>('/api/patients', body)));
        const created = results.filter((r) => r.status === 201);
        const refused = results.filter((r) => r.status === 409 && r.body.error.code === 'patient_duplicate');
        assert.equal(created.length, 1, `round ${round}: ${results.map((r) => r.status).join(',')}`);
        assert.equal(refused.length, 11);
        const { rows } = await t.db.query<{ n: number }>('select count(*)::int as n from patients where birth_name = $1', [body.birthName]);
        assert.equal(rows[0]!.n, 1);
      }
    });

    it('lets only the practice side qualify an identity, and locks qualified traits against agents', async () => {
      const body = { practiceId: practiceA, birthName: 'Qualifiée', firstGivenName: 'Inès', birthDate: '1999-12-31', sex: 'F' };
      const before = await counts();
      const byAgent = await agent.post<ErrorResponseBody>('/api/patients', { ...body, identityStatus: 'qualified' });
      assert.equal(byAgent.status, 403);
      assert.equal(byAgent.body.error.field, 'identityStatus');
      assert.deepEqual(await counts(), before);

      const q = await practitioner.post<Patient>('/api/patients', { ...body, identityStatus: 'qualified' });
      assert.equal(q.status, 201);
      assert.equal(q.body.identityStatus, 'qualified');

      // Contact details stay the agent's to update; identity traits do not.
      assert.equal((await agent.patch(`/api/patients/${q.body.id}`, { mobilePhone: '0611111111' })).status, 200);
      const locked = await agent.patch<ErrorResponseBody>(`/api/patients/${q.body.id}`, { birthDate: '1999-12-30' });
      assert.equal(locked.status, 403);
      assert.equal(locked.body.error.code, 'identity_qualified');
      assert.equal(locked.body.error.field, 'birthDate');

      // The practitioner may correct a trait; the identity then needs qualifying again.
      const corrected = await practitioner.patch<Patient>(`/api/patients/${q.body.id}`, { birthDate: '1999-12-30' });
      assert.equal(corrected.status, 200);
      assert.equal(corrected.body.birthDate, '1999-12-30');
      assert.equal(corrected.body.identityStatus, 'provisional');
    });

    describe('hostile input', () => {
      const valid = () => ({ practiceId: practiceA, birthName: 'Valide', firstGivenName: 'Victor', birthDate: '1980-02-02', sex: 'M' });
      const cases: [string, () => Record<string, unknown>, string][] = [
        ['a number for a name', () => ({ ...valid(), birthName: 42 }), 'birthName'],
        ['digits in a name', () => ({ ...valid(), birthName: 'R2D2' }), 'birthName'],
        ['an empty name', () => ({ ...valid(), firstGivenName: '   ' }), 'firstGivenName'],
        ['a 300-character name', () => ({ ...valid(), birthName: 'A'.repeat(300) }), 'birthName'],
        ['an unknown field', () => ({ ...valid(), isVip: true }), ''],
        ['an invalid phone', () => ({ ...valid(), mobilePhone: '06 12 34' }), 'mobilePhone'],
        ['letters as phone', () => ({ ...valid(), mobilePhone: 'appelez-moi' }), 'mobilePhone'],
        ['a date that does not exist', () => ({ ...valid(), birthDate: '1985-02-30' }), 'birthDate'],
        ['a French-format date', () => ({ ...valid(), birthDate: '12/03/1985' }), 'birthDate'],
        ['a birth date in the future', () => ({ ...valid(), birthDate: '2999-01-01' }), 'birthDate'],
        ['a birth date before 1900', () => ({ ...valid(), birthDate: '1899-12-31' }), 'birthDate'],
        ['an unknown sex', () => ({ ...valid(), sex: 'X' }), 'sex'],
        ['a four-character INSEE code', () => ({ ...valid(), birthPlaceInsee: '7505' }), 'birthPlaceInsee'],
        ['a 2C INSEE code', () => ({ ...valid(), birthPlaceInsee: '2C004' }), 'birthPlaceInsee'],
        ['an invalid email', () => ({ ...valid(), email: 'pas-un-email' }), 'email'],
        ['a bad postal code', () => ({ ...valid(), address: { line: '1 rue', postalCode: '7500', city: 'Paris' } }), 'address.postalCode'],
        ['a practice id that is not a uuid', () => ({ ...valid(), practiceId: 'cabinet-1' }), 'practiceId'],
        ['an unknown identity status', () => ({ ...valid(), identityStatus: 'verified' }), 'identityStatus'],
        ['a missing birth date', () => ({ ...valid(), birthDate: undefined }), 'birthDate'],
      ];
      for (const [what, body, field] of cases) {
        it(`refuses ${what} with a 400 naming the field, and writes nothing`, async () => {
          const before = await counts();
          const r = await agent.post<ErrorResponseBody>('/api/patients', body());
          assert.equal(r.status, 400, r.text);
          assert.equal(r.body.error.code, 'validation_failed');
          if (field) assert.equal(r.body.error.field, field, r.text);
          assert.deepEqual(await counts(), before);
        });
      }

      it('refuses malformed JSON, a 2 MB body and bad update input, and writes nothing', async () => {
        const before = await counts();
        const malformed = await agent.request<ErrorResponseBody>('POST', '/api/patients', {
          rawBody: '{"birthName": "Dupont",',
          headers: { 'content-type': 'application/json' },
        });
        assert.equal(malformed.status, 400);
        assert.equal(malformed.body.error.code, 'invalid_json');
        const huge = await agent.post<ErrorResponseBody>('/api/patients', { ...valid(), note: 'x'.repeat(2 * 1024 * 1024) });
        assert.equal(huge.status, 413);
        assert.equal(huge.body.error.code, 'body_too_large');
        const target = (await search(agent, 'lefevre')).body.items[0]!.id;
        const afterSearch = await counts();
        for (const [body, field] of [
          [{ sex: 'Z' }, 'sex'],
          [{ practiceId: practiceB }, ''],
          [{}, ''],
          [{ birthDate: 19850312 }, 'birthDate'],
        ] as const) {
          const r = await agent.patch<ErrorResponseBody>(`/api/patients/${target}`, body);
          assert.equal(r.status, 400, JSON.stringify(body));
          if (field) assert.equal(r.body.error.field, field);
        }
        const notUuid = await agent.get<ErrorResponseBody>('/api/patients/123');
        assert.equal(notUuid.status, 400);
        const badLimit = await agent.get<ErrorResponseBody>('/api/patients?q=a&limit=100000');
        assert.equal(badLimit.status, 400);
        assert.equal(badLimit.body.error.field, 'limit');
        assert.equal((await counts()).patients, before.patients);
        assert.deepEqual(await counts(), afterSearch);
      });
    });
  });
}
