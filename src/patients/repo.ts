/** SQL for patients. Every read takes the caller's scope (organisation + practices); none widens it. */
import type { Queryable } from '../core/db/types.ts';
import type { SearchCriteria } from './search-query.ts';

export interface PatientRow {
  id: string;
  organisation_id: string;
  practice_id: string;
  birth_name: string;
  first_given_name: string;
  given_names: string[];
  usual_name: string | null;
  birth_date: string;
  sex: 'F' | 'M' | 'I';
  birth_place_insee: string | null;
  identity_status: 'provisional' | 'qualified';
  mobile_phone: string | null;
  email: string | null;
  address_line: string | null;
  postal_code: string | null;
  city: string | null;
  note: string | null;
  created_at: Date;
  updated_at: Date;
}

export type SummaryRow = Pick<
  PatientRow,
  'id' | 'practice_id' | 'birth_name' | 'usual_name' | 'first_given_name' | 'birth_date' | 'sex' | 'identity_status' | 'mobile_phone'
>;

export interface Scope {
  organisationId: string;
  practiceIds: readonly string[];
}

const COLUMNS = `id, organisation_id, practice_id, birth_name, first_given_name, given_names, usual_name, birth_date, sex,
  birth_place_insee, identity_status, mobile_phone, email, address_line, postal_code, city, note, created_at, updated_at`;

/** The patient if it lies in scope; forUpdate locks its row for the rest of the transaction. */
export async function findInScope(tx: Queryable, scope: Scope, id: string, forUpdate = false): Promise<PatientRow | null> {
  const { rows } = await tx.query<PatientRow>(
    `select ${COLUMNS} from patients where id = $1 and organisation_id = $2 and practice_id = any($3::uuid[])${forUpdate ? ' for update' : ''}`,
    [id, scope.organisationId, [...scope.practiceIds]],
  );
  return rows[0] ?? null;
}

/** Whether the id exists at all (any practice): only to tell 'denied' from 'not_found' in the audit trail. */
export async function ownerOf(tx: Queryable, id: string): Promise<{ practiceId: string } | null> {
  const { rows } = await tx.query<{ practice_id: string }>('select practice_id from patients where id = $1', [id]);
  return rows[0] ? { practiceId: rows[0].practice_id } : null;
}

/** Serialises, until the transaction ends, every writer of one identity in one practice (duplicate guard). */
export async function lockIdentity(tx: Queryable, practiceId: string, identityKey: string): Promise<void> {
  await tx.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [`patient-identity|${practiceId}|${identityKey}`]);
}

/** Patients of one practice born on that date: the candidates a duplicate check compares names with. */
export async function bornOn(
  tx: Queryable,
  practiceId: string,
  birthDate: string,
): Promise<{ id: string; birth_name: string; first_given_name: string; birth_date: string }[]> {
  const { rows } = await tx.query<{ id: string; birth_name: string; first_given_name: string; birth_date: string }>(
    'select id, birth_name, first_given_name, birth_date from patients where practice_id = $1 and birth_date = $2 order by created_at, id',
    [practiceId, birthDate],
  );
  return rows;
}

export interface PatientValues {
  birthName: string;
  firstGivenName: string;
  givenNames: string[];
  usualName: string | null;
  birthDate: string;
  sex: 'F' | 'M' | 'I';
  birthPlaceInsee: string | null;
  identityStatus: 'provisional' | 'qualified';
  mobilePhone: string | null;
  email: string | null;
  addressLine: string | null;
  postalCode: string | null;
  city: string | null;
  note: string | null;
  searchName: string;
}

export async function insertPatient(
  tx: Queryable,
  o: { organisationId: string; practiceId: string; createdBy: string; values: PatientValues },
): Promise<PatientRow> {
  const v = o.values;
  const { rows } = await tx.query<PatientRow>(
    `insert into patients (organisation_id, practice_id, birth_name, first_given_name, given_names, usual_name, birth_date, sex,
       birth_place_insee, identity_status, mobile_phone, email, address_line, postal_code, city, note, search_name, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
     returning ${COLUMNS}`,
    [o.organisationId, o.practiceId, ...valueParams(v), o.createdBy],
  );
  return rows[0]!;
}

/** A patient's values in the column order the insert and the update both use. */
function valueParams(v: PatientValues): unknown[] {
  return [
    v.birthName,
    v.firstGivenName,
    v.givenNames,
    v.usualName,
    v.birthDate,
    v.sex,
    v.birthPlaceInsee,
    v.identityStatus,
    v.mobilePhone,
    v.email,
    v.addressLine,
    v.postalCode,
    v.city,
    v.note,
    v.searchName,
  ];
}

export async function updatePatient(tx: Queryable, id: string, v: PatientValues): Promise<PatientRow> {
  const { rows } = await tx.query<PatientRow>(
    `update patients set birth_name = $2, first_given_name = $3, given_names = $4, usual_name = $5, birth_date = $6, sex = $7,
       birth_place_insee = $8, identity_status = $9, mobile_phone = $10, email = $11, address_line = $12, postal_code = $13,
       city = $14, note = $15, search_name = $16, updated_at = now()
     where id = $1 returning ${COLUMNS}`,
    [id, ...valueParams(v)],
  );
  return rows[0]!;
}

/** The key that prefixes a practice's name words in the patient_name_words index (see migrations/0003). */
const practiceKey = (practiceId: string) => practiceId.replace(/-/g, '').toLowerCase();

/**
 * The full-text query "each token starts a word of a patient's names, in one of these practices": for every
 * token, the OR of its prefix in each practice of the scope. Tokens are [a-z0-9] (searchKey) and keys hex.
 */
export function wordsQuery(practiceIds: readonly string[], tokens: readonly string[]): string {
  const keys = practiceIds.map(practiceKey);
  return tokens.map((t) => `(${keys.map((k) => `'${k}.${t}':*`).join(' | ')})`).join(' & ');
}

const SUMMARY = 'p.id, p.practice_id, p.birth_name, p.usual_name, p.first_given_name, p.birth_date, p.sex, p.identity_status, p.mobile_phone';

/** The smallest string greater than every string starting with prefix, in C order ("mar" → "mas"). */
function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/**
 * Patients in scope matching every criterion, best first, up to `limit` rows:
 * 1. names starting with the typed words ("dupont mar" → "dupont marie …"), the exact birth name first;
 * 2. then the other matches, those whose first name word starts with the first token first; ties by name.
 * Step 1 reads each practice's name index in order and stops at `limit` rows per practice, so a short,
 * common prefix ("mar") costs no more than a rare one; step 2 (the word index) runs only when step 1 falls short.
 */
export async function search(tx: Queryable, scope: Scope, c: SearchCriteria, limit: number): Promise<SummaryRow[]> {
  if (scope.practiceIds.length === 0) return [];
  // Each statement gets its own parameter list: PostgreSQL refuses parameters a statement does not use.
  const statement = () => {
    const params: unknown[] = [scope.organisationId, [...scope.practiceIds]];
    const param = (v: unknown) => `$${params.push(v)}`;
    const filters: string[] = [];
    if (c.birthDates.length === 1) filters.push(`p.birth_date = ${param(c.birthDates[0])}::date`);
    else if (c.birthDates.length > 1) filters.push(`p.birth_date = any(${param(c.birthDates)}::date[])`);
    if (c.phone !== null) filters.push(`p.mobile_phone = ${param(c.phone)}`);
    const and = (extra: string[] = []) => [...filters, ...extra].map((f) => ` and ${f}`).join('');
    return { params, param, and };
  };
  const NAME = 'p.search_name collate "C"';
  /** Rows in the scope's practices, read practice by practice in name order, at most `limit` from each. */
  const perPractice = async (condition: (s: ReturnType<typeof statement>) => string) => {
    const s = statement();
    const where = condition(s);
    const n = s.param(limit);
    return (
      await tx.query<SummaryRow>(
        `select ${SUMMARY} from unnest($2::uuid[]) as s(practice_id)
           cross join lateral (select * from patients p where p.practice_id = s.practice_id and p.organisation_id = $1${where}
                                order by ${NAME}, p.id limit ${n}) p
          order by ${NAME}, p.id limit ${n}`,
        s.params,
      )
    ).rows;
  };

  if (c.nameTokens.length === 0) return perPractice((s) => s.and());

  const typed = c.nameTokens.join(' ');
  const startsWith = (s: ReturnType<typeof statement>, prefix: string) => `${NAME} >= ${s.param(prefix)} and ${NAME} < ${s.param(prefixEnd(prefix))}`;
  const first = await perPractice((s) => s.and([startsWith(s, typed)]));
  if (first.length >= limit) return first;

  const s = statement();
  const rest = await tx.query<SummaryRow>(
    `select ${SUMMARY} from patients p
      where p.organisation_id = $1 and p.practice_id = any($2::uuid[])
        and patient_name_words(p.practice_id, p.search_name) @@ ${s.param(wordsQuery(scope.practiceIds, c.nameTokens))}::tsquery
        and not (${startsWith(s, typed)})${s.and()}
      order by (${startsWith(s, c.nameTokens[0]!)}) desc, ${NAME}, p.id
      limit ${s.param(limit - first.length)}`,
    s.params,
  );
  return [...first, ...rest.rows];
}

/** The practice a patient belongs to, whatever the caller's scope (the caller checks it). */
export async function practiceOfPatient(q: Queryable, patientId: string): Promise<string | undefined> {
  const { rows } = await q.query<{ practice_id: string }>('select practice_id from patients where id = $1', [patientId]);
  return rows[0]?.practice_id;
}
