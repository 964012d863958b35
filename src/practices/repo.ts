/** SQL for practices, their sites and forwarded numbers. Every read is limited to an organisation and a scope. */
import type { Queryable } from '../core/db/types.ts';
import type { NumberInput, SiteInput } from './schemas.ts';
import type { ServiceHours } from './service-hours.ts';

export interface Scope {
  organisationId: string;
  practiceIds: readonly string[];
}

export interface PracticeRow {
  id: string;
  name: string;
  legal_name: string;
  siren: string;
  siret: string | null;
  region: string;
  time_zone: string;
  service_hours: Record<string, unknown> | null;
  phone: string | null;
  email: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface PracticeFileRow extends PracticeRow {
  sites: {
    id: string;
    label: string;
    addressLine: string;
    postalCode: string;
    city: string;
    floor: string | null;
    digicode: string | null;
    parking: string | null;
    transport: string | null;
    accessNotes: string | null;
    latitude: number | null;
    longitude: number | null;
  }[];
  numbers: { e164: string; label: string | null }[];
  practitioners: { id: string; title: string | null; firstName: string; lastName: string; profession: string; specialty: string | null }[];
}

const IN_SCOPE = 'p.organisation_id = $2 and p.id = any($3::uuid[])';

const FILE_SELECT = `
  select p.id, p.name, p.legal_name, p.siren, p.siret, p.region, p.time_zone, p.service_hours, p.phone, p.email,
         p.created_at, p.updated_at,
         coalesce((select json_agg(json_build_object(
                    'id', s.id, 'label', s.label, 'addressLine', s.address_line, 'postalCode', s.postal_code,
                    'city', s.city, 'floor', s.floor, 'digicode', s.digicode, 'parking', s.parking,
                    'transport', s.transport, 'accessNotes', s.access_notes,
                    'latitude', s.latitude, 'longitude', s.longitude) order by s.position, s.id)
                     from practice_sites s where s.practice_id = p.id), '[]'::json) as sites,
         coalesce((select json_agg(json_build_object('e164', n.e164, 'label', n.label) order by n.e164)
                     from practice_numbers n where n.practice_id = p.id), '[]'::json) as numbers,
         coalesce((select json_agg(json_build_object(
                    'id', r.id, 'title', r.title, 'firstName', r.first_name, 'lastName', r.last_name,
                    'profession', r.profession, 'specialty', r.specialty) order by r.last_name, r.first_name, r.id)
                     from practice_practitioners pp join practitioners r on r.id = pp.practitioner_id
                    where pp.practice_id = p.id), '[]'::json) as practitioners
    from practices p`;

/** The practice's whole file, or undefined when it does not exist or lies outside the scope. */
export async function findPracticeFile(db: Queryable, id: string, scope: Scope): Promise<PracticeFileRow | undefined> {
  const { rows } = await db.query<PracticeFileRow>(`${FILE_SELECT} where p.id = $1 and ${IN_SCOPE}`, [id, scope.organisationId, scope.practiceIds]);
  return rows[0];
}

/** The file of the practice a forwarded number belongs to, within the scope. */
export async function findPracticeFileByNumber(db: Queryable, e164: string, scope: Scope): Promise<PracticeFileRow | undefined> {
  const { rows } = await db.query<PracticeFileRow>(`${FILE_SELECT} where p.id = (select practice_id from practice_numbers where e164 = $1) and ${IN_SCOPE}`, [
    e164,
    scope.organisationId,
    scope.practiceIds,
  ]);
  return rows[0];
}

export interface PracticeSummaryRow {
  id: string;
  name: string;
  legal_name: string;
  region: string;
  time_zone: string;
  city: string | null;
}

/** Practices of the scope, by name; `search` is a searchKey() (lower-case, unaccented, [a-z0-9 ] only). */
export async function listPractices(db: Queryable, scope: Scope, o: { search: string | null; limit: number; offset: number }): Promise<PracticeSummaryRow[]> {
  const { rows } = await db.query<PracticeSummaryRow>(
    `select p.id, p.name, p.legal_name, p.region, p.time_zone,
            (select s.city from practice_sites s where s.practice_id = p.id order by s.position, s.id limit 1) as city
       from practices p
      where p.organisation_id = $1 and p.id = any($2::uuid[])
        and ($3::text is null
             or regexp_replace(lower(unaccent(p.name)), '[^a-z0-9]+', ' ', 'g') like '%' || $3 || '%'
             or regexp_replace(lower(unaccent(p.legal_name)), '[^a-z0-9]+', ' ', 'g') like '%' || $3 || '%')
      order by p.name, p.id
      limit $4 offset $5`,
    [scope.organisationId, scope.practiceIds, o.search, o.limit, o.offset],
  );
  return rows;
}

/** Locks the practice row for a change; undefined when it is not in the scope. */
export async function lockPractice(tx: Queryable, id: string, scope: Scope): Promise<PracticeRow | undefined> {
  const { rows } = await tx.query<PracticeRow>(
    `select p.id, p.name, p.legal_name, p.siren, p.siret, p.region, p.time_zone, p.service_hours, p.phone, p.email,
            p.created_at, p.updated_at
       from practices p where p.id = $1 and ${IN_SCOPE} for update`,
    [id, scope.organisationId, scope.practiceIds],
  );
  return rows[0];
}

export interface PracticeValues {
  name: string;
  legalName: string;
  siren: string;
  siret: string | null;
  region: string;
  timeZone: string;
  serviceHours: ServiceHours;
  phone: string | null;
  email: string | null;
}

export async function insertPractice(tx: Queryable, organisationId: string, v: PracticeValues): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `insert into practices (organisation_id, name, legal_name, siren, siret, region, time_zone, service_hours, phone, email)
     values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10) returning id`,
    [organisationId, v.name, v.legalName, v.siren, v.siret, v.region, v.timeZone, JSON.stringify(v.serviceHours), v.phone, v.email],
  );
  return rows[0]!.id;
}

export async function updatePractice(tx: Queryable, id: string, v: PracticeValues): Promise<void> {
  await tx.query(
    `update practices set name = $2, legal_name = $3, siren = $4, siret = $5, region = $6, time_zone = $7,
            service_hours = $8::jsonb, phone = $9, email = $10, updated_at = now()
      where id = $1`,
    [id, v.name, v.legalName, v.siren, v.siret, v.region, v.timeZone, JSON.stringify(v.serviceHours), v.phone, v.email],
  );
}

export async function touchPractice(tx: Queryable, id: string): Promise<void> {
  await tx.query('update practices set updated_at = now() where id = $1', [id]);
}

export async function siteIds(tx: Queryable, practiceId: string): Promise<string[]> {
  const { rows } = await tx.query<{ id: string }>('select id from practice_sites where practice_id = $1', [practiceId]);
  return rows.map((r) => r.id);
}

const SITE_VALUES = (s: SiteInput, position: number) => [
  s.label,
  s.addressLine,
  s.postalCode,
  s.city,
  s.floor,
  s.digicode,
  s.parking,
  s.transport,
  s.accessNotes,
  s.latitude ?? null,
  s.longitude ?? null,
  position,
];

export async function insertSite(tx: Queryable, practiceId: string, s: SiteInput, position: number): Promise<void> {
  await tx.query(
    `insert into practice_sites (practice_id, label, address_line, postal_code, city, floor, digicode, parking, transport,
                                 access_notes, latitude, longitude, position)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [practiceId, ...SITE_VALUES(s, position)],
  );
}

export async function updateSite(tx: Queryable, practiceId: string, siteId: string, s: SiteInput, position: number): Promise<void> {
  await tx.query(
    `update practice_sites set label = $3, address_line = $4, postal_code = $5, city = $6, floor = $7, digicode = $8,
            parking = $9, transport = $10, access_notes = $11, latitude = $12, longitude = $13, position = $14
      where practice_id = $1 and id = $2`,
    [practiceId, siteId, ...SITE_VALUES(s, position)],
  );
}

export async function deleteSites(tx: Queryable, practiceId: string, keep: readonly string[]): Promise<void> {
  await tx.query('delete from practice_sites where practice_id = $1 and not (id = any($2::uuid[]))', [practiceId, keep]);
}

export async function deleteNumbers(tx: Queryable, practiceId: string): Promise<void> {
  await tx.query('delete from practice_numbers where practice_id = $1', [practiceId]);
}

/** Raises the database's unique violation (23505) when another practice holds the number. */
export async function insertNumber(tx: Queryable, practiceId: string, n: NumberInput): Promise<void> {
  await tx.query('insert into practice_numbers (e164, practice_id, label) values ($1, $2, $3)', [n.e164, practiceId, n.label]);
}
