// DESIGN invariant 2: every read or write of patient data leaves exactly one audit row, in the same
// transaction; the log is append-only and hash-chained, and `relais audit verify` names the first altered row.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startServer, type ErrorResponseBody, type TestClient, type TestServer } from './support/server.ts';
import { auditCount, createOrganisation, createPatient, createPractice, createUser } from './support/fixtures.ts';
import { audit, sealAudit, verifyAuditChain } from '../src/core/audit.ts';
import { openDatabase } from '../src/core/db/open.ts';
import { sqlState, type Queryable } from '../src/core/db/types.ts';
import type { RequestContext } from '../src/core/auth/actor.ts';
import { systemClock } from '../src/core/time/clock.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface AuditRow {
  id: number;
  request_id: string | null;
  actor_user_id: string | null;
  actor_role: string | null;
  organisation_id: string | null;
  practice_id: string | null;
  patient_id: string | null;
  action: string;
  outcome: string;
  detail: Record<string, unknown> | null;
}

/** The audit rows written since `after` (an id). */
async function rowsAfter(db: Queryable, after: number): Promise<AuditRow[]> {
  return (await db.query<AuditRow>('select * from audit_log where id > $1 order by id', [after])).rows;
}
async function lastId(db: Queryable): Promise<number> {
  return (await db.query<{ id: number }>('select coalesce(max(id), 0)::bigint as id from audit_log')).rows[0]!.id;
}

/** Runs the real `relais audit verify` command. */
function cliVerify(env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', 'audit', 'verify'],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', ...env }, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, output: `${stdout}\n${stderr}` });
      },
    );
  });
}

/** Changes a row's detail behind the append-only trigger's back, as someone with database access could. */
async function tamper(db: Queryable, id: number, detail: string | null): Promise<void> {
  await db.exec('alter table audit_log disable trigger audit_no_update');
  await db.query('update audit_log set detail = $2::jsonb where id = $1', [id, detail]);
  await db.exec('alter table audit_log enable trigger audit_no_update');
}

for (const kind of testDatabaseKinds()) {
  describe(`audit (${kind})`, () => {
    let t: TestDb;
    let server: TestServer;
    let practiceA: string;
    let agent: TestClient;
    let agentId: string;
    let patientA: string;
    let patientB: string;

    before(async () => {
      t = await openTestDb(kind);
      server = await startServer(t.db);
      const org = await createOrganisation(t.db);
      practiceA = await createPractice(t.db, org);
      const practiceB = await createPractice(t.db, org);
      const u = await createUser(t.db, { organisationId: org, role: 'agent', practiceIds: [practiceA] });
      agentId = u.id;
      agent = server.client();
      await agent.login(u.email, u.password);
      patientA = await createPatient(t.db, { organisationId: org, practiceId: practiceA, birthName: 'Hébert', firstGivenName: 'Léa', birthDate: '1975-05-05' });
      patientB = await createPatient(t.db, { organisationId: org, practiceId: practiceB, birthName: 'Hébert', firstGivenName: 'Noé' });
    });
    after(async () => {
      await server.close();
      await t.close();
    });

    it('writes exactly one row per patient read, search, creation and update, naming who did what', async () => {
      let mark = await lastId(t.db);
      const created = await agent.post<{ id: string }>('/api/patients', {
        practiceId: practiceA,
        birthName: 'Bégin',
        firstGivenName: 'Théo',
        birthDate: '2010-10-10',
        sex: 'M',
      });
      assert.equal(created.status, 201);
      let rows = await rowsAfter(t.db, mark);
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.action, 'patient.create');
      assert.equal(rows[0]!.outcome, 'ok');
      assert.equal(rows[0]!.patient_id, created.body.id);
      assert.equal(rows[0]!.practice_id, practiceA);
      assert.equal(rows[0]!.actor_user_id, agentId);
      assert.equal(rows[0]!.actor_role, 'agent');
      assert.ok(rows[0]!.request_id);

      mark = await lastId(t.db);
      assert.equal((await agent.get(`/api/patients/${patientA}`)).status, 200);
      rows = await rowsAfter(t.db, mark);
      assert.deepEqual(
        rows.map((r) => [r.action, r.outcome, r.patient_id]),
        [['patient.read', 'ok', patientA]],
      );

      mark = await lastId(t.db);
      assert.equal((await agent.patch(`/api/patients/${patientA}`, { note: 'Rappeler après 17 h', email: 'lea@exemple.fr' })).status, 200);
      rows = await rowsAfter(t.db, mark);
      assert.deepEqual(
        rows.map((r) => [r.action, r.outcome, r.patient_id]),
        [['patient.update', 'ok', patientA]],
      );
      assert.deepEqual(rows[0]!.detail, { fields: ['email', 'note'] });

      mark = await lastId(t.db);
      const found = await agent.get<{ items: { id: string }[] }>('/api/patients?q=hebert');
      assert.deepEqual(
        found.body.items.map((p) => p.id),
        [patientA],
      );
      const searched = await rowsAfter(t.db, mark);
      assert.equal(searched.length, 1);
      assert.equal(searched[0]!.action, 'patient.search');
      assert.deepEqual(searched[0]!.detail?.patientIds, [patientA]);

      // A duplicate refused discloses an existing patient's id: traced as well.
      mark = await lastId(t.db);
      const dup = await agent.post('/api/patients', { practiceId: practiceA, birthName: 'HEBERT', firstGivenName: 'lea', birthDate: '1975-05-05', sex: 'F' });
      assert.equal(dup.status, 409);
      rows = await rowsAfter(t.db, mark);
      assert.deepEqual(
        rows.map((r) => [r.action, r.outcome, r.patient_id]),
        [['patient.create', 'failed', patientA]],
      );
    });

    it("writes one row for a denied read of another practice's patient, and one for an unknown id", async () => {
      let mark = await lastId(t.db);
      assert.equal((await agent.get(`/api/patients/${patientB}`)).status, 404);
      let rows = await rowsAfter(t.db, mark);
      assert.deepEqual(
        rows.map((r) => [r.action, r.outcome, r.patient_id, r.actor_user_id]),
        [['patient.read', 'denied', patientB, agentId]],
      );

      const unknown = randomUUID();
      mark = await lastId(t.db);
      assert.equal((await agent.get(`/api/patients/${unknown}`)).status, 404);
      rows = await rowsAfter(t.db, mark);
      assert.deepEqual(
        rows.map((r) => [r.action, r.outcome, r.patient_id]),
        [['patient.read', 'not_found', unknown]],
      );

      mark = await lastId(t.db);
      assert.equal((await agent.patch(`/api/patients/${patientB}`, { note: 'x' })).status, 404);
      rows = await rowsAfter(t.db, mark);
      assert.deepEqual(
        rows.map((r) => [r.action, r.outcome, r.patient_id]),
        [['patient.update', 'denied', patientB]],
      );
    });

    it('writes nothing for input refused by validation', async () => {
      const before = await auditCount(t.db);
      const r = await agent.post<ErrorResponseBody>('/api/patients', {
        practiceId: practiceA,
        birthName: 'X',
        firstGivenName: 'Y',
        birthDate: 'hier',
        sex: 'F',
      });
      assert.equal(r.status, 400);
      assert.equal((await agent.patch(`/api/patients/${patientA}`, { sex: 'Q' })).status, 400);
      assert.equal((await agent.get('/api/patients/not-a-uuid')).status, 400);
      assert.equal(await auditCount(t.db), before);
    });

    it('refuses UPDATE, DELETE and TRUNCATE on the audit log', async () => {
      for (const sql of ["update audit_log set outcome = 'ok'", 'delete from audit_log', 'truncate audit_log']) {
        await assert.rejects(t.db.query(sql), (e: unknown) => sqlState(e) === '42501', sql);
      }
      assert.ok((await auditCount(t.db)) > 0);
    });

    it('names the altered row when a sealed row is changed behind the trigger', async () => {
      await sealAudit(t.db);
      assert.equal((await verifyAuditChain(t.db)).firstAltered, undefined);
      const total = await lastId(t.db);
      const target = Math.ceil(total / 2);
      const original = (await t.db.query<{ detail: string | null }>('select detail::text as detail from audit_log where id = $1', [target])).rows[0]!.detail;
      await tamper(t.db, target, JSON.stringify({ patientIds: [] }));
      const altered = (await verifyAuditChain(t.db)).firstAltered;
      assert.equal(altered?.id, target);
      assert.equal(altered?.reason, 'hash_mismatch');
      if (kind === 'postgresql') {
        const cli = await cliVerify({ DATABASE_URL: t.url! });
        assert.notEqual(cli.code, 0);
        assert.match(cli.output, new RegExp(`\\brow ${target}\\b`));
      }
      // Restored, the chain verifies again.
      await tamper(t.db, target, original);
      assert.equal((await verifyAuditChain(t.db)).firstAltered, undefined);
    });

    if (kind === 'pglite') {
      it('relais audit verify exits 0 on an intact PGlite folder, and non-zero naming the altered row', async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-audit-'));
        try {
          let db = await openDatabase({ dataDir: dir, databaseUrl: undefined });
          const ctx: RequestContext = {
            requestId: 'test',
            clock: systemClock,
            actor: {
              userId: randomUUID(),
              organisationId: randomUUID(),
              role: 'agent',
              email: 'a@test.relais.fr',
              displayName: 'A',
              locale: 'fr',
              practitionerId: null,
              practiceIds: [],
            },
          };
          for (let i = 0; i < 4; i++) {
            await db.transaction((tx) => audit(tx, ctx, { action: 'patient.read', outcome: 'ok', patientId: randomUUID() }));
          }
          await sealAudit(db);
          await db.close();

          const intact = await cliVerify({ RELAIS_DATA_DIR: dir });
          assert.equal(intact.code, 0, intact.output);
          assert.match(intact.output, /intact/i);

          db = await openDatabase({ dataDir: dir, databaseUrl: undefined });
          await tamper(db, 3, JSON.stringify({ forged: true }));
          await db.close();

          const altered = await cliVerify({ RELAIS_DATA_DIR: dir });
          assert.notEqual(altered.code, 0);
          assert.match(altered.output, /\brow 3\b/);
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      });
    }
  });
}
