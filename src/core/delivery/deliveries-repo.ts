/** SQL for deliveries: each email or SMS, its once-only key, its status and attempts. */
import type { Actor } from '../auth/actor.ts';
import type { Queryable } from '../db/types.ts';
import type { Locale } from '../http/locale.ts';

export type DeliveryStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'failed' | 'logged';
export type Channel = 'email' | 'sms';

export interface NewDelivery {
  organisationId: string;
  practiceId: string;
  patientId?: string | null;
  appointmentId?: string | null;
  messageId?: string | null;
  recipientKind: 'patient' | 'practitioner' | 'contact';
  channel: Channel;
  address: string;
  template: string;
  locale: Locale;
  params: Record<string, unknown>;
  dedupeKey: string;
  maxAttempts: number;
}

/** Inserts the delivery unless its key exists; answers the new id, or null when it already existed. */
export async function insertDelivery(q: Queryable, d: NewDelivery): Promise<string | null> {
  const { rows } = await q.query<{ id: string }>(
    `insert into deliveries (organisation_id, practice_id, patient_id, appointment_id, message_id, recipient_kind, channel, address, template, locale,
       params, dedupe_key, max_attempts)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     on conflict (dedupe_key) do nothing returning id`,
    [
      d.organisationId,
      d.practiceId,
      d.patientId ?? null,
      d.appointmentId ?? null,
      d.messageId ?? null,
      d.recipientKind,
      d.channel,
      d.address,
      d.template,
      d.locale,
      JSON.stringify(d.params),
      d.dedupeKey,
      d.maxAttempts,
    ],
  );
  return rows[0]?.id ?? null;
}

export interface ClaimedDelivery {
  id: string;
  organisationId: string;
  practiceId: string;
  patientId: string | null;
  appointmentId: string | null;
  messageId: string | null;
  recipientKind: NewDelivery['recipientKind'];
  channel: Channel;
  address: string;
  template: string;
  locale: Locale;
  params: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
}

interface ClaimRow {
  id: string;
  organisation_id: string;
  practice_id: string;
  patient_id: string | null;
  appointment_id: string | null;
  message_id: string | null;
  recipient_kind: ClaimedDelivery['recipientKind'];
  channel: Channel;
  address: string;
  template: string;
  locale: Locale;
  params: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
}

/**
 * Takes the delivery for one attempt: queued, or sending under a lease that ran out (its worker died).
 * Answers undefined when it is sent, failed, or held by a live worker.
 */
export async function claimDelivery(
  q: Queryable,
  id: string,
  o: { leaseSeconds: number; transports: Record<Channel, string> },
): Promise<ClaimedDelivery | undefined> {
  const { leaseSeconds, transports } = o;
  const { rows } = await q.query<ClaimRow>(
    `update deliveries set status = 'sending', attempts = attempts + 1, lease_until = now() + make_interval(secs => $2),
            transport = case when channel = 'sms' then $4 else $3 end, updated_at = now()
      where id = $1 and (status = 'queued' or (status = 'sending' and lease_until < now()))
      returning id, organisation_id, practice_id, patient_id, appointment_id, message_id, recipient_kind, channel, address, template, locale,
                params, attempts, max_attempts`,
    [id, leaseSeconds, transports.email, transports.sms],
  );
  const r = rows[0];
  if (!r) return undefined;
  return {
    id: r.id,
    organisationId: r.organisation_id,
    practiceId: r.practice_id,
    patientId: r.patient_id,
    appointmentId: r.appointment_id,
    messageId: r.message_id,
    recipientKind: r.recipient_kind,
    channel: r.channel,
    address: r.address,
    template: r.template,
    locale: r.locale,
    params: r.params,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
  };
}

/** True while another worker holds the delivery (sending, lease not run out). */
export async function isHeld(q: Queryable, id: string): Promise<boolean> {
  const { rows } = await q.query(`select 1 from deliveries where id = $1 and status = 'sending' and lease_until >= now()`, [id]);
  return rows.length > 0;
}

export async function storeRendered(q: Queryable, id: string, r: { subject: string | null; body: string }): Promise<void> {
  const { subject, body } = r;
  await q.query('update deliveries set subject = $2, body = $3 where id = $1', [id, subject, body]);
}

export async function markSent(q: Queryable, id: string, providerId: string, status: 'sent' | 'logged' = 'sent'): Promise<void> {
  await q.query(
    `update deliveries set status = $3, sent_at = now(), provider_message_id = $2, lease_until = null, next_attempt_at = null,
            last_error = null, updated_at = now()
      where id = $1 and status = 'sending'`,
    [id, providerId, status],
  );
}

/** After a failed attempt: back to queued for the retry at `retryAt`, or failed for good. */
export async function markAttemptFailed(q: Queryable, id: string, o: { error: string; final: boolean; retryAt: Date | null }): Promise<void> {
  const { error, final, retryAt } = o;
  await q.query(
    `update deliveries set status = case when $3 then 'failed' else 'queued' end, last_error = $2, lease_until = null,
            next_attempt_at = $4, failed_at = case when $3 then now() else null end, updated_at = now()
      where id = $1 and status = 'sending'`,
    [id, error.slice(0, 500), final, retryAt],
  );
}

/** A delivery no longer worth sending (the appointment was cancelled before its reminder): failed, with the reason. */
export async function markObsolete(q: Queryable, id: string, reason: string): Promise<void> {
  await q.query(
    `update deliveries set status = 'failed', last_error = $2, failed_at = now(), lease_until = null, updated_at = now() where id = $1 and status = 'sending'`,
    [id, reason],
  );
}

/** A provider's delivery report (Twilio status callback). */
export interface ProviderStatus {
  transport: string;
  providerId: string;
  status: 'delivered' | 'failed';
  error: string | null;
}

export async function applyProviderStatus(q: Queryable, r: ProviderStatus): Promise<boolean> {
  const { transport, providerId, status, error } = r;
  const { rowCount } = await q.query(
    `update deliveries set status = $3, delivered_at = case when $3 = 'delivered' then now() else delivered_at end,
            failed_at = case when $3 = 'failed' then now() else failed_at end, last_error = coalesce($4, last_error), updated_at = now()
      where transport = $1 and provider_message_id = $2 and status in ('sent', 'delivered')`,
    [transport, providerId, status, error],
  );
  return rowCount > 0;
}

export interface DeliveryDto {
  id: string;
  practiceId: string;
  patientId: string | null;
  appointmentId: string | null;
  messageId: string | null;
  recipientKind: ClaimedDelivery['recipientKind'];
  channel: Channel;
  template: string;
  locale: Locale;
  status: DeliveryStatus;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  transport: string | null;
  createdAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
  failedAt: string | null;
  nextAttemptAt: string | null;
}

export interface DeliveryDetailDto extends DeliveryDto {
  address: string;
  subject: string | null;
  body: string | null;
}

interface DtoRow {
  id: string;
  practice_id: string;
  patient_id: string | null;
  appointment_id: string | null;
  message_id: string | null;
  recipient_kind: ClaimedDelivery['recipientKind'];
  channel: Channel;
  template: string;
  locale: Locale;
  status: DeliveryStatus;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  transport: string | null;
  created_at: Date;
  sent_at: Date | null;
  delivered_at: Date | null;
  failed_at: Date | null;
  next_attempt_at: Date | null;
  address: string;
  subject: string | null;
  body: string | null;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

function dto(r: DtoRow): DeliveryDto {
  return {
    id: r.id,
    practiceId: r.practice_id,
    patientId: r.patient_id,
    appointmentId: r.appointment_id,
    messageId: r.message_id,
    recipientKind: r.recipient_kind,
    channel: r.channel,
    template: r.template,
    locale: r.locale,
    status: r.status,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    lastError: r.last_error,
    transport: r.transport,
    createdAt: r.created_at.toISOString(),
    sentAt: iso(r.sent_at),
    deliveredAt: iso(r.delivered_at),
    failedAt: iso(r.failed_at),
    nextAttemptAt: iso(r.next_attempt_at),
  };
}

export interface DeliveryFilter {
  practiceId?: string | undefined;
  patientId?: string | undefined;
  appointmentId?: string | undefined;
  messageId?: string | undefined;
  status?: DeliveryStatus | undefined;
  /** Only the deliveries about messages to this practitioner (a practitioner's own view). */
  practitionerId?: string | undefined;
  limit: number;
  before?: string | undefined;
}

/** Deliveries in the actor's scope, newest first; one more than `limit` is read to tell whether more exist. */
export async function listDeliveries(q: Queryable, actor: Actor, f: DeliveryFilter): Promise<DeliveryDto[]> {
  const { rows } = await q.query<DtoRow>(
    `select d.* from deliveries d
      where d.organisation_id = $1 and d.practice_id = any($2::uuid[])
        and ($3::uuid is null or d.practice_id = $3) and ($4::uuid is null or d.patient_id = $4)
        and ($5::uuid is null or d.appointment_id = $5) and ($6::uuid is null or d.message_id = $6)
        and ($7::text is null or d.status = $7) and ($8::timestamptz is null or d.created_at < $8)
        and ($9::uuid is null or exists (select 1 from messages m where m.id = d.message_id and m.practitioner_id = $9)
             or exists (select 1 from appointments a where a.id = d.appointment_id and a.practitioner_id = $9))
      order by d.created_at desc, d.id
      limit $10`,
    [
      actor.organisationId,
      actor.practiceIds,
      f.practiceId ?? null,
      f.patientId ?? null,
      f.appointmentId ?? null,
      f.messageId ?? null,
      f.status ?? null,
      f.before ?? null,
      f.practitionerId ?? null,
      f.limit + 1,
    ],
  );
  return rows.map(dto);
}

export async function findDelivery(q: Queryable, actor: Actor, id: string): Promise<DeliveryDetailDto | undefined> {
  const { rows } = await q.query<DtoRow>('select d.* from deliveries d where d.id = $1 and d.organisation_id = $2 and d.practice_id = any($3::uuid[])', [
    id,
    actor.organisationId,
    actor.practiceIds,
  ]);
  const r = rows[0];
  return r ? { ...dto(r), address: r.address, subject: r.subject, body: r.body } : undefined;
}
