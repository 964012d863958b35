/**
 * Consignes through the HTTP API: versions with their authors, what changed since the agent last read
 * them and "J'ai lu", who may edit (never agents), the scope (404 outside it), validation, concurrent writers.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startServer, type ErrorResponseBody, type TestClient, type TestResponse, type TestServer } from './support/server.ts';
import { createOrganisation, createPractice, createPractitioner, createUser } from './support/fixtures.ts';
import { DEMO_SEED, seedDemo } from '../src/demo/seed.ts';
import { organisationPart } from '../src/demo/organisation.ts';
import { practicesPart } from '../src/demo/practices.ts';
import { practitionersPart } from '../src/demo/practitioners.ts';
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD, usersPart } from '../src/demo/users.ts';
import { consignesPart } from '../src/demo/consignes.ts';
import type { ConsigneSetView, ConsignesView, HistoryView } from '../src/consignes/schemas.ts';

const V1 = {
  sections: [
    { kind: 'appointments', body: 'Pas de RDV le mercredi après-midi.\nConsultations de 20 minutes.' },
    { kind: 'emergencies', body: 'Douleur thoracique, essoufflement : orienter vers le 15.' },
    { kind: 'other', title: 'Vaccinations', body: 'Vaccins le samedi matin.' },
  ],
  usefulNumbers: [
    { label: 'SAMU', number: '15' },
    { label: 'Pharmacie de garde', number: '32 37' },
  ],
  summary: 'Première version',
};

const V2 = {
  sections: [
    { kind: 'appointments', body: 'Pas de RDV le jeudi après-midi.\nConsultations de 20 minutes.' },
    { kind: 'emergencies', body: 'Douleur thoracique, essoufflement : orienter vers le 15.' },
    { kind: 'refusals', body: 'Pas de certificats de sport par téléphone.' },
  ],
  usefulNumbers: [
    { label: 'SAMU', number: '15' },
    { label: 'Pharmacie de garde', number: '3237' },
    { label: 'Laboratoire Pasteur', number: '01 45 00 00 00' },
  ],
  summary: 'Plus de RDV le jeudi',
};

const bodyOf = (r: TestResponse<ErrorResponseBody>) => ({ status: r.status, error: { ...r.body.error, requestId: '' } });

for (const kind of testDatabaseKinds()) {
  describe(`consignes (${kind})`, () => {
    let t: TestDb;
    let server: TestServer;
    let practiceId: string;
    let otherPracticeId: string;
    let foreignPracticeId: string;
    let drA: string;
    let drB: string;
    let agent: TestClient;
    let supervisor: TestClient;
    let practitioner: TestClient;
    let trainer: TestClient;
    let foreignAdmin: TestClient;

    before(async () => {
      t = await openTestDb(kind);
      // The demo's consignes first (the demo only seeds an empty database), without its patients and agendas.
      await seedDemo(t.db, DEMO_SEED, [organisationPart, practicesPart, practitionersPart, usersPart, consignesPart]);
      server = await startServer(t.db);
      const org = await createOrganisation(t.db);
      practiceId = await createPractice(t.db, org, { name: 'Cabinet des Lilas' });
      otherPracticeId = await createPractice(t.db, org, { name: 'Cabinet voisin' });
      drA = await createPractitioner(t.db, org, [practiceId], { lastName: 'Lefèvre' });
      drB = await createPractitioner(t.db, org, [practiceId], { lastName: 'Nguyen' });
      const foreignOrg = await createOrganisation(t.db);
      foreignPracticeId = await createPractice(t.db, foreignOrg);
      const users = {
        agent: await createUser(t.db, { organisationId: org, role: 'agent', practiceIds: [practiceId] }),
        supervisor: await createUser(t.db, { organisationId: org, role: 'supervisor' }),
        practitioner: await createUser(t.db, { organisationId: org, role: 'practitioner', practitionerId: drA }),
        trainer: await createUser(t.db, { organisationId: org, role: 'trainer', practiceIds: [practiceId] }),
        foreignAdmin: await createUser(t.db, { organisationId: foreignOrg, role: 'admin' }),
      };
      await t.db.query(`update users set display_name = 'Sophie Bernard' where id = $1`, [users.supervisor.id]);
      await t.db.query(`update users set display_name = 'Dr Claire Lefèvre' where id = $1`, [users.practitioner.id]);
      const login = async (u: { email: string; password: string }) => {
        const c = server.client();
        await c.login(u.email, u.password);
        return c;
      };
      agent = await login(users.agent);
      supervisor = await login(users.supervisor);
      practitioner = await login(users.practitioner);
      trainer = await login(users.trainer);
      foreignAdmin = await login(users.foreignAdmin);
    });
    after(async () => {
      await server?.close();
      await t?.close();
    });

    const path = (id = practiceId) => `/api/practices/${id}/consignes`;
    const versions = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from consigne_versions')).rows[0]!.n;

    it('shows a new agent the current consignes, emergencies first, as not yet read', async () => {
      const empty = await agent.get<ConsignesView>(path());
      assert.equal(empty.status, 200);
      assert.deepEqual(empty.body, { practiceId, items: [], unread: false });

      const put = await supervisor.put<ConsigneSetView>(path(), V1);
      assert.equal(put.status, 200, put.text);
      assert.equal(put.body.version, 1);
      assert.equal(put.body.authorName, 'Sophie Bernard');
      assert.equal(put.body.unread, false, 'the author has read what he wrote');

      const r = await agent.get<ConsignesView>(path());
      assert.equal(r.body.unread, true);
      const set = r.body.items[0]!;
      assert.equal(set.practitionerId, null);
      assert.equal(set.version, 1);
      assert.equal(set.summary, 'Première version');
      assert.deepEqual(
        set.sections.map((s) => [s.kind, s.title]),
        [
          ['emergencies', null],
          ['appointments', null],
          ['other', 'Vaccinations'],
        ],
      );
      assert.deepEqual(set.usefulNumbers, [
        { label: 'SAMU', number: '15' },
        { label: 'Pharmacie de garde', number: '3237' },
      ]);
      assert.equal(set.seenVersion, null);
      assert.equal(set.changes, null);
    });

    it('after "J\'ai lu", shows the agent only what changed since, word by word, with who changed it; reading again clears it', async () => {
      const first = await agent.get<ConsignesView>(path());
      const set = first.body.items[0]!;
      const seen = await agent.post<ConsignesView>(`${path()}/seen`, { items: [{ consigneId: set.id, version: set.version }] });
      assert.equal(seen.status, 200, seen.text);
      assert.equal(seen.body.unread, false);
      assert.equal(seen.body.items[0]!.seenVersion, 1);

      const put = await practitioner.put<ConsigneSetView>(path(), V2);
      assert.equal(put.status, 200, put.text);
      assert.equal(put.body.version, 2);

      const r = await agent.get<ConsignesView>(path());
      assert.equal(r.body.unread, true);
      const changed = r.body.items[0]!;
      assert.equal(changed.seenVersion, 1);
      assert.ok(changed.changes);
      assert.equal(changed.changes.sinceVersion, 1);
      assert.deepEqual(
        changed.changes.versions.map((v) => [v.version, v.authorName, v.summary]),
        [[2, 'Dr Claire Lefèvre', 'Plus de RDV le jeudi']],
      );
      const bySection = Object.fromEntries(changed.changes.sections.map((s) => [s.title ?? s.kind, s]));
      assert.equal(bySection.emergencies!.status, 'unchanged');
      assert.equal(bySection.appointments!.status, 'changed');
      assert.deepEqual(
        bySection.appointments!.parts.filter((p) => p.op !== 'equal'),
        [
          { op: 'delete', text: 'mercredi' },
          { op: 'insert', text: 'jeudi' },
        ],
      );
      assert.equal(bySection.refusals!.status, 'added');
      assert.equal(bySection.Vaccinations!.status, 'removed');
      assert.deepEqual(
        changed.changes.usefulNumbers.map((n) => [n.label, n.status]),
        [
          ['SAMU', 'unchanged'],
          ['Pharmacie de garde', 'unchanged'],
          ['Laboratoire Pasteur', 'added'],
        ],
      );

      const again = await agent.post<ConsignesView>(`${path()}/seen`, { items: [{ consigneId: changed.id, version: 2 }] });
      assert.equal(again.body.unread, false);
      assert.equal(again.body.items[0]!.changes, null);
      // Acknowledging an older version afterwards never moves the mark back.
      const back = await agent.post<ConsignesView>(`${path()}/seen`, { items: [{ consigneId: changed.id, version: 1 }] });
      assert.equal(back.body.items[0]!.seenVersion, 2);
    });

    it('keeps every version with its author, newest first, in pages', async () => {
      const h = await agent.get<HistoryView>(`${path()}/history`);
      assert.equal(h.status, 200);
      assert.deepEqual(
        h.body.items.map((v) => [v.version, v.authorName, v.summary]),
        [
          [2, 'Dr Claire Lefèvre', 'Plus de RDV le jeudi'],
          [1, 'Sophie Bernard', 'Première version'],
        ],
      );
      assert.equal(h.body.items[1]!.sections[0]!.kind, 'emergencies');
      const page = await agent.get<HistoryView>(`${path()}/history?limit=1`);
      assert.deepEqual([page.body.items.map((v) => v.version), page.body.hasMore], [[2], true]);
      const next = await agent.get<HistoryView>(`${path()}/history?limit=1&before=2`);
      assert.deepEqual([next.body.items.map((v) => v.version), next.body.hasMore], [[1], false]);
    });

    it('refuses agents and trainers the right to edit (403), and writes nothing', async () => {
      const before = await versions();
      for (const c of [agent, trainer]) {
        const r = await c.put<ErrorResponseBody>(path(), V1);
        assert.equal(r.status, 403);
        assert.equal(r.body.error.code, 'forbidden');
      }
      assert.equal(await versions(), before);
    });

    it('lets a practitioner edit his own consignes but not a colleague’s; a practitioner not at the practice is not found', async () => {
      const own = await practitioner.put<ConsigneSetView>(`${path()}?practitionerId=${drA}`, {
        sections: [{ kind: 'appointments', body: 'Le Dr Lefèvre accepte les nouveaux patients uniquement pour les enfants.' }],
      });
      assert.equal(own.status, 200, own.text);
      assert.equal(own.body.practitionerId, drA);
      assert.equal(own.body.practitionerName, 'Dr Claire Lefèvre');
      const colleague = await practitioner.put<ErrorResponseBody>(`${path()}?practitionerId=${drB}`, { sections: [] });
      assert.equal(colleague.status, 403);
      const stranger = await supervisor.put<ErrorResponseBody>(`${path()}?practitionerId=${randomUUID()}`, { sections: [] });
      assert.equal(stranger.status, 404);
      assert.equal(stranger.body.error.field, 'practitionerId');

      const r = await agent.get<ConsignesView>(path());
      assert.deepEqual(
        r.body.items.map((i) => i.practitionerId),
        [null, drA],
      );
      assert.equal(r.body.items[1]!.unread, true);
    });

    it('answers 404 outside the scope exactly as for a nonexistent practice, on every route', async () => {
      const cases: [TestClient, string][] = [
        [agent, otherPracticeId],
        [practitioner, otherPracticeId],
        [supervisor, foreignPracticeId],
        [foreignAdmin, practiceId],
      ];
      const missing = randomUUID();
      const reference = bodyOf(await agent.get<ErrorResponseBody>(path(missing)));
      assert.equal(reference.status, 404);
      for (const [client, id] of cases) {
        assert.deepEqual(bodyOf(await client.get<ErrorResponseBody>(path(id))), reference);
        assert.deepEqual(bodyOf(await client.get<ErrorResponseBody>(`${path(id)}/history`)), reference);
        assert.deepEqual(bodyOf(await client.post<ErrorResponseBody>(`${path(id)}/seen`, { items: [{ consigneId: randomUUID(), version: 1 }] })), reference);
      }
      const before = await versions();
      assert.deepEqual(bodyOf(await supervisor.put<ErrorResponseBody>(path(foreignPracticeId), V1)), reference);
      assert.deepEqual(bodyOf(await foreignAdmin.put<ErrorResponseBody>(path(practiceId), V1)), reference);
      assert.equal(await versions(), before);
      // Acknowledging another practice's consignes through this practice: not found either.
      const other = await supervisor.put<ConsigneSetView>(path(otherPracticeId), V1);
      const cross = await agent.post<ErrorResponseBody>(`${path()}/seen`, { items: [{ consigneId: other.body.id, version: 1 }] });
      assert.equal(cross.status, 404);
      assert.equal(cross.body.error.field, 'items.0.consigneId');
    });

    it('refuses a save based on an outdated version (409), and writes no version when nothing changed', async () => {
      const current = (await supervisor.get<ConsignesView>(path())).body.items[0]!;
      const stale = await supervisor.put<ErrorResponseBody>(path(), { ...V1, baseVersion: current.version - 1 });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.error.code, 'consignes_outdated');
      assert.deepEqual(stale.body.error.details, { currentVersion: current.version });
      const before = await versions();
      const same = await supervisor.put<ConsigneSetView>(path(), { ...V2, baseVersion: current.version });
      assert.equal(same.status, 200);
      assert.equal(same.body.version, current.version);
      assert.equal(await versions(), before);
    });

    it('validates sections, numbers and acknowledgements with the field at fault', async () => {
      const cases: [unknown, string][] = [
        [{ sections: [{ kind: 'other', body: 'x' }] }, 'sections.0.title'],
        [
          {
            sections: [
              { kind: 'emergencies', body: 'a' },
              { kind: 'emergencies', body: 'b' },
            ],
          },
          'sections.1',
        ],
        [{ sections: [], usefulNumbers: [{ label: 'Labo', number: 'pas un numéro' }] }, 'usefulNumbers.0.number'],
        [{ sections: [], colour: 'red' }, 'colour'],
        [{ sections: [{ kind: 'emergencies', body: 'x'.repeat(4001) }] }, 'sections.0.body'],
      ];
      for (const [body, field] of cases) {
        const r = await supervisor.put<ErrorResponseBody>(path(), body);
        assert.equal(r.status, 400, JSON.stringify(body));
        assert.ok(r.body.error.issues?.some((i) => i.field === field) || r.body.error.field === field, `${field}: ${r.text}`);
      }
      const set = (await agent.get<ConsignesView>(path())).body.items[0]!;
      const future = await agent.post<ErrorResponseBody>(`${path()}/seen`, { items: [{ consigneId: set.id, version: set.version + 1 }] });
      assert.equal(future.status, 400);
      assert.equal(future.body.error.field, 'items.0.version');
    });

    it('keeps text as typed: markup is stored and answered as plain text', async () => {
      const text = '<b>Urgent</b> <script>alert(1)</script> & « guillemets »';
      const r = await supervisor.put<ConsigneSetView>(`${path()}?practitionerId=${drB}`, { sections: [{ kind: 'emergencies', body: text }] });
      assert.equal(r.status, 200);
      assert.equal(r.body.sections[0]!.body, text);
    });

    it('orders concurrent saves: each gets its own version number, none is lost', async () => {
      const start = (await supervisor.get<ConsignesView>(path(otherPracticeId))).body.items[0]!.version;
      const results = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          supervisor.put<ConsigneSetView>(path(otherPracticeId), { sections: [{ kind: 'appointments', body: `Version concurrente ${i}` }] }),
        ),
      );
      assert.deepEqual(
        results.map((r) => r.status),
        [200, 200, 200, 200, 200],
      );
      assert.deepEqual(
        results.map((r) => r.body.version).sort((a, b) => a - b),
        [start + 1, start + 2, start + 3, start + 4, start + 5],
      );
      // With the same base version, only one of two racing editors wins.
      const base = start + 5;
      const race = await Promise.all(
        ['A', 'B'].map((who) => supervisor.put(path(otherPracticeId), { sections: [{ kind: 'appointments', body: `Éditeur ${who}` }], baseVersion: base })),
      );
      assert.deepEqual(race.map((r) => r.status).sort(), [200, 409]);
    });

    it('gives every demo practice consignes with emergencies first and a few versions; a demo agent sees what changed', async () => {
      const { rows } = await t.db.query<{ name: string; versions: number; first: string; numbers: number }>(
        `select p.name, c.current_version as versions, v.sections->0->>'kind' as first, jsonb_array_length(v.useful_numbers) as numbers
           from practices p
           join organisations o on o.id = p.organisation_id and o.name like 'Relais Démo%'
           left join consignes c on c.practice_id = p.id and c.practitioner_id is null
           left join consigne_versions v on v.consigne_id = c.id and v.version = c.current_version`,
      );
      assert.ok(rows.length >= 25);
      for (const r of rows) assert.ok(r.versions >= 2 && r.numbers >= 1, JSON.stringify(r));
      const demoAgent = server.client();
      await demoAgent.login(`agent1@${DEMO_EMAIL_DOMAIN}`, DEMO_PASSWORD);
      const { rows: mine } = await t.db.query<{ practice_id: string }>(
        `select up.practice_id from user_practices up join users u on u.id = up.user_id where u.email = $1`,
        [`agent1@${DEMO_EMAIL_DOMAIN}`],
      );
      let withChanges = 0;
      for (const { practice_id } of mine) {
        const r = await demoAgent.get<ConsignesView>(path(practice_id));
        assert.equal(r.status, 200);
        assert.equal(r.body.items[0]!.sections[0]!.kind, 'emergencies');
        if (
          r.body.items.some((i) => i.changes?.sections.some((x) => x.status !== 'unchanged') || i.changes?.usefulNumbers.some((n) => n.status !== 'unchanged'))
        )
          withChanges++;
      }
      assert.ok(withChanges >= 1, `agent1 sees changes in ${withChanges} of ${mine.length} practices`);
      // The demo's consignes are what the API itself would accept: saving them back unchanged writes nothing.
      const demoAdmin = server.client();
      await demoAdmin.login(`admin@${DEMO_EMAIL_DOMAIN}`, DEMO_PASSWORD);
      for (const { practice_id } of mine) {
        for (const set of (await demoAdmin.get<ConsignesView>(path(practice_id))).body.items) {
          const query = set.practitionerId ? `?practitionerId=${set.practitionerId}` : '';
          const back = await demoAdmin.put<ConsigneSetView>(path(practice_id) + query, { sections: set.sections, usefulNumbers: set.usefulNumbers });
          assert.equal(back.status, 200, back.text);
          assert.equal(back.body.version, set.version);
        }
      }
    });
  });
}
