/**
 * Importing a practice's patients from CSV: a dry run on a Windows-1252 file with `;` shows what would be
 * created, the duplicates (of a patient already there, of an earlier row) and the rows in error; the import
 * is refused while a row is in error, nothing written; a UTF-8 file with a BOM, `,` and a column mapping is
 * imported whole, accents intact, one audit row per patient.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startServer, type TestServer, type TestClient, type ErrorResponseBody } from './support/server.ts';
import { auditCount, createOrganisation, createPatient, createPractice, createUser } from './support/fixtures.ts';
import type { PatientImportReport } from '../src/patients/import-routes.ts';

const cp1252 = (s: string) => Buffer.from([...s].map((c) => ({ é: 0xe9, è: 0xe8, É: 0xc9, ç: 0xe7, ë: 0xeb })[c] ?? c.charCodeAt(0)));
const WINDOWS_FILE = cp1252(
  [
    'Nom;Prénom;Date de naissance;Sexe;Portable',
    'Lefèvre;Élise;12/03/1985;F;',
    'Dupré;Zoé;01/02/1990;Mme;06 12 34 56 78',
    'DUPRÉ;Zoé;1-2-1990;F;',
    'Martin;Luc;31/02/1980;M;',
    'Noël;Françoise;05/06/1950;X;',
  ].join('\r\n'),
);
const UTF8_FILE = Buffer.concat([
  Buffer.from([0xef, 0xbb, 0xbf]),
  Buffer.from(
    ['Patient,Given,DOB,Genre,Mail', 'Bénédicte-Ança,Gaëlle,03/09/1992,Madame,gaelle@example.fr', "N'Diaye,Moussa,1978-11-30,Monsieur,"].join('\n'),
    'utf8',
  ),
]);

for (const kind of testDatabaseKinds()) {
  describe(`patient import from CSV (${kind})`, () => {
    let t: TestDb;
    let server: TestServer;
    let practice: string;
    let foreign: string;
    let existing: string;
    let admin: TestClient;
    let agent: TestClient;
    const patients = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from patients where practice_id = $1', [practice])).rows[0]!.n;

    before(async () => {
      t = await openTestDb(kind);
      server = await startServer(t.db);
      const org = await createOrganisation(t.db);
      practice = await createPractice(t.db, org);
      foreign = await createPractice(t.db, await createOrganisation(t.db));
      existing = await createPatient(t.db, {
        organisationId: org,
        practiceId: practice,
        birthName: 'Lefèvre',
        firstGivenName: 'Élise',
        birthDate: '1985-03-12',
      });
      const a = await createUser(t.db, { organisationId: org, role: 'admin' });
      const g = await createUser(t.db, { organisationId: org, role: 'agent', practiceIds: [practice] });
      admin = server.client();
      await admin.login(a.email, a.password);
      agent = server.client();
      await agent.login(g.email, g.password);
    });
    after(async () => {
      await server.close();
      await t.close();
    });

    it('dry-runs a Windows-1252 file: creations, duplicates, per-row errors; nothing written', async () => {
      const r = await admin.post<PatientImportReport>(`/api/practices/${practice}/patient-imports`, { content: WINDOWS_FILE.toString('base64'), dryRun: true });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.encoding, 'windows-1252');
      assert.equal(r.body.delimiter, ';');
      assert.deepEqual(r.body.headers, ['Nom', 'Prénom', 'Date de naissance', 'Sexe', 'Portable']);
      assert.equal(r.body.mapping.firstGivenName, 'Prénom');
      assert.deepEqual(r.body.created, [3]);
      assert.deepEqual(r.body.duplicates, [
        { line: 2, existingPatientId: existing, sameAsLine: null },
        { line: 4, existingPatientId: null, sameAsLine: 3 },
      ]);
      assert.deepEqual(
        r.body.errors.map((e) => [e.line, e.field]),
        [
          [5, 'birthDate'],
          [6, 'sex'],
        ],
      );
      assert.equal(r.body.committed, false);
      assert.equal(await patients(), 1);
    });

    it('refuses the import while a row is in error, and writes nothing', async () => {
      const before = await auditCount(t.db, `action = 'patient.create'`);
      const r = await admin.post<ErrorResponseBody>(`/api/practices/${practice}/patient-imports`, { content: WINDOWS_FILE.toString('base64'), dryRun: false });
      assert.equal(r.status, 422, r.text);
      assert.equal(r.body.error.field, 'content');
      assert.equal(await patients(), 1);
      assert.equal(await auditCount(t.db, `action = 'patient.create'`), before);
    });

    it('imports a UTF-8 file with a BOM, `,` and a column mapping, accents intact, one audit row per patient', async () => {
      const mapping = { birthName: 'Patient', firstGivenName: 'Given', birthDate: 'DOB', sex: 'Genre', email: 'Mail' };
      const r = await admin.post<PatientImportReport>(`/api/practices/${practice}/patient-imports`, {
        content: UTF8_FILE.toString('base64'),
        mapping,
        dryRun: false,
      });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.encoding, 'utf-8');
      assert.equal(r.body.delimiter, ',');
      assert.deepEqual(r.body.created, [2, 3]);
      assert.equal(r.body.committed, true);
      const { rows } = await t.db.query<{ birth_name: string; first_given_name: string; birth_date: string; sex: string; email: string | null }>(
        `select birth_name, first_given_name, to_char(birth_date, 'YYYY-MM-DD') as birth_date, sex, email from patients where practice_id = $1 and id <> $2 order by birth_name`,
        [practice, existing],
      );
      assert.deepEqual(rows, [
        { birth_name: 'Bénédicte-Ança', first_given_name: 'Gaëlle', birth_date: '1992-09-03', sex: 'F', email: 'gaelle@example.fr' },
        { birth_name: "N'Diaye", first_given_name: 'Moussa', birth_date: '1978-11-30', sex: 'M', email: null },
      ]);
      assert.equal(await auditCount(t.db, `action = 'patient.create' and detail->>'import' = 'true'`), 2);
    });

    it('refuses agents (403) and answers 404 for a practice out of scope', async () => {
      const content = UTF8_FILE.toString('base64');
      assert.equal((await agent.post(`/api/practices/${practice}/patient-imports`, { content, dryRun: true })).status, 403);
      assert.equal((await admin.post(`/api/practices/${foreign}/patient-imports`, { content, dryRun: true })).status, 404);
    });
  });
}
