/** SQL for messages to practitioners, their events, the tasks their answers become, templates and settings. */
import type { Actor } from '../core/auth/actor.ts';
import type { Queryable } from '../core/db/types.ts';
import type { MessageDto, MessageEventDto, MessageType, TaskDto, TemplateDto } from './schemas.ts';

interface MessageRow {
  id: string;
  organisation_id: string;
  practice_id: string;
  practitioner_id: string;
  type: MessageType;
  patient_id: string | null;
  patient_name: string | null;
  callback_number: string | null;
  body: string;
  due_date: string | null;
  status: MessageDto['status'];
  created_by: string;
  created_at: Date;
  read_at: Date | null;
  read_by: string | null;
  processed_at: Date | null;
  processed_by: string | null;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  escalation_step: number;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export interface MessageRecord extends MessageDto {
  organisationId: string;
}

function messageDto(r: MessageRow): MessageRecord {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    practiceId: r.practice_id,
    practitionerId: r.practitioner_id,
    type: r.type,
    patientId: r.patient_id,
    patientName: r.patient_name,
    callbackNumber: r.callback_number,
    body: r.body,
    dueDate: r.due_date,
    status: r.status,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    readAt: iso(r.read_at),
    readBy: r.read_by,
    processedAt: iso(r.processed_at),
    processedBy: r.processed_by,
    acknowledgedAt: iso(r.acknowledged_at),
    acknowledgedBy: r.acknowledged_by,
    escalationStep: r.escalation_step,
  };
}

export function publicMessage(m: MessageRecord): MessageDto {
  const { organisationId: _org, ...dto } = m;
  return dto;
}

const SELECT = `select m.*, case when pa.id is null then null else upper(coalesce(pa.usual_name, pa.birth_name)) || ' ' || pa.first_given_name end as patient_name
  from messages m left join patients pa on pa.id = m.patient_id`;

/** The practitioner works at the practice, which is in the actor's scope. */
export async function practitionerAtPractice(q: Queryable, actor: Actor, practiceId: string, practitionerId: string): Promise<boolean> {
  const { rows } = await q.query(
    `select 1 from practice_practitioners pp join practices p on p.id = pp.practice_id
      where pp.practice_id = $1 and pp.practitioner_id = $2 and p.organisation_id = $3 and pp.practice_id = any($4::uuid[])`,
    [practiceId, practitionerId, actor.organisationId, actor.practiceIds],
  );
  return rows.length > 0;
}

export async function patientOfPractice(q: Queryable, actor: Actor, practiceId: string, patientId: string): Promise<boolean> {
  const { rows } = await q.query('select 1 from patients where id = $1 and practice_id = $2 and organisation_id = $3', [
    patientId,
    practiceId,
    actor.organisationId,
  ]);
  return rows.length > 0;
}

export async function insertMessage(
  q: Queryable,
  m: {
    organisationId: string;
    practiceId: string;
    practitionerId: string;
    type: MessageType;
    patientId: string | null;
    callbackNumber: string | null;
    body: string;
    dueDate: string | null;
    createdBy: string;
  },
): Promise<MessageRecord> {
  const { rows } = await q.query<{ id: string }>(
    `insert into messages (organisation_id, practice_id, practitioner_id, type, patient_id, callback_number, body, due_date, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [m.organisationId, m.practiceId, m.practitionerId, m.type, m.patientId, m.callbackNumber, m.body, m.dueDate, m.createdBy],
  );
  return (await messageById(q, rows[0]!.id))!;
}

export async function messageById(q: Queryable, id: string, lock = false): Promise<MessageRecord | undefined> {
  const { rows } = await q.query<MessageRow>(`${SELECT} where m.id = $1 ${lock ? 'for update of m' : ''}`, [id]);
  return rows[0] ? messageDto(rows[0]) : undefined;
}

/** A message in the actor's scope; a practitioner sees only his own. */
export async function findMessage(q: Queryable, actor: Actor, id: string, lock = false): Promise<MessageRecord | undefined> {
  const { rows } = await q.query<MessageRow>(
    `${SELECT} where m.id = $1 and m.organisation_id = $2 and m.practice_id = any($3::uuid[]) and ($4::uuid is null or m.practitioner_id = $4)
      ${lock ? 'for update of m' : ''}`,
    [id, actor.organisationId, actor.practiceIds, actor.role === 'practitioner' ? actor.practitionerId : null],
  );
  return rows[0] ? messageDto(rows[0]) : undefined;
}

export interface MessageFilter {
  practitionerId?: string | undefined;
  practiceId?: string | undefined;
  patientId?: string | undefined;
  status?: MessageDto['status'] | undefined;
  type?: MessageType | undefined;
  before?: string | undefined;
  limit: number;
}

/** Newest first; reads one more than the limit so the caller can tell whether more exist. */
export async function listMessages(q: Queryable, actor: Actor, f: MessageFilter): Promise<MessageRecord[]> {
  const { rows } = await q.query<MessageRow>(
    `${SELECT}
      where m.organisation_id = $1 and m.practice_id = any($2::uuid[])
        and ($3::uuid is null or m.practitioner_id = $3) and ($4::uuid is null or m.practice_id = $4) and ($5::uuid is null or m.patient_id = $5)
        and ($6::text is null or m.status = $6) and ($7::text is null or m.type = $7) and ($8::timestamptz is null or m.created_at < $8)
      order by m.created_at desc, m.id
      limit $9`,
    [
      actor.organisationId,
      actor.practiceIds,
      f.practitionerId ?? null,
      f.practiceId ?? null,
      f.patientId ?? null,
      f.status ?? null,
      f.type ?? null,
      f.before ?? null,
      f.limit + 1,
    ],
  );
  return rows.map(messageDto);
}

export async function addEvent(
  q: Queryable,
  m: Pick<MessageRecord, 'id' | 'organisationId' | 'practiceId'>,
  kind: string,
  actorUserId: string | null,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await q.query('insert into message_events (message_id, organisation_id, practice_id, kind, actor_user_id, detail) values ($1, $2, $3, $4, $5, $6)', [
    m.id,
    m.organisationId,
    m.practiceId,
    kind,
    actorUserId,
    JSON.stringify(detail),
  ]);
}

export async function eventsOf(q: Queryable, messageId: string): Promise<MessageEventDto[]> {
  const { rows } = await q.query<{ id: number; at: Date; kind: string; actor_user_id: string | null; detail: Record<string, unknown> }>(
    'select id, at, kind, actor_user_id, detail from message_events where message_id = $1 order by id',
    [messageId],
  );
  return rows.map((r) => ({ id: r.id, at: r.at.toISOString(), kind: r.kind, actorUserId: r.actor_user_id, detail: r.detail }));
}

export async function markRead(q: Queryable, id: string, userId: string | null): Promise<boolean> {
  const { rowCount } = await q.query(`update messages set status = 'read', read_at = now(), read_by = $2 where id = $1 and status = 'new'`, [id, userId]);
  return rowCount > 0;
}

export async function markProcessed(q: Queryable, id: string, userId: string): Promise<boolean> {
  const { rowCount } = await q.query(
    `update messages set status = 'processed', processed_at = now(), processed_by = $2, read_at = coalesce(read_at, now()), read_by = coalesce(read_by, $2)
      where id = $1 and status <> 'processed'`,
    [id, userId],
  );
  return rowCount > 0;
}

export async function markAcknowledged(q: Queryable, id: string, userId: string | null, via: 'app' | 'link'): Promise<boolean> {
  const { rowCount } = await q.query(
    `update messages set acknowledged_at = now(), acknowledged_by = $2, acknowledged_via = $3 where id = $1 and acknowledged_at is null`,
    [id, userId, via],
  );
  return rowCount > 0;
}

export async function setEscalationStep(q: Queryable, id: string, step: number): Promise<void> {
  await q.query('update messages set escalation_step = $2 where id = $1', [id, step]);
}

// --- tasks --------------------------------------------------------------------------------------

interface TaskRow {
  id: string;
  practice_id: string;
  message_id: string;
  answer: string;
  assigned_to: string | null;
  status: TaskDto['status'];
  created_by: string;
  created_at: Date;
  done_at: Date | null;
  done_by: string | null;
  done_note: string | null;
}

function taskDto(r: TaskRow): TaskDto {
  return {
    id: r.id,
    practiceId: r.practice_id,
    messageId: r.message_id,
    answer: r.answer,
    assignedTo: r.assigned_to,
    status: r.status,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    doneAt: iso(r.done_at),
    doneBy: r.done_by,
    doneNote: r.done_note,
  };
}

/**
 * The next available agent of the practice: one in 'available' state first, then the practice's
 * dedicated secretary, then the one with the fewest open tasks, then the one idle longest.
 */
export async function nextAgent(q: Queryable, organisationId: string, practiceId: string): Promise<string | null> {
  const { rows } = await q.query<{ id: string }>(
    `select u.id from users u
       join user_practices up on up.user_id = u.id and up.practice_id = $2
       left join agent_states s on s.user_id = u.id
      where u.organisation_id = $1 and u.role = 'agent' and u.active
      order by (s.status = 'available') desc nulls last, up.dedicated desc,
               (select count(*) from message_tasks t where t.assigned_to = u.id and t.status = 'open'), s.idle_since nulls last, u.id
      limit 1`,
    [organisationId, practiceId],
  );
  return rows[0]?.id ?? null;
}

export async function insertTask(
  q: Queryable,
  t: { organisationId: string; practiceId: string; messageId: string; answer: string; assignedTo: string | null; createdBy: string },
): Promise<TaskDto> {
  const { rows } = await q.query<TaskRow>(
    `insert into message_tasks (organisation_id, practice_id, message_id, answer, assigned_to, created_by) values ($1, $2, $3, $4, $5, $6) returning *`,
    [t.organisationId, t.practiceId, t.messageId, t.answer, t.assignedTo, t.createdBy],
  );
  return taskDto(rows[0]!);
}

export async function tasksOf(q: Queryable, messageId: string): Promise<TaskDto[]> {
  const { rows } = await q.query<TaskRow>('select * from message_tasks where message_id = $1 order by created_at, id', [messageId]);
  return rows.map(taskDto);
}

export async function listTasks(
  q: Queryable,
  actor: Actor,
  f: { practiceId?: string | undefined; status?: TaskDto['status'] | undefined; assignedTo?: string | undefined },
): Promise<TaskDto[]> {
  const { rows } = await q.query<TaskRow>(
    `select t.* from message_tasks t
      where t.organisation_id = $1 and t.practice_id = any($2::uuid[]) and ($3::uuid is null or t.practice_id = $3)
        and ($4::text is null or t.status = $4) and ($5::uuid is null or t.assigned_to = $5)
      order by t.created_at, t.id limit 500`,
    [actor.organisationId, actor.practiceIds, f.practiceId ?? null, f.status ?? null, f.assignedTo ?? null],
  );
  return rows.map(taskDto);
}

export async function findTask(q: Queryable, actor: Actor, id: string, lock = false): Promise<TaskDto | undefined> {
  const { rows } = await q.query<TaskRow>(
    `select * from message_tasks where id = $1 and organisation_id = $2 and practice_id = any($3::uuid[]) ${lock ? 'for update' : ''}`,
    [id, actor.organisationId, actor.practiceIds],
  );
  return rows[0] ? taskDto(rows[0]) : undefined;
}

export async function markTaskDone(q: Queryable, id: string, userId: string, note: string | null): Promise<TaskDto> {
  const { rows } = await q.query<TaskRow>(`update message_tasks set status = 'done', done_at = now(), done_by = $2, done_note = $3 where id = $1 returning *`, [
    id,
    userId,
    note,
  ]);
  return taskDto(rows[0]!);
}

// --- templates ----------------------------------------------------------------------------------

interface TemplateRow {
  id: string;
  practice_id: string;
  type: MessageType;
  label: string;
  body: string;
  position: number;
}
const templateDto = (r: TemplateRow): TemplateDto => ({
  id: r.id,
  practiceId: r.practice_id,
  type: r.type,
  label: r.label,
  body: r.body,
  position: r.position,
});

export async function listTemplates(q: Queryable, practiceId: string): Promise<TemplateDto[]> {
  const { rows } = await q.query<TemplateRow>('select * from message_templates where practice_id = $1 order by position, label, id', [practiceId]);
  return rows.map(templateDto);
}

export async function insertTemplate(
  q: Queryable,
  t: { organisationId: string; practiceId: string; type: MessageType; label: string; body: string; position: number },
): Promise<TemplateDto> {
  const { rows } = await q.query<TemplateRow>(
    'insert into message_templates (organisation_id, practice_id, type, label, body, position) values ($1, $2, $3, $4, $5, $6) returning *',
    [t.organisationId, t.practiceId, t.type, t.label, t.body, t.position],
  );
  return templateDto(rows[0]!);
}

export async function deleteTemplate(q: Queryable, actor: Actor, id: string): Promise<boolean> {
  const { rowCount } = await q.query('delete from message_templates where id = $1 and organisation_id = $2 and practice_id = any($3::uuid[])', [
    id,
    actor.organisationId,
    actor.practiceIds,
  ]);
  return rowCount > 0;
}

// --- settings, escalation contacts, preferences -------------------------------------------------

export interface EscalationContact {
  id: string;
  name: string;
  channel: 'email' | 'sms';
  address: string;
}

export interface PracticeMessageSettings {
  practiceId: string;
  urgentAckSeconds: number;
  renotifyCount: number;
  escalationContacts: EscalationContact[];
}

export const MESSAGE_SETTINGS_DEFAULTS = { urgentAckSeconds: 900, renotifyCount: 1 };

export async function getSettings(q: Queryable, practiceId: string): Promise<PracticeMessageSettings> {
  const s = await q.query<{ urgent_ack_seconds: number; renotify_count: number }>(
    'select urgent_ack_seconds, renotify_count from practice_message_settings where practice_id = $1',
    [practiceId],
  );
  const c = await q.query<EscalationContact>('select id, name, channel, address from practice_escalation_contacts where practice_id = $1 order by position', [
    practiceId,
  ]);
  return {
    practiceId,
    urgentAckSeconds: s.rows[0]?.urgent_ack_seconds ?? MESSAGE_SETTINGS_DEFAULTS.urgentAckSeconds,
    renotifyCount: s.rows[0]?.renotify_count ?? MESSAGE_SETTINGS_DEFAULTS.renotifyCount,
    escalationContacts: c.rows,
  };
}

export async function putSettings(
  q: Queryable,
  organisationId: string,
  practiceId: string,
  s: { urgentAckSeconds: number; renotifyCount: number; escalationContacts: Omit<EscalationContact, 'id'>[] },
): Promise<void> {
  await q.query(
    `insert into practice_message_settings (practice_id, organisation_id, urgent_ack_seconds, renotify_count) values ($1, $2, $3, $4)
     on conflict (practice_id) do update set urgent_ack_seconds = excluded.urgent_ack_seconds, renotify_count = excluded.renotify_count, updated_at = now()`,
    [practiceId, organisationId, s.urgentAckSeconds, s.renotifyCount],
  );
  await q.query('delete from practice_escalation_contacts where practice_id = $1', [practiceId]);
  for (const [i, c] of s.escalationContacts.entries()) {
    await q.query('insert into practice_escalation_contacts (organisation_id, practice_id, position, name, channel, address) values ($1, $2, $3, $4, $5, $6)', [
      organisationId,
      practiceId,
      i,
      c.name,
      c.channel,
      c.address,
    ]);
  }
}

export interface PractitionerContact {
  practitionerId: string;
  title: string | null;
  firstName: string;
  lastName: string;
  email: boolean;
  sms: boolean;
  /** The preference's address, else his sign-in email. */
  emailAddress: string | null;
  storedEmailAddress: string | null;
  mobilePhone: string | null;
  locale: 'fr' | 'en';
}

export async function practitionerContact(q: Queryable, practitionerId: string): Promise<PractitionerContact | undefined> {
  const { rows } = await q.query<{
    id: string;
    title: string | null;
    first_name: string;
    last_name: string;
    email: boolean | null;
    sms: boolean | null;
    email_address: string | null;
    user_email: string | null;
    mobile_phone: string | null;
    locale: 'fr' | 'en' | null;
    user_locale: 'fr' | 'en' | null;
  }>(
    `select pr.id, pr.title, pr.first_name, pr.last_name, mp.email, mp.sms, mp.email_address, mp.mobile_phone, mp.locale,
            (select u.email from users u where u.practitioner_id = pr.id and u.active order by u.created_at limit 1) as user_email,
            (select u.locale from users u where u.practitioner_id = pr.id and u.active order by u.created_at limit 1) as user_locale
       from practitioners pr left join practitioner_message_prefs mp on mp.practitioner_id = pr.id
      where pr.id = $1`,
    [practitionerId],
  );
  const r = rows[0];
  if (!r) return undefined;
  return {
    practitionerId: r.id,
    title: r.title,
    firstName: r.first_name,
    lastName: r.last_name,
    email: r.email ?? false,
    sms: r.sms ?? false,
    emailAddress: r.email_address ?? r.user_email,
    storedEmailAddress: r.email_address,
    mobilePhone: r.mobile_phone,
    locale: r.locale ?? r.user_locale ?? 'fr',
  };
}

/** The practitioner, if one of the actor's practices holds him. */
export async function practitionerInScope(q: Queryable, actor: Actor, practitionerId: string): Promise<boolean> {
  const { rows } = await q.query(
    `select 1 from practitioners pr where pr.id = $1 and pr.organisation_id = $2
        and exists (select 1 from practice_practitioners pp where pp.practitioner_id = pr.id and pp.practice_id = any($3::uuid[]))`,
    [practitionerId, actor.organisationId, actor.practiceIds],
  );
  return rows.length > 0;
}

export async function putPrefs(
  q: Queryable,
  organisationId: string,
  p: { practitionerId: string; email: boolean; sms: boolean; emailAddress: string | null; mobilePhone: string | null; locale: 'fr' | 'en' },
): Promise<void> {
  await q.query(
    `insert into practitioner_message_prefs (practitioner_id, organisation_id, email, sms, email_address, mobile_phone, locale) values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (practitioner_id) do update set email = excluded.email, sms = excluded.sms, email_address = excluded.email_address,
       mobile_phone = excluded.mobile_phone, locale = excluded.locale, updated_at = now()`,
    [p.practitionerId, organisationId, p.email, p.sms, p.emailAddress, p.mobilePhone, p.locale],
  );
}

export async function practiceInfo(q: Queryable, practiceId: string): Promise<{ name: string; timeZone: string } | undefined> {
  const { rows } = await q.query<{ name: string; time_zone: string }>('select name, time_zone from practices where id = $1', [practiceId]);
  return rows[0] ? { name: rows[0].name, timeZone: rows[0].time_zone } : undefined;
}

export async function practiceInScope(q: Queryable, actor: Actor, practiceId: string): Promise<boolean> {
  const { rows } = await q.query('select 1 from practices where id = $1 and organisation_id = $2 and id = any($3::uuid[])', [
    practiceId,
    actor.organisationId,
    actor.practiceIds,
  ]);
  return rows.length > 0;
}
