import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startServer, type TestServer, type TestClient, type ErrorResponseBody, type TestResponse } from './support/server.ts';
import { createOrganisation, createPractice, createPractitioner, createUser } from './support/fixtures.ts';
import type { Queryable } from '../src/core/db/types.ts';

interface PracticeFile {
  id: string;
  name: string;
  legalName: string;
  siren: string;
  siret: string | null;
  region: string;
  timeZone: string;
  serviceHours: Record<string, [string, string][]>;
  phone: string | null;
  sites: { id: string; label: string; floor: string | null; digicode: string | null; latitude: number | null; city: string }[];
  numbers: { e164: string; label: string | null }[];
  practitioners: { id: string; lastName: string; profession: string }[];
}

const body = () => ({
  name: 'Cabinet du Dr Lefèvre',
  legalName: 'SCM Lefèvre et associés',
  siren: '732 829 320',
  siret: '73282932000074',
  region: 'martinique',
  serviceHours: {
    mon: [
      ['14:00', '19:00'],
      ['08:00', '12:00'],
    ],
    sat: [['08:00', '12:00']],
  },
  phone: '0596 60 12 34',
  email: 'accueil@cabinet-lefevre.fr',
  sites: [
    {
      label: 'Cabinet principal',
      addressLine: '12 rue Victor Hugo',
      postalCode: '97200',
      city: 'Fort-de-France',
      floor: '2e étage, porte gauche',
      digicode: '4821A',
      parking: 'Parking Perrinon, 2 min à pied',
      transport: 'Bus ligne 1, arrêt Perrinon',
      accessNotes: 'Ascenseur au fond de la cour',
      latitude: 14.6037,
      longitude: -61.0731,
    },
  ],
  numbers: [{ e164: '0696 12 34 56', label: 'Ligne principale' }],
});

/** Rows of every table a practice write touches: a refused request must leave them all unchanged. */
async function practiceRows(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ p: number; s: number; n: number }>(
    `select (select count(*) from practices)::int as p, (select count(*) from practice_sites)::int as s,
            (select count(*) from practice_numbers)::int as n`,
  );
  return JSON.stringify(rows[0]);
}

const withoutRequestId = (r: TestResponse<ErrorResponseBody>) => ({ status: r.status, error: { ...r.body.error, requestId: '' } });

for (const kind of testDatabaseKinds()) {
  describe(`practices (${kind})`, () => {
    let t: TestDb;
    let server: TestServer;
    let admin: TestClient;
    let agent: TestClient;
    let practitionerUser: TestClient;
    let practiceA: string;
    let practiceB: string;
    let otherOrgPractice: string;

    before(async () => {
      t = await openTestDb(kind);
      server = await startServer(t.db);
      const org = await createOrganisation(t.db);
      const otherOrg = await createOrganisation(t.db);
      practiceA = await createPractice(t.db, org, { name: 'Maison de santé des Tilleuls' });
      practiceB = await createPractice(t.db, org, { name: 'Cabinet Pasteur' });
      otherOrgPractice = await createPractice(t.db, otherOrg);
      await t.db.query(`insert into practice_numbers (e164, practice_id) values ('+33140000001', $1), ('+33140000002', $2), ('+33140000003', $3)`, [
        practiceA,
        practiceB,
        otherOrgPractice,
      ]);
      const drA = await createPractitioner(t.db, org, [practiceA], { lastName: 'Bernard' });
      await createPractitioner(t.db, org, [practiceB], { lastName: 'Moreau' });
      const users = {
        admin: await createUser(t.db, { organisationId: org, role: 'admin' }),
        agent: await createUser(t.db, { organisationId: org, role: 'agent', practiceIds: [practiceA] }),
        practitioner: await createUser(t.db, { organisationId: org, role: 'practitioner', practitionerId: drA }),
      };
      admin = server.client();
      await admin.login(users.admin.email, users.admin.password);
      agent = server.client();
      await agent.login(users.agent.email, users.agent.password);
      practitionerUser = server.client();
      await practitionerUser.login(users.practitioner.email, users.practitioner.password);
    });
    after(async () => {
      await server.close();
      await t.close();
    });

    it('creates a practice with its sites, numbers and hours, and reads the same file back', async () => {
      const created = await admin.post<PracticeFile>('/api/practices', body());
      assert.equal(created.status, 201, created.text);
      const file = created.body;
      assert.equal(file.siren, '732829320');
      assert.equal(file.timeZone, 'America/Martinique', 'defaults to the region’s zone');
      assert.equal(file.phone, '+596596601234');
      assert.deepEqual(file.numbers, [{ e164: '+596696123456', label: 'Ligne principale' }]);
      assert.deepEqual(file.serviceHours.mon, [
        ['08:00', '12:00'],
        ['14:00', '19:00'],
      ]);
      assert.deepEqual(file.serviceHours.sun, []);
      assert.equal(file.sites[0]?.digicode, '4821A');
      assert.equal(file.sites[0]?.latitude, 14.6037);
      assert.deepEqual(file.practitioners, []);
      const read = await admin.get<PracticeFile>(`/api/practices/${file.id}`);
      assert.equal(read.status, 200);
      assert.deepEqual(read.body, file);
      const list = await admin.get<{ items: { id: string; city: string | null }[] }>('/api/practices');
      assert.equal(list.body.items.find((p) => p.id === file.id)?.city, 'Fort-de-France');
    });

    it('shows the practitioners who work in the practice', async () => {
      const r = await agent.get<PracticeFile>(`/api/practices/${practiceA}`);
      assert.equal(r.status, 200);
      assert.deepEqual(
        r.body.practitioners.map((p) => [p.lastName, p.profession]),
        [['Bernard', 'medecin']],
      );
    });

    const invalid: [string, (b: ReturnType<typeof body>) => unknown, string][] = [
      ['a SIREN with a wrong key', (b) => ({ ...b, siren: '732829321', siret: null }), 'siren'],
      ['a SIRET with a wrong key', (b) => ({ ...b, siret: '73282932000075' }), 'siret'],
      ['a SIRET of another company', (b) => ({ ...b, siret: '44306184100047' }), 'siret'],
      ['an unknown region', (b) => ({ ...b, region: 'bretagne' }), 'region'],
      ['an unknown time zone', (b) => ({ ...b, timeZone: 'Europe/Fort-de-France' }), 'timeZone'],
      [
        'overlapping service hours',
        (b) => ({
          ...b,
          serviceHours: {
            mon: [
              ['08:00', '12:00'],
              ['11:00', '13:00'],
            ],
          },
        }),
        'serviceHours.mon.1',
      ],
      ['a service range ending before it starts', (b) => ({ ...b, serviceHours: { tue: [['19:00', '08:00']] } }), 'serviceHours.tue.0'],
      ['a service time not in HH:MM', (b) => ({ ...b, serviceHours: { wed: [['8h', '12h']] } }), 'serviceHours.wed.0'],
      ['an invalid forwarded number', (b) => ({ ...b, numbers: [{ e164: '06 12 34' }] }), 'numbers.0.e164'],
      ['the same number twice', (b) => ({ ...b, numbers: [{ e164: '0612345678' }, { e164: '+33 6 12 34 56 78' }] }), 'numbers.1.e164'],
      ['an invalid phone', (b) => ({ ...b, phone: 'pas un numéro' }), 'phone'],
      ['no site', (b) => ({ ...b, sites: [] }), 'sites'],
      ['a bad postal code', (b) => ({ ...b, sites: [{ ...b.sites[0], postalCode: '972' }] }), 'sites.0.postalCode'],
      ['a latitude without longitude', (b) => ({ ...b, sites: [{ ...b.sites[0], longitude: null }] }), 'sites.0.longitude'],
      ['a latitude out of range', (b) => ({ ...b, sites: [{ ...b.sites[0], latitude: 123 }] }), 'sites.0.latitude'],
      ['a missing legal name', (b) => ({ ...b, legalName: undefined }), 'legalName'],
    ];
    for (const [what, mutate, field] of invalid) {
      it(`refuses ${what} with 400 naming ${field}, writing nothing`, async () => {
        const before = await practiceRows(t.db);
        const r = await admin.post<ErrorResponseBody>('/api/practices', mutate(body()));
        assert.equal(r.status, 400, r.text);
        assert.equal(r.body.error.code, 'validation_failed');
        assert.equal(r.body.error.field, field, r.text);
        assert.equal(await practiceRows(t.db), before);
      });
    }

    it('refuses unknown fields, at the top and in a site', async () => {
      const before = await practiceRows(t.db);
      const top = await admin.post<ErrorResponseBody>('/api/practices', { ...body(), colour: 'blue' });
      assert.equal(top.status, 400);
      assert.equal(top.body.error.code, 'validation_failed');
      assert.ok(
        top.body.error.issues?.some((i) => i.message.includes('colour')),
        top.text,
      );
      const b = body();
      const nested = await admin.post<ErrorResponseBody>('/api/practices', { ...b, sites: [{ ...b.sites[0], organisationId: randomUUID() }] });
      assert.equal(nested.status, 400);
      assert.equal(await practiceRows(t.db), before);
    });

    it('answers 409 phone_number_taken for a number another practice holds, and writes nothing', async () => {
      const before = await practiceRows(t.db);
      const r = await admin.post<ErrorResponseBody>('/api/practices', {
        ...body(),
        numbers: [{ e164: '0696 70 00 00' }, { e164: '01 40 00 00 02' }],
      });
      assert.equal(r.status, 409, r.text);
      assert.equal(r.body.error.code, 'phone_number_taken');
      assert.equal(r.body.error.field, 'numbers.1.e164');
      assert.equal(await practiceRows(t.db), before, 'the practice and its first number are rolled back');
      // Even a number of another organisation: the number routes one call, to one practice.
      const other = await admin.put<ErrorResponseBody>(`/api/practices/${practiceA}/numbers`, { numbers: [{ e164: '+33140000003' }] });
      assert.equal(other.status, 409);
      const a = await admin.get<PracticeFile>(`/api/practices/${practiceA}`);
      assert.deepEqual(
        a.body.numbers.map((n) => n.e164),
        ['+33140000001'],
        'practice A keeps its number',
      );
    });

    it('replaces the forwarded numbers and finds the practice by number', async () => {
      const r = await admin.put<PracticeFile>(`/api/practices/${practiceB}/numbers`, {
        numbers: [
          { e164: '+33140000002', label: 'Standard' },
          { e164: '01 40 00 00 09', label: 'Urgences' },
        ],
      });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.body.numbers, [
        { e164: '+33140000002', label: 'Standard' },
        { e164: '+33140000009', label: 'Urgences' },
      ]);
      for (const written of ['%2B33140000009', '0140000009', '01%2040%2000%2000%2009']) {
        const found = await admin.get<PracticeFile>(`/api/practices/by-number/${written}`);
        assert.equal(found.status, 200, `${written}: ${found.text}`);
        assert.equal(found.body.id, practiceB);
      }
      const bad = await admin.get<ErrorResponseBody>('/api/practices/by-number/12');
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.field, 'e164');
    });

    it('keeps an agent to the practices she is assigned to', async () => {
      const list = await agent.get<{ items: { id: string }[] }>('/api/practices');
      assert.deepEqual(
        list.body.items.map((p) => p.id),
        [practiceA],
      );
      const hidden = await agent.get<ErrorResponseBody>(`/api/practices/${practiceB}`);
      const otherOrg = await agent.get<ErrorResponseBody>(`/api/practices/${otherOrgPractice}`);
      const unknown = await agent.get<ErrorResponseBody>(`/api/practices/${randomUUID()}`);
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.error.code, 'not_found');
      assert.deepEqual(withoutRequestId(hidden), withoutRequestId(unknown));
      assert.deepEqual(withoutRequestId(otherOrg), withoutRequestId(unknown));
      // The screen-pop lookup is scoped too: another practice's number looks unassigned.
      const own = await agent.get<PracticeFile>('/api/practices/by-number/+33140000001');
      assert.equal(own.status, 200);
      assert.equal(own.body.id, practiceA);
      const hiddenNumber = await agent.get<ErrorResponseBody>('/api/practices/by-number/+33140000002');
      const unassigned = await agent.get<ErrorResponseBody>('/api/practices/by-number/+33140009999');
      assert.equal(unassigned.status, 404);
      assert.deepEqual(withoutRequestId(hiddenNumber), withoutRequestId(unassigned));
    });

    it('shows a practitioner only his own practice', async () => {
      const list = await practitionerUser.get<{ items: { id: string }[] }>('/api/practices');
      assert.deepEqual(
        list.body.items.map((p) => p.id),
        [practiceA],
      );
      assert.equal((await practitionerUser.get(`/api/practices/${practiceB}`)).status, 404);
    });

    it('lets only an administrator write', async () => {
      const before = await practiceRows(t.db);
      const post = await agent.post<ErrorResponseBody>('/api/practices', body());
      assert.equal(post.status, 403);
      assert.equal(post.body.error.code, 'forbidden');
      assert.equal((await agent.patch(`/api/practices/${practiceA}`, { name: 'Piraté' })).status, 403);
      assert.equal((await practitionerUser.put(`/api/practices/${practiceA}/numbers`, { numbers: [] })).status, 403);
      assert.equal((await server.client().post('/api/practices', body())).status, 401);
      assert.equal(await practiceRows(t.db), before);
      assert.equal((await agent.get<PracticeFile>(`/api/practices/${practiceA}`)).body.name, 'Maison de santé des Tilleuls');
    });

    it('searches by name without accents or case', async () => {
      const r = await admin.get<{ items: { name: string }[] }>('/api/practices?q=LEFEVRE');
      assert.deepEqual(
        r.body.items.map((p) => p.name),
        ['Cabinet du Dr Lefèvre'],
      );
      const tilleuls = await agent.get<{ items: { name: string }[] }>('/api/practices?q=sante%20des%20til');
      assert.deepEqual(
        tilleuls.body.items.map((p) => p.name),
        ['Maison de santé des Tilleuls'],
      );
      const outOfScope = await agent.get<{ items: unknown[] }>('/api/practices?q=pasteur');
      assert.deepEqual(outOfScope.body.items, []);
    });

    it('patches a practice: the zone follows a region change, the SIRET must match the SIREN', async () => {
      const r = await admin.patch<PracticeFile>(`/api/practices/${practiceA}`, {
        region: 'reunion',
        serviceHours: { fri: [['08:00', '18:00']] },
        siret: '73282932000074',
      });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.region, 'reunion');
      assert.equal(r.body.timeZone, 'Indian/Reunion');
      assert.deepEqual(r.body.serviceHours.fri, [['08:00', '18:00']]);
      assert.deepEqual(r.body.serviceHours.mon, []);
      const mismatch = await admin.patch<ErrorResponseBody>(`/api/practices/${practiceA}`, { siren: '443061841' });
      assert.equal(mismatch.status, 400);
      assert.equal(mismatch.body.error.field, 'siren');
      const chosenZone = await admin.patch<PracticeFile>(`/api/practices/${practiceA}`, { timeZone: 'Indian/Mayotte' });
      assert.equal(chosenZone.body.timeZone, 'Indian/Mayotte');
      const regionAgain = await admin.patch<PracticeFile>(`/api/practices/${practiceA}`, { region: 'metropole' });
      assert.equal(regionAgain.body.timeZone, 'Indian/Mayotte', 'a zone chosen by hand is kept');
      assert.equal((await admin.patch(`/api/practices/${randomUUID()}`, { name: 'X' })).status, 404);
      assert.equal((await admin.patch(`/api/practices/${otherOrgPractice}`, { name: 'X' })).status, 404);
    });

    it('replaces sites: keeps listed ones, adds new ones, removes the rest', async () => {
      const created = (await admin.post<PracticeFile>('/api/practices', { ...body(), name: 'Cabinet des Sites', numbers: [] })).body;
      const kept = created.sites[0]!;
      const r = await admin.put<PracticeFile>(`/api/practices/${created.id}/sites`, {
        sites: [
          { label: 'Annexe', addressLine: '3 place de la Savane', postalCode: '97200', city: 'Fort-de-France' },
          { id: kept.id, label: 'Cabinet principal', addressLine: '12 rue Victor Hugo', postalCode: '97200', city: 'Fort-de-France', digicode: '9999' },
        ],
      });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(
        r.body.sites.map((s) => s.label),
        ['Annexe', 'Cabinet principal'],
      );
      assert.equal(r.body.sites[1]?.id, kept.id);
      assert.equal(r.body.sites[1]?.digicode, '9999');
      assert.equal(r.body.sites[1]?.floor, null, 'a field left out is cleared: PUT replaces');
      const foreign = await admin.put<ErrorResponseBody>(`/api/practices/${created.id}/sites`, {
        sites: [{ id: randomUUID(), label: 'X', addressLine: 'x', postalCode: '75001', city: 'Paris' }],
      });
      assert.equal(foreign.status, 400);
      assert.equal(foreign.body.error.field, 'sites.0.id');
      assert.equal((await admin.get<PracticeFile>(`/api/practices/${created.id}`)).body.sites.length, 2);
    });

    it('documents every practice route in the OpenAPI document', async () => {
      const r = await admin.get<{ paths: Record<string, Record<string, { summary?: string }>> }>('/api/openapi.json');
      assert.equal(r.status, 200);
      for (const [path, method] of [
        ['/api/practices', 'get'],
        ['/api/practices', 'post'],
        ['/api/practices/{id}', 'get'],
        ['/api/practices/{id}', 'patch'],
        ['/api/practices/{id}/sites', 'put'],
        ['/api/practices/{id}/numbers', 'put'],
        ['/api/practices/by-number/{e164}', 'get'],
      ] as const) {
        assert.ok(r.body.paths[path]?.[method]?.summary, `${method} ${path}`);
      }
    });
  });
}
