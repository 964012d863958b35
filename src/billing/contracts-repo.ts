/** SQL of sellers, clients, contracts and their versions. */
import type { Queryable } from '../core/db/types.ts';
import type { ContractTerms } from './terms.ts';

export interface SellerRow {
  id: string;
  legal_name: string;
  siren: string;
  vat_number: string;
  address_line: string;
  postal_code: string;
  city: string;
  country: string;
  email: string | null;
  iban: string | null;
  bic: string | null;
  penalty_rate: string;
  payment_days: number;
  invoice_prefix: string;
}

export interface ClientRow {
  id: string;
  seller_id: string;
  legal_name: string;
  siren: string;
  vat_number: string | null;
  address_line: string;
  postal_code: string;
  city: string;
  country: string;
  email: string | null;
  practice_ids: string[];
}

export interface ContractRow {
  id: string;
  client_id: string;
  label: string;
  starts_on: string;
  ends_on: string | null;
}

export interface NewSeller {
  organisationId: string;
  legalName: string;
  siren: string;
  vatNumber: string;
  addressLine: string;
  postalCode: string;
  city: string;
  email: string | null;
  iban: string | null;
  bic: string | null;
  invoicePrefix: string;
}

export async function insertSeller(q: Queryable, s: NewSeller): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `insert into billing_sellers (organisation_id, legal_name, siren, vat_number, address_line, postal_code, city, email, iban, bic, invoice_prefix)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
    [s.organisationId, s.legalName, s.siren, s.vatNumber, s.addressLine, s.postalCode, s.city, s.email, s.iban, s.bic, s.invoicePrefix],
  );
  return rows[0]!.id;
}

export async function sellerById(q: Queryable, organisationId: string, id: string): Promise<SellerRow | undefined> {
  const { rows } = await q.query<SellerRow>('select * from billing_sellers where id = $1 and organisation_id = $2', [id, organisationId]);
  return rows[0];
}

export interface NewClient {
  organisationId: string;
  sellerId: string;
  legalName: string;
  siren: string;
  vatNumber: string | null;
  addressLine: string;
  postalCode: string;
  city: string;
  email: string | null;
  practiceIds: readonly string[];
}

export async function insertClient(q: Queryable, c: NewClient): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `insert into billing_clients (organisation_id, seller_id, legal_name, siren, vat_number, address_line, postal_code, city, email)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [c.organisationId, c.sellerId, c.legalName, c.siren, c.vatNumber, c.addressLine, c.postalCode, c.city, c.email],
  );
  const id = rows[0]!.id;
  await q.query('insert into billing_client_practices (client_id, practice_id) select $1, unnest($2::uuid[])', [id, c.practiceIds]);
  return id;
}

const CLIENT_SELECT = `select c.id, c.seller_id, c.legal_name, c.siren, c.vat_number, c.address_line, c.postal_code, c.city, c.country, c.email,
  coalesce((select array_agg(practice_id order by practice_id) from billing_client_practices where client_id = c.id), '{}') as practice_ids
  from billing_clients c`;

export async function clientById(q: Queryable, organisationId: string, id: string): Promise<ClientRow | undefined> {
  const { rows } = await q.query<ClientRow>(`${CLIENT_SELECT} where c.id = $1 and c.organisation_id = $2`, [id, organisationId]);
  return rows[0];
}

export async function practicesAlreadyBilled(q: Queryable, practiceIds: readonly string[]): Promise<string[]> {
  const { rows } = await q.query<{ practice_id: string }>('select practice_id from billing_client_practices where practice_id = any($1::uuid[])', [
    practiceIds,
  ]);
  return rows.map((r) => r.practice_id);
}

export async function insertContract(
  q: Queryable,
  c: { organisationId: string; clientId: string; label: string; startsOn: string; endsOn: string | null },
): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    'insert into contracts (organisation_id, client_id, label, starts_on, ends_on) values ($1, $2, $3, $4, $5) returning id',
    [c.organisationId, c.clientId, c.label, c.startsOn, c.endsOn],
  );
  return rows[0]!.id;
}

export async function upsertVersion(q: Queryable, v: { contractId: string; validFrom: string; terms: ContractTerms; userId: string | null }): Promise<void> {
  await q.query(
    `insert into contract_versions (contract_id, valid_from, terms, created_by) values ($1, $2, $3, $4)
     on conflict (contract_id, valid_from) do update set terms = excluded.terms, created_by = excluded.created_by, created_at = now()`,
    [v.contractId, v.validFrom, JSON.stringify(v.terms), v.userId],
  );
}

const CONTRACT_SELECT = `select id, client_id, label, to_char(starts_on, 'YYYY-MM-DD') as starts_on, to_char(ends_on, 'YYYY-MM-DD') as ends_on from contracts`;

export async function contractById(q: Queryable, organisationId: string, id: string): Promise<ContractRow | undefined> {
  const { rows } = await q.query<ContractRow>(`${CONTRACT_SELECT} where id = $1 and organisation_id = $2`, [id, organisationId]);
  return rows[0];
}

/** Contracts in force on at least one day of [first, last]. */
export async function contractsInForce(q: Queryable, organisationId: string, first: string, last: string): Promise<ContractRow[]> {
  const { rows } = await q.query<ContractRow>(
    `${CONTRACT_SELECT} where organisation_id = $1 and starts_on <= $3 and (ends_on is null or ends_on >= $2) order by created_at, id`,
    [organisationId, first, last],
  );
  return rows;
}

export async function contractsOfOrganisation(
  q: Queryable,
  organisationId: string,
): Promise<(ContractRow & { client_name: string; practice_ids: string[] })[]> {
  const { rows } = await q.query<ContractRow & { client_name: string; practice_ids: string[] }>(
    `select k.id, k.client_id, k.label, to_char(k.starts_on, 'YYYY-MM-DD') as starts_on, to_char(k.ends_on, 'YYYY-MM-DD') as ends_on, c.legal_name as client_name,
            coalesce((select array_agg(practice_id) from billing_client_practices where client_id = c.id), '{}') as practice_ids
       from contracts k join billing_clients c on c.id = k.client_id where k.organisation_id = $1 order by c.legal_name, k.starts_on`,
    [organisationId],
  );
  return rows;
}

/** Versions in force during [first, last]: the last one starting before `first`, and those starting within. */
export async function versionsFor(q: Queryable, contractId: string, last: string): Promise<{ valid_from: string; terms: unknown }[]> {
  const { rows } = await q.query<{ valid_from: string; terms: unknown }>(
    `select to_char(valid_from, 'YYYY-MM-DD') as valid_from, terms from contract_versions where contract_id = $1 and valid_from <= $2 order by valid_from`,
    [contractId, last],
  );
  return rows;
}

export interface PracticePlaceRow {
  id: string;
  time_zone: string;
  region: string;
  name: string;
}

export async function practicePlaces(q: Queryable, organisationId: string, practiceIds: readonly string[]): Promise<PracticePlaceRow[]> {
  const { rows } = await q.query<PracticePlaceRow>(
    'select id, time_zone, region, name from practices where organisation_id = $1 and id = any($2::uuid[]) order by name',
    [organisationId, practiceIds],
  );
  return rows;
}

/** True when an issued (non-draft) invoice of the contract covers a date on or after `date`. */
export async function issuedCovering(q: Queryable, contractId: string, date: string): Promise<boolean> {
  const { rows } = await q.query("select 1 from invoices where contract_id = $1 and status <> 'draft' and period_end >= $2 limit 1", [contractId, date]);
  return rows.length > 0;
}
