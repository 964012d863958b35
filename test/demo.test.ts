import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startServer, type TestServer } from './support/server.ts';
import { DatabaseNotEmptyError, seedDemo, type DemoSummary } from '../src/demo/seed.ts';
import { DEMO_EMAILS, DEMO_PASSWORD } from '../src/demo/users.ts';
import { isRpps, isSiren, isSiret, toE164 } from '../src/core/identifiers.ts';
import { REGIONS, type Region } from '../src/core/time/regions.ts';
import { patientSearchName } from '../src/patients/identity.ts';
import type { Queryable } from '../src/core/db/types.ts';

/** Everything a user could see of the demo, ids and timestamps aside, as one hash. */
async function contentHash(db: Queryable): Promise<string> {
  const queries = [
    `select name, legal_name, siren, siret, region, time_zone, service_hours::text, phone, email from practices order by name`,
    `select p.name, s.label, s.address_line, s.postal_code, s.city, s.floor, s.digicode, s.parking, s.transport, s.access_notes, s.latitude, s.longitude
       from practice_sites s join practices p on p.id = s.practice_id order by p.name, s.position`,
    `select p.name, n.e164, n.label from practice_numbers n join practices p on p.id = n.practice_id order by n.e164`,
    `select rpps, title, first_name, last_name, profession, specialty, time_zone from practitioners order by rpps`,
    `select p.name, pr.rpps from practice_practitioners pp join practices p on p.id = pp.practice_id
       join practitioners pr on pr.id = pp.practitioner_id order by 1, 2`,
    `select p.name, pa.birth_name, pa.first_given_name, pa.given_names, pa.usual_name, pa.birth_date, pa.sex, pa.birth_place_insee,
            pa.identity_status, pa.mobile_phone, pa.email, pa.address_line, pa.postal_code, pa.city, pa.note, pa.search_name
       from patients pa join practices p on p.id = pa.practice_id
      order by p.name, pa.birth_name, pa.first_given_name, pa.birth_date`,
    `select u.email, u.role, u.display_name, pr.rpps from users u left join practitioners pr on pr.id = u.practitioner_id order by u.email`,
    `select u.email, p.name, up.dedicated from user_practices up join users u on u.id = up.user_id join practices p on p.id = up.practice_id
      order by 1, 2`,
  ];
  const h = createHash('sha256');
  for (const q of queries) h.update(JSON.stringify((await db.query(q)).rows));
  return h.digest('hex');
}

const ACCENTED = /[éèêëàâäçîïôöûüÉÈ]/;

for (const kind of testDatabaseKinds()) {
  describe(`the demo (${kind})`, () => {
    let t: TestDb;
    let server: TestServer;
    let summary: DemoSummary;
    before(async () => {
      t = await openTestDb(kind);
      summary = await seedDemo(t.db);
      server = await startServer(t.db);
    });
    after(async () => {
      await server?.close();
      await t?.close();
    });

    it('has one company and about 30 practices across metropolitan France, Alsace-Moselle, Martinique and Réunion', async () => {
      const orgs = await t.db.query<{ name: string }>('select name from organisations');
      assert.deepEqual(
        orgs.rows.map((r) => r.name),
        ['Relais Démo Télésecrétariat'],
      );
      const { rows } = await t.db.query<{ id: string; region: Region; time_zone: string; siren: string; siret: string; city: string }>(
        `select p.id, p.region, p.time_zone, p.siren, p.siret, s.city from practices p join practice_sites s on s.practice_id = p.id and s.position = 0`,
      );
      assert.equal(summary.practices, rows.length);
      assert.ok(rows.length >= 28 && rows.length <= 32, `${rows.length} practices`);
      const cities = new Set(rows.map((r) => r.city));
      for (const city of [
        'Paris',
        'Lyon',
        'Marseille',
        'Bordeaux',
        'Lille',
        'Nantes',
        'Toulouse',
        'Strasbourg',
        'Mulhouse',
        'Metz',
        'Fort-de-France',
        'Saint-Denis',
      ]) {
        assert.ok(cities.has(city), `a practice in ${city}`);
      }
      const zoneOf = (city: string) => rows.find((r) => r.city === city)!.time_zone;
      assert.equal(zoneOf('Fort-de-France'), 'America/Martinique');
      assert.equal(zoneOf('Saint-Denis'), 'Indian/Reunion');
      assert.equal(zoneOf('Strasbourg'), 'Europe/Paris');
      assert.equal(rows.find((r) => r.city === 'Metz')!.region, 'alsace-moselle');
      assert.deepEqual(new Set(rows.map((r) => r.region)), new Set(['metropole', 'alsace-moselle', 'martinique', 'reunion']));
      for (const r of rows) {
        assert.equal(r.time_zone, REGIONS[r.region].timeZone);
        assert.ok(isSiren(r.siren), `SIREN ${r.siren}`);
        assert.ok(isSiret(r.siret) && r.siret.startsWith(r.siren), `SIRET ${r.siret}`);
      }
    });

    it('gives each practice sites with access directions and a map position, forwarded numbers and service hours', async () => {
      const sites = await t.db.query<{
        practice_id: string;
        address_line: string;
        postal_code: string;
        transport: string | null;
        latitude: number | null;
        longitude: number | null;
        floor: string | null;
        digicode: string | null;
      }>('select * from practice_sites');
      const practices = await t.db.query<{ id: string; service_hours: Record<string, [string, string][]> }>('select id, service_hours from practices');
      for (const p of practices.rows) {
        const mine = sites.rows.filter((s) => s.practice_id === p.id);
        assert.ok(mine.length >= 1);
        for (const s of mine) {
          assert.match(s.address_line, /^\d+ /);
          assert.match(s.postal_code, /^\d{5}$/);
          assert.ok(s.latitude !== null && s.longitude !== null);
        }
        for (const day of ['mon', 'tue', 'wed', 'thu', 'fri']) assert.ok(p.service_hours[day]!.length > 0, `${day} open`);
        assert.deepEqual(p.service_hours.sun, []);
      }
      assert.ok(sites.rows.some((s) => s.transport?.includes('Métro ligne 4, station Vavin')));
      assert.ok(sites.rows.some((s) => s.digicode) && sites.rows.some((s) => s.floor?.includes('étage')));
      assert.ok(
        practices.rows.some((p) => p.service_hours.sat!.length > 0),
        'some practices open on Saturday',
      );
      assert.ok(sites.rows.length > practices.rows.length, 'some practices have several sites');
      const numbers = await t.db.query<{ e164: string; practice_id: string }>('select e164, practice_id from practice_numbers');
      assert.equal(new Set(numbers.rows.map((n) => n.practice_id)).size, practices.rows.length);
      for (const n of numbers.rows) assert.equal(toE164(n.e164), n.e164, `${n.e164} is a valid number`);
      assert.ok(numbers.rows.some((n) => n.e164.startsWith('+596596')) && numbers.rows.some((n) => n.e164.startsWith('+262262')));
    });

    it('has about 60 practitioners of varied professions with valid RPPS numbers, some in group practices', async () => {
      const { rows } = await t.db.query<{ rpps: string; title: string | null; profession: string; practices: number; time_zone: string }>(
        `select pr.rpps, pr.title, pr.profession, pr.time_zone, count(pp.practice_id)::int as practices
           from practitioners pr left join practice_practitioners pp on pp.practitioner_id = pr.id group by pr.id`,
      );
      assert.ok(rows.length >= 55 && rows.length <= 65, `${rows.length} practitioners`);
      assert.equal(new Set(rows.map((r) => r.rpps)).size, rows.length);
      for (const r of rows) {
        assert.ok(isRpps(r.rpps), `RPPS ${r.rpps}`);
        assert.ok(r.practices >= 1);
        assert.equal(r.title, r.profession === 'medecin' || r.profession === 'dentiste' ? 'Dr' : null);
      }
      assert.ok(new Set(rows.map((r) => r.profession)).size >= 7, 'varied professions');
      assert.ok(
        rows.some((r) => r.practices >= 2),
        'someone works in two practices',
      );
      const groups = await t.db.query<{ n: number }>(
        'select count(*)::int as n from practice_practitioners group by practice_id having count(*) between 3 and 5',
      );
      assert.ok(groups.rows.length >= 3, 'group practices of 3 to 5');
      const dom = await t.db.query('select 1 from practitioners where time_zone in ($1, $2)', ['America/Martinique', 'Indian/Reunion']);
      assert.ok(dom.rows.length >= 4);
    });

    it('has about 5,000 patients with plausible French identities', async () => {
      const { rows } = await t.db.query<{
        birth_name: string;
        first_given_name: string;
        given_names: string[];
        usual_name: string | null;
        birth_date: string;
        sex: string;
        birth_place_insee: string | null;
        identity_status: string;
        mobile_phone: string | null;
        email: string | null;
        search_name: string;
      }>('select * from patients');
      assert.equal(summary.patients, rows.length);
      assert.ok(rows.length >= 4900 && rows.length <= 5100, `${rows.length} patients`);
      const share = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).length / rows.length;
      assert.ok(share((r) => ACCENTED.test(r.birth_name + r.first_given_name)) > 0.1, 'accents (Lefèvre, Hélène…)');
      assert.ok(rows.some((r) => r.birth_name === 'Lefèvre') && rows.some((r) => r.first_given_name === 'Hélène'));
      assert.ok(
        rows.some((r) => r.first_given_name.includes('-')),
        'compound given names (Jean-Pierre)',
      );
      assert.ok(rows.some((r) => r.given_names.length >= 3 && r.given_names[0] === r.first_given_name));
      assert.ok(share((r) => r.usual_name !== null) > 0.1);
      assert.ok(
        rows.every((r) => r.usual_name === null || r.sex === 'F'),
        'usual names: married women',
      );
      const years = rows.map((r) => Number(r.birth_date.slice(0, 4)));
      assert.ok(Math.min(...years) <= 1935 && Math.max(...years) >= 2022, 'every age');
      assert.ok(share((r) => r.mobile_phone !== null) > 0.8);
      for (const r of rows) {
        if (r.mobile_phone) assert.match(r.mobile_phone, /^(\+33[67]\d{8}|\+596(696|697)\d{6}|\+262(692|693)\d{6})$/);
        if (r.birth_place_insee) assert.match(r.birth_place_insee, /^\d{5}$/);
        assert.equal(
          r.search_name,
          patientSearchName({ birthName: r.birth_name, usualName: r.usual_name, firstGivenName: r.first_given_name, givenNames: r.given_names }),
        );
      }
      const withEmail = share((r) => r.email !== null);
      assert.ok(withEmail > 0.2 && withEmail < 0.7);
      const qualified = share((r) => r.identity_status === 'qualified');
      assert.ok(qualified > 0.05 && qualified < 0.4, 'mostly provisional, some qualified');
      const sharedPhones = await t.db.query('select mobile_phone from patients where mobile_phone is not null group by 1 having count(*) > 1');
      assert.ok(sharedPhones.rows.length > 10, 'siblings share a parent’s phone');
    });

    it('lets every demo account sign in through the API and see its own scope', async () => {
      const total = (await t.db.query<{ n: number }>('select count(*)::int as n from practices')).rows[0]!.n;
      const scopes = new Map<string, string[]>();
      for (const email of DEMO_EMAILS) {
        const c = server.client();
        await c.login(email, DEMO_PASSWORD);
        const me = await c.get<{ role: string; practiceIds: string[] }>('/api/me');
        assert.equal(me.status, 200);
        scopes.set(email, me.body.practiceIds);
      }
      assert.equal(DEMO_EMAILS.length, 10);
      assert.equal(scopes.get('admin@demo.relais.fr')!.length, total);
      assert.equal(scopes.get('superviseur@demo.relais.fr')!.length, total);
      assert.equal(scopes.get('formateur@demo.relais.fr')!.length, 3);
      assert.equal(scopes.get('dr.martin@demo.relais.fr')!.length, 1);
      const union = new Set<string>();
      for (let i = 1; i <= 6; i++) {
        const s = scopes.get(`agent${i}@demo.relais.fr`)!;
        assert.ok(s.length >= 5 && s.length <= 12, `agent${i}: ${s.length} practices`);
        s.forEach((p) => union.add(p));
      }
      assert.equal(union.size, total, 'every practice has at least one agent');
      const dedicated = await t.db.query<{ email: string; n: number }>(
        `select u.email, count(*) filter (where up.dedicated)::int as n from users u join user_practices up on up.user_id = u.id
          where u.role = 'agent' group by u.email`,
      );
      assert.ok(
        dedicated.rows.every((r) => r.n >= 1 && r.n <= 2),
        'each agent is the dedicated secretary of 1 or 2 practices',
      );
    });

    it('shows agent1 only his practices and their patients', async () => {
      const c = server.client();
      await c.login('agent1@demo.relais.fr', DEMO_PASSWORD);
      const mine = (
        await t.db.query<{ practice_id: string }>(
          `select up.practice_id from user_practices up join users u on u.id = up.user_id where u.email = 'agent1@demo.relais.fr'`,
        )
      ).rows
        .map((r) => r.practice_id)
        .sort();
      const list = await c.get<{ items: { id: string }[] }>('/api/practices');
      assert.equal(list.status, 200);
      assert.deepEqual(list.body.items.map((p) => p.id).sort(), mine);
      const search = await c.get<{ items: { practiceId: string }[] }>('/api/patients?q=martin&limit=100');
      assert.equal(search.status, 200);
      assert.ok(search.body.items.length > 0);
      assert.ok(search.body.items.every((p) => mine.includes(p.practiceId)));
      assert.equal((await c.get('/api/users')).status, 403);
    });

    it('refuses to seed a database that already has an organisation, and changes nothing', async () => {
      const before = await contentHash(t.db);
      await assert.rejects(seedDemo(t.db), DatabaseNotEmptyError);
      assert.equal(await contentHash(t.db), before);
    });

    it('is deterministic: a second seed gives the same practices, people and accounts', async () => {
      const other = await openTestDb(kind);
      try {
        await seedDemo(other.db);
        assert.equal(await contentHash(other.db), await contentHash(t.db));
      } finally {
        await other.close();
      }
    });
  });
}
