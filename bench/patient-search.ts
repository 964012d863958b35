/**
 * Patient search over 200,000 generated French patients in 30 practices of one organisation, on PGlite and,
 * when BENCH_DATABASE_URL or TEST_DATABASE_URL is set, on a fresh PostgreSQL database. Each query kind runs
 * through the service (searchPatients: its transaction and audit row included), then as a plain sequential
 * scan of the same table (plainScan, index scans disabled), in the same run. Budget: p95 ≤ 10 ms.
 *
 * Environment: BENCH_PATIENTS (200000), BENCH_QUERIES (200 per kind and scope, indexed), BENCH_SEQ_QUERIES (30).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import pg from 'pg';
import { fakerFR as faker } from '@faker-js/faker';
import { openPglite } from '../src/core/db/pglite.ts';
import { openPostgres } from '../src/core/db/postgres.ts';
import { migrate } from '../src/core/db/migrate.ts';
import type { Db } from '../src/core/db/types.ts';
import type { RequestContext } from '../src/core/auth/actor.ts';
import { systemClock } from '../src/core/time/clock.ts';
import { searchKey } from '../src/core/text.ts';
import { toE164 } from '../src/core/identifiers.ts';
import { patientSearchName } from '../src/patients/identity.ts';
import { searchPatients } from '../src/patients/service.ts';
import { parseSearchQuery } from '../src/patients/search-query.ts';
import { latestToday } from '../src/patients/schemas.ts';
import { audit } from '../src/core/audit.ts';

const PATIENTS = Number(process.env.BENCH_PATIENTS ?? 200_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);
const SEQ_QUERIES = Number(process.env.BENCH_SEQ_QUERIES ?? 30);
const PRACTICES = 30;
const BUDGET_MS = 10;

// Frequent French surnames (INSEE rankings), with their accents, and names of the overseas departments
// and of families from elsewhere; drawn with a Zipf-like weight so that "Martin" is common and "Técher" rare.
const SURNAMES = `Martin Bernard Thomas Petit Robert Richard Durand Dubois Moreau Laurent Simon Michel Lefèvre Leroy Roux David
Bertrand Morel Fournier Girard Bonnet Dupont Lambert Fontaine Rousseau Vincent Müller Lefebvre Faure André Mercier Blanc
Guérin Boyer Garnier Chevalier François Legrand Gauthier Garcia Perrin Robin Clément Morin Nicolas Henry Roussel Mathieu
Gautier Masson Marchand Duval Denis Dumont Marie Lemaire Noël Meyer Dufour Meunier Brun Blanchard Giraud Joly Rivière Lucas
Brunet Gaillard Barbier Arnaud Martinez Gérard Roche Renard Schmitt Roy Leroux Colin Vidal Caron Picard Roger Fabre Aubert
Lemoine Renaud Dumas Lacroix Olivier Philippe Bourgeois Pierre Benoît Rey Leclerc Payet Rolland Leclercq Guillaume Lecomte
Lopez Jean Dupuy Guillot Hubert Berger Carpentier Sanchez Dupuis Moulin Louis Deschamps Huet Vasseur Perez Boucher Fleury
Royer Klein Jacquet Adam Paris Poirier Marty Aubry Guyot Carré Charles Renault Charpentier Ménard Maillard Baron Bertin
Bailly Hervé Schneider Fernandez Le Gall Collet Léger Bouvier Julien Prévost Millet Perrot Daniel Le Roux Cousin Germain
Breton Besson Langlois Rémy Le Goff Pelletier Lévêque Perrier Leblanc Barré Lebrun Marchal Weber Mallet Hamon Boulanger
Jacob Monnier Michaud Rodriguez Guichard Gillet Étienne Grondin Poulain Tessier Chevallier Collin Chauvin Da Silva Bouchet
Gay Lemaître Bénard Maréchal Humbert Reynaud Antoine Hoarau Perret Barthélemy Cordier Pichon Lejeune Gilbert Lamy Delaunay
Pasquier Carlier Laporte Técher Hébert Frémont Bégin Géraud Thérond Crépin Lesueur Chérif Benali Haddad Nguyen Diallo
N'Diaye Ferreira Dos Santos Pereira Fabien-Émile Saint-Hilaire Lefèvre-Dubois Béranger Séguin Théry Sénéchal Brébion
Pétain-Roux Ducrocq Jégou Kerguélen Quéré Le Bihan Tréguier Hénaff`
  .split(/\s+/)
  .map((s) => s.trim())
  .filter(Boolean);
// The split above separates two-word names; glue back the known ones.
const TWO_WORDS = new Set(['Le Gall', 'Le Roux', 'Le Goff', 'Da Silva', 'Dos Santos', 'Le Bihan']);
const NAMES: string[] = [];
for (let i = 0; i < SURNAMES.length; i++) {
  const pair = `${SURNAMES[i]} ${SURNAMES[i + 1] ?? ''}`;
  if (TWO_WORDS.has(pair)) {
    NAMES.push(pair);
    i++;
  } else NAMES.push(SURNAMES[i]!);
}
const WEIGHTS = NAMES.map((_, i) => 1 / Math.pow(i + 1, 0.7));
const TOTAL_WEIGHT = WEIGHTS.reduce((a, b) => a + b, 0);

function surname(): string {
  let r = faker.number.float({ min: 0, max: TOTAL_WEIGHT });
  for (let i = 0; i < NAMES.length; i++) {
    r -= WEIGHTS[i]!;
    if (r <= 0) return NAMES[i]!;
  }
  return NAMES[NAMES.length - 1]!;
}

interface GeneratedPatient {
  practice: number;
  birthName: string;
  firstGivenName: string;
  givenNames: string[];
  usualName: string | null;
  birthDate: string;
  sex: 'F' | 'M';
  phone: string | null;
  email: string | null;
  postalCode: string;
  city: string;
}

function generate(n: number): GeneratedPatient[] {
  faker.seed(20_240_601);
  const out: GeneratedPatient[] = [];
  const start = Date.UTC(1930, 0, 1);
  const span = Date.UTC(2024, 11, 31) - start;
  for (let i = 0; i < n; i++) {
    const sex = faker.helpers.arrayElement(['F', 'M'] as const);
    const kind = sex === 'F' ? 'female' : 'male';
    const firstGivenName = faker.person.firstName(kind);
    const givenNames = faker.number.int(3) === 0 ? [firstGivenName, faker.person.firstName(kind)] : [firstGivenName];
    const birthName = surname();
    const digits = String(faker.number.int({ min: 10_000_000, max: 99_999_999 }));
    out.push({
      practice: i % PRACTICES,
      birthName,
      firstGivenName,
      givenNames,
      usualName: sex === 'F' && faker.number.int(5) === 0 ? surname() : null,
      birthDate: new Date(start + faker.number.int(span)).toISOString().slice(0, 10),
      sex,
      phone: faker.number.int(9) === 0 ? null : `+33${faker.helpers.arrayElement(['6', '7'])}${faker.helpers.arrayElement(['6', '7', '8'])}${digits.slice(1)}`,
      email: faker.number.int(2) === 0 ? null : `${searchKey(firstGivenName).replace(/ /g, '')}.${i}@exemple.fr`,
      postalCode: faker.location.zipCode('#####'),
      city: faker.location.city(),
    });
  }
  return out;
}

async function load(db: Db, patients: GeneratedPatient[]): Promise<{ organisationId: string; practiceIds: string[] }> {
  const org = (await db.query<{ id: string }>("insert into organisations (name) values ('Banc d''essai') returning id")).rows[0]!.id;
  const practiceIds: string[] = [];
  for (let i = 0; i < PRACTICES; i++) {
    const { rows } = await db.query<{ id: string }>(
      `insert into practices (organisation_id, name, legal_name, siren, region, time_zone)
       values ($1, $2, $2, '732829320', 'metropole', 'Europe/Paris') returning id`,
      [org, `Cabinet ${i + 1}`],
    );
    practiceIds.push(rows[0]!.id);
  }
  const BATCH = 5000;
  for (let i = 0; i < patients.length; i += BATCH) {
    const batch = patients.slice(i, i + BATCH);
    const col = <T>(f: (p: GeneratedPatient) => T) => batch.map(f);
    await db.query(
      `insert into patients (organisation_id, practice_id, birth_name, first_given_name, given_names, usual_name, birth_date, sex,
         mobile_phone, email, postal_code, city, search_name)
       select $1, p, bn, fg, string_to_array(gn, '|'), un, bd::date, sx, ph, em, pc, ci, sn
         from unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                     $11::text[], $12::text[], $13::text[]) as t(p, bn, fg, gn, un, bd, sx, ph, em, pc, ci, sn)`,
      [
        org,
        col((p) => practiceIds[p.practice]!),
        col((p) => p.birthName),
        col((p) => p.firstGivenName),
        col((p) => p.givenNames.join('|')),
        col((p) => p.usualName),
        col((p) => p.birthDate),
        col((p) => p.sex),
        col((p) => p.phone),
        col((p) => p.email),
        col((p) => p.postalCode),
        col((p) => p.city),
        col((p) => patientSearchName(p)),
      ],
    );
  }
  await db.exec('analyze patients');
  return { organisationId: org, practiceIds };
}

type Kind = 'name prefix' | 'name, accents dropped' | 'two tokens' | 'phone' | 'birth date';
const KINDS: Kind[] = ['name prefix', 'name, accents dropped', 'two tokens', 'phone', 'birth date'];

/** The queries an agent would type for patients of the given practices, derived from the generated data. */
function queriesFor(kind: Kind, patients: GeneratedPatient[], practices: Set<number>, count: number, seed = 0): string[] {
  faker.seed(kind.length * 7919 + practices.size + seed * 104_729);
  const pool = patients.filter((p) => practices.has(p.practice));
  const out: string[] = [];
  while (out.length < count) {
    const p = faker.helpers.arrayElement(pool);
    const first = searchKey(p.birthName).split(' ')[0]!;
    switch (kind) {
      case 'name prefix':
        out.push(first.slice(0, faker.number.int({ min: 3, max: 5 })));
        break;
      case 'name, accents dropped':
        // Typed in lower case without the accents the stored name has ("lefevre" for "Lefèvre").
        if (searchKey(p.birthName) !== p.birthName.toLowerCase()) out.push(searchKey(p.birthName));
        break;
      case 'two tokens':
        out.push(`${first} ${searchKey(p.firstGivenName).slice(0, faker.number.int({ min: 3, max: 6 }))}`);
        break;
      case 'phone':
        if (p.phone) {
          const national = `0${p.phone.slice(3)}`;
          if (toE164(national) === p.phone) out.push(national.replace(/(\d{2})(?=\d)/g, '$1 '));
        }
        break;
      case 'birth date':
        out.push(`${p.birthDate.slice(8, 10)}/${p.birthDate.slice(5, 7)}/${p.birthDate.slice(0, 4)}`);
        break;
    }
  }
  return out;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

type Search = (q: string) => Promise<number>;

// Collect the generation and load garbage before each measured line, so that its pauses are not billed to
// the queries (the queries' own garbage is collected as it comes).
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

async function measure(search: Search, queries: string[]): Promise<{ p50: number; p95: number; rows: number }> {
  collectGarbage();
  for (const q of queries.slice(0, 5)) await search(q);
  const times: number[] = [];
  let rows = 0;
  for (const q of queries) {
    const t0 = performance.now();
    rows += await search(q);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), rows: rows / queries.length };
}

/**
 * The baseline: the same queries, parsed the same way, answered by a plain scan of the table (each word
 * LIKE '% word%' on search_name, the phone and the date compared as they are) on a connection whose
 * planner may not use indexes, with the same transaction and audit row as the real search.
 */
function plainScan(db: Db, ctx: RequestContext): Search {
  return (q) =>
    db.transaction(async (tx) => {
      const c = parseSearchQuery(q, latestToday());
      const params: unknown[] = [ctx.actor.organisationId, [...ctx.actor.practiceIds]];
      const where = ['organisation_id = $1', 'practice_id = any($2::uuid[])'];
      for (const t of c.nameTokens) where.push(`(' ' || search_name) like $${params.push(`% ${t}%`)}`);
      if (c.birthDates.length) where.push(`birth_date = any($${params.push(c.birthDates)}::date[])`);
      if (c.phone) where.push(`mobile_phone = $${params.push(c.phone)}`);
      const { rows } = await tx.query<{ id: string }>(
        `select id, practice_id, birth_name, usual_name, first_given_name, birth_date, sex, identity_status, mobile_phone
           from patients where ${where.join(' and ')} order by search_name limit 21`,
        params,
      );
      await audit(tx, ctx, { action: 'patient.search', outcome: 'ok', detail: { q, patientIds: rows.map((r) => r.id) } });
      return rows.length;
    });
}

interface Line {
  scope: string;
  kind: Kind;
  idx: { p50: number; p95: number; rows: number };
  seq: { p50: number; p95: number };
}

async function benchDatabase(label: string, db: Db, seqDb: Db, withSequentialScans: (on: boolean) => Promise<void>): Promise<void> {
  console.log(`\n--- ${label} ---`);
  await migrate(db);
  const patients = generate(PATIENTS);
  let t0 = performance.now();
  const { organisationId, practiceIds } = await load(db, patients);
  console.log(`${PATIENTS} patients in ${PRACTICES} practices loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const scopes = [
    { name: '1 practice', practices: new Set([0]) },
    { name: '10 practices', practices: new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]) },
  ];
  const lines: Line[] = [];
  t0 = performance.now();
  for (const scope of scopes) {
    const ctx: RequestContext = {
      requestId: 'bench',
      clock: systemClock,
      actor: {
        userId: randomUUID(),
        organisationId,
        role: 'agent',
        email: 'bench@relais.invalid',
        displayName: 'bench',
        locale: 'fr',
        practitionerId: null,
        practiceIds: [...scope.practices].map((i) => practiceIds[i]!),
      },
    };
    // Steady state: the first queries after the bulk load pay for cold caches and garbage collection.
    for (const kind of KINDS) for (const q of queriesFor(kind, patients, scope.practices, 20, 1)) await searchPatients(db, ctx, { q, limit: 20 });
    for (const kind of KINDS) {
      const queries = queriesFor(kind, patients, scope.practices, QUERIES);
      const idx = await measure(async (q) => (await searchPatients(db, ctx, { q, limit: 20 })).items.length, queries);
      await withSequentialScans(true);
      const seq = await measure(plainScan(seqDb, ctx), queries.slice(0, SEQ_QUERIES));
      await withSequentialScans(false);
      lines.push({ scope: scope.name, kind, idx, seq });
    }
  }
  const f = (n: number) => n.toFixed(2).padStart(8);
  console.log(`measured in ${((performance.now() - t0) / 1000).toFixed(1)} s (${QUERIES} indexed / ${SEQ_QUERIES} sequential queries per line)\n`);
  console.log('search = searchPatients with the indexes; scan = the same queries as a plain sequential scan (see plainScan)');
  console.log('both include their transaction and audit row; ratio = scan p95 / search p95\n');
  console.log(
    `${'scope'.padEnd(13)}${'query kind'.padEnd(23)}${'rows'.padStart(6)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'scan p50'.padStart(9)}${'scan p95'.padStart(9)}${'ratio'.padStart(11)}  budget`,
  );
  for (const l of lines) {
    console.log(
      `${l.scope.padEnd(13)}${l.kind.padEnd(23)}${l.idx.rows.toFixed(1).padStart(6)}${f(l.idx.p50)} ${f(l.idx.p95)} ${f(l.seq.p50)} ${f(l.seq.p95)}` +
        `${(l.seq.p95 / l.idx.p95).toFixed(1).padStart(10)}x  ${l.idx.p95 <= BUDGET_MS ? 'ok' : `OVER (${BUDGET_MS} ms)`}`,
    );
  }
}

const SEQ_SETTINGS = ['enable_indexscan', 'enable_bitmapscan', 'enable_indexonlyscan'];

export async function run(): Promise<void> {
  const pglite = await openPglite();
  try {
    await benchDatabase('PGlite (in memory)', pglite, pglite, async (on) => {
      await pglite.exec(SEQ_SETTINGS.map((s) => `set ${s} = ${on ? 'off' : 'on'};`).join(' '));
    });
  } finally {
    await pglite.close();
  }

  const adminUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    console.log('\n(PostgreSQL skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL)');
    return;
  }
  const name = `relais_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const seqUrl = new URL(url);
  // A second pool whose sessions plan without indexes: the sequential-scan baseline on the same table.
  seqUrl.searchParams.set('options', SEQ_SETTINGS.map((s) => `-c ${s}=off`).join(' '));
  const db = await openPostgres(url.toString(), 4);
  const seqDb = await openPostgres(seqUrl.toString(), 4);
  try {
    await benchDatabase(
      `PostgreSQL (${(await db.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]!.v})`,
      db,
      seqDb,
      async () => undefined,
    );
  } finally {
    await db.close();
    await seqDb.close();
    const a = new pg.Client({ connectionString: adminUrl });
    await a.connect();
    await a.query(`drop database if exists ${name} with (force)`);
    await a.end();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
