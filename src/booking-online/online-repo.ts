/** SQL for public online booking: the practice behind a slug, its online motifs, requests and counters. */
import type { Queryable } from '../core/db/types.ts';

export interface OnlinePractice {
  practiceId: string;
  organisationId: string;
  requiresConfirmation: boolean;
}

export async function practiceBySlug(q: Queryable, slug: string): Promise<OnlinePractice | null> {
  const { rows } = await q.query<{ practice_id: string; organisation_id: string; requires_confirmation: boolean }>(
    'select practice_id, organisation_id, requires_confirmation from online_booking_settings where slug = $1 and enabled',
    [slug],
  );
  const r = rows[0];
  return r ? { practiceId: r.practice_id, organisationId: r.organisation_id, requiresConfirmation: r.requires_confirmation } : null;
}

export interface OnlineMotif {
  id: string;
  practitionerId: string;
  label: string;
  durationMinutes: number;
  newPatientsAllowed: boolean;
  instructions: string | null;
}

/** The active motifs marked online of the practice's practitioners. */
export async function onlineMotifs(q: Queryable, practiceId: string): Promise<OnlineMotif[]> {
  const { rows } = await q.query<{
    id: string;
    practitioner_id: string;
    label: string;
    duration_minutes: number;
    new_patients_allowed: boolean;
    patient_instructions: string | null;
  }>(
    `select m.id, m.practitioner_id, m.label, m.duration_minutes, m.new_patients_allowed, m.patient_instructions
       from motifs m join practice_practitioners pp on pp.practitioner_id = m.practitioner_id and pp.practice_id = $1
      where m.active and m.online_bookable order by m.label`,
    [practiceId],
  );
  return rows.map((r) => ({
    id: r.id,
    practitionerId: r.practitioner_id,
    label: r.label,
    durationMinutes: r.duration_minutes,
    newPatientsAllowed: r.new_patients_allowed,
    instructions: r.patient_instructions,
  }));
}

export interface Counters {
  phoneLastHour: number;
  addressLastHour: number;
  pendingForPhone: number;
  upcomingOnlineForPhone: number;
}

export async function counters(q: Queryable, o: { practiceId: string; phone: string; address: string; at: Date }): Promise<Counters> {
  const { rows } = await q.query<{ phone_hour: number; address_hour: number; pending: number; upcoming: number }>(
    `select
       (select count(*) from online_booking_requests where mobile_phone = $2 and created_at > $4::timestamptz - interval '1 hour')::int as phone_hour,
       (select count(*) from online_booking_requests where client_address = $3 and created_at > $4::timestamptz - interval '1 hour')::int as address_hour,
       (select count(*) from online_booking_requests where mobile_phone = $2 and status = 'pending' and expires_at > $4)::int as pending,
       (select count(*) from appointments a join patients p on p.id = a.patient_id
         where a.practice_id = $1 and p.practice_id = $1 and p.mobile_phone = $2 and a.channel = 'online' and a.status = 'booked'
           and lower(a.during) > $4)::int as upcoming`,
    [o.practiceId, o.phone, o.address, o.at],
  );
  const r = rows[0]!;
  return { phoneLastHour: r.phone_hour, addressLastHour: r.address_hour, pendingForPhone: r.pending, upcomingOnlineForPhone: r.upcoming };
}

export interface NewRequest {
  id: string;
  organisationId: string;
  practiceId: string;
  practitionerId: string;
  motifId: string;
  start: string;
  birthName: string;
  firstGivenName: string;
  birthDate: string;
  sex: 'F' | 'M' | 'I';
  mobilePhone: string;
  email: string | null;
  clientAddress: string;
  codeHash: string;
  at: Date;
  expiresAt: Date;
}

export async function insertRequest(q: Queryable, r: NewRequest): Promise<void> {
  await q.query(
    `insert into online_booking_requests (id, organisation_id, practice_id, practitioner_id, motif_id, start_at, birth_name, first_given_name,
       birth_date, sex, mobile_phone, email, client_address, code_hash, created_at, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [
      r.id,
      r.organisationId,
      r.practiceId,
      r.practitionerId,
      r.motifId,
      r.start,
      r.birthName,
      r.firstGivenName,
      r.birthDate,
      r.sex,
      r.mobilePhone,
      r.email,
      r.clientAddress,
      r.codeHash,
      r.at,
      r.expiresAt,
    ],
  );
}

export interface StoredRequest {
  id: string;
  organisationId: string;
  practiceId: string;
  practitionerId: string;
  motifId: string;
  start: string;
  birthName: string;
  firstGivenName: string;
  birthDate: string;
  sex: 'F' | 'M' | 'I';
  mobilePhone: string;
  email: string | null;
  codeHash: string;
  codeAttempts: number;
  status: 'pending' | 'booked' | 'failed';
  expired: boolean;
  patientId: string | null;
}

/** The request of a practice, locked for the caller's transaction. */
export async function lockRequest(q: Queryable, o: { id: string; practiceId: string; at: Date }): Promise<StoredRequest | null> {
  const { rows } = await q.query<{
    id: string;
    organisation_id: string;
    practice_id: string;
    practitioner_id: string;
    motif_id: string;
    start_at: Date;
    birth_name: string;
    first_given_name: string;
    birth_date: string;
    sex: 'F' | 'M' | 'I';
    mobile_phone: string;
    email: string | null;
    code_hash: string;
    code_attempts: number;
    status: StoredRequest['status'];
    expired: boolean;
    patient_id: string | null;
  }>(
    `select id, organisation_id, practice_id, practitioner_id, motif_id, start_at, birth_name, first_given_name, to_char(birth_date, 'YYYY-MM-DD') as birth_date,
            sex, mobile_phone, email, code_hash, code_attempts, status, expires_at <= $3 as expired, patient_id
       from online_booking_requests where id = $1 and practice_id = $2 for update`,
    [o.id, o.practiceId, o.at],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    organisationId: r.organisation_id,
    practiceId: r.practice_id,
    practitionerId: r.practitioner_id,
    motifId: r.motif_id,
    start: r.start_at.toISOString(),
    birthName: r.birth_name,
    firstGivenName: r.first_given_name,
    birthDate: r.birth_date,
    sex: r.sex,
    mobilePhone: r.mobile_phone,
    email: r.email,
    codeHash: r.code_hash,
    codeAttempts: r.code_attempts,
    status: r.status,
    expired: r.expired,
    patientId: r.patient_id,
  };
}

export async function countWrongCode(q: Queryable, id: string, max: number): Promise<void> {
  await q.query(
    `update online_booking_requests set code_attempts = code_attempts + 1, status = case when code_attempts + 1 >= $2 then 'failed' else status end where id = $1`,
    [id, max],
  );
}

/** The phone is proven: the patient it attaches to is kept so that another slot can be tried without a new code. */
export async function setPatient(q: Queryable, id: string, patientId: string): Promise<void> {
  await q.query('update online_booking_requests set patient_id = $2 where id = $1', [id, patientId]);
}

export async function markBooked(q: Queryable, o: { id: string; appointmentId: string; start: string }): Promise<void> {
  await q.query(`update online_booking_requests set status = 'booked', appointment_id = $2, start_at = $3 where id = $1`, [o.id, o.appointmentId, o.start]);
}

export interface OnlineSettings {
  practiceId: string;
  slug: string;
  enabled: boolean;
  requiresConfirmation: boolean;
}

export async function settingsOf(q: Queryable, practiceId: string): Promise<OnlineSettings | null> {
  const { rows } = await q.query<{ practice_id: string; slug: string; enabled: boolean; requires_confirmation: boolean }>(
    'select practice_id, slug, enabled, requires_confirmation from online_booking_settings where practice_id = $1',
    [practiceId],
  );
  const r = rows[0];
  return r ? { practiceId: r.practice_id, slug: r.slug, enabled: r.enabled, requiresConfirmation: r.requires_confirmation } : null;
}

/** Creates or replaces the practice's settings; null when the slug belongs to another practice. */
export async function upsertSettings(q: Queryable, o: OnlineSettings & { organisationId: string; at: Date }): Promise<OnlineSettings | null> {
  const { rows } = await q
    .query<{ practice_id: string }>(
      `insert into online_booking_settings (practice_id, organisation_id, slug, enabled, requires_confirmation, updated_at)
     values ($1, $2, $3, $4, $5, $6)
     on conflict (practice_id) do update set slug = excluded.slug, enabled = excluded.enabled,
       requires_confirmation = excluded.requires_confirmation, updated_at = excluded.updated_at
     returning practice_id`,
      [o.practiceId, o.organisationId, o.slug, o.enabled, o.requiresConfirmation, o.at],
    )
    .catch((error: unknown) => {
      if ((error as { code?: string }).code === '23505') return { rows: [] };
      throw error;
    });
  return rows.length ? { practiceId: o.practiceId, slug: o.slug, enabled: o.enabled, requiresConfirmation: o.requiresConfirmation } : null;
}
