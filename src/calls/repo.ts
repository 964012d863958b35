/** SQL of the calls capability: calls, queue settings and the call log (agents' states in agents-repo.ts). No rules here. */
import type { Queryable } from '../core/db/types.ts';
import type { Region } from '../core/time/regions.ts';
import type { CallOutcome, CallStatus, EventData, EventType, OverflowTarget } from './events.ts';

export interface CallRow {
  id: string;
  organisation_id: string;
  practice_id: string;
  provider: string;
  provider_call_id: string;
  called_number: string;
  caller_number: string | null;
  urgent: boolean;
  status: CallStatus;
  enqueued_at: Date | null;
  attempts: number;
  agent_id: string | null;
  offered_at: Date | null;
  answered_at: Date | null;
  ended_at: Date | null;
  wrap_up_until: Date | null;
  overflow_target: OverflowTarget | null;
  outcome: CallOutcome | null;
  outcome_note: string | null;
  outcome_at: Date | null;
  outcome_by: string | null;
  patient_id: string | null;
  appointment_id: string | null;
  message_id: string | null;
  created_at: Date;
}

const CALL_COLUMNS = `id, organisation_id, practice_id, provider, provider_call_id, called_number, caller_number, urgent, status,
  enqueued_at, attempts, agent_id, offered_at, answered_at, ended_at, wrap_up_until, overflow_target, outcome, outcome_note,
  outcome_at, outcome_by, patient_id, appointment_id, message_id, created_at`;

export interface QueueConfigRow {
  dedicated_after_seconds: number;
  trained_after_seconds: number;
  pool_after_seconds: number;
  max_wait_seconds: number;
  max_queue_length: number;
  overflow_target: OverflowTarget;
  wrap_up_seconds: number;
  ring_timeout_seconds: number;
  voicemail_when_closed: boolean;
  open_on_public_holidays: boolean;
}

/** The defaults of the table's columns, for practices that have no row. */
export const DEFAULT_QUEUE_CONFIG_ROW: QueueConfigRow = {
  dedicated_after_seconds: 0,
  trained_after_seconds: 15,
  pool_after_seconds: 45,
  max_wait_seconds: 180,
  max_queue_length: 10,
  overflow_target: 'voicemail',
  wrap_up_seconds: 30,
  ring_timeout_seconds: 15,
  voicemail_when_closed: true,
  open_on_public_holidays: false,
};

const CONFIG_COLUMNS = `dedicated_after_seconds, trained_after_seconds, pool_after_seconds, max_wait_seconds, max_queue_length,
  overflow_target, wrap_up_seconds, ring_timeout_seconds, voicemail_when_closed, open_on_public_holidays`;

export interface LinePracticeRow extends QueueConfigRow {
  practice_id: string;
  organisation_id: string;
  name: string;
  region: Region;
  time_zone: string;
  service_hours: Record<string, unknown> | null;
}

/** The practice a forwarded number belongs to, with its queue settings (defaults when none). */
export async function practiceOfNumber(db: Queryable, e164: string): Promise<LinePracticeRow | undefined> {
  const { rows } = await db.query<LinePracticeRow>(
    `select p.id as practice_id, p.organisation_id, p.name, p.region, p.time_zone, p.service_hours,
            ${CONFIG_COLUMNS.split(',')
              .map((c) => `q.${c.trim()}`)
              .join(', ')}
       from practice_numbers n join practices p on p.id = n.practice_id
       left join call_queue_configs q on q.practice_id = p.id
      where n.e164 = $1`,
    [e164],
  );
  const row = rows[0];
  if (!row) return undefined;
  return withDefaults(row);
}

function withDefaults<T extends Partial<QueueConfigRow>>(row: T): T & QueueConfigRow {
  const out = { ...row } as T & QueueConfigRow;
  for (const [k, v] of Object.entries(DEFAULT_QUEUE_CONFIG_ROW)) {
    const key = k as keyof QueueConfigRow;
    if (out[key] === null || out[key] === undefined) (out as unknown as Record<string, unknown>)[key] = v;
  }
  return out;
}

export async function queueConfigs(db: Queryable, practiceIds: readonly string[]): Promise<Map<string, QueueConfigRow>> {
  const { rows } = await db.query<QueueConfigRow & { practice_id: string }>(
    `select practice_id, ${CONFIG_COLUMNS} from call_queue_configs where practice_id = any($1::uuid[])`,
    [practiceIds],
  );
  const map = new Map<string, QueueConfigRow>();
  for (const id of practiceIds) map.set(id, DEFAULT_QUEUE_CONFIG_ROW);
  for (const r of rows) map.set(r.practice_id, r);
  return map;
}

export async function upsertQueueConfig(db: Queryable, practiceId: string, organisationId: string, v: QueueConfigRow, at: Date): Promise<QueueConfigRow> {
  const { rows } = await db.query<QueueConfigRow>(
    `insert into call_queue_configs (practice_id, organisation_id, ${CONFIG_COLUMNS}, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     on conflict (practice_id) do update set
       dedicated_after_seconds = excluded.dedicated_after_seconds, trained_after_seconds = excluded.trained_after_seconds,
       pool_after_seconds = excluded.pool_after_seconds, max_wait_seconds = excluded.max_wait_seconds,
       max_queue_length = excluded.max_queue_length, overflow_target = excluded.overflow_target,
       wrap_up_seconds = excluded.wrap_up_seconds, ring_timeout_seconds = excluded.ring_timeout_seconds,
       voicemail_when_closed = excluded.voicemail_when_closed, open_on_public_holidays = excluded.open_on_public_holidays,
       updated_at = excluded.updated_at
     returning ${CONFIG_COLUMNS}`,
    [
      practiceId,
      organisationId,
      v.dedicated_after_seconds,
      v.trained_after_seconds,
      v.pool_after_seconds,
      v.max_wait_seconds,
      v.max_queue_length,
      v.overflow_target,
      v.wrap_up_seconds,
      v.ring_timeout_seconds,
      v.voicemail_when_closed,
      v.open_on_public_holidays,
      at,
    ],
  );
  return rows[0]!;
}

// ---- calls ----

export interface NewCall {
  organisationId: string;
  practiceId: string;
  provider: string;
  providerCallId: string;
  calledNumber: string;
  callerNumber: string | null;
  status: 'queued' | 'closed';
  at: Date;
}

/** Inserts a call; undefined when the carrier already reported it (a retried webhook). */
export async function insertCall(db: Queryable, c: NewCall): Promise<CallRow | undefined> {
  const { rows } = await db.query<CallRow>(
    `insert into calls (organisation_id, practice_id, provider, provider_call_id, called_number, caller_number, status,
                        enqueued_at, outcome, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, case when $7 = 'queued' then $8::timestamptz end,
             case when $7 = 'closed' then 'closed' end, $8, $8)
     on conflict (provider, provider_call_id) do nothing
     returning ${CALL_COLUMNS}`,
    [c.organisationId, c.practiceId, c.provider, c.providerCallId, c.calledNumber, c.callerNumber, c.status, c.at],
  );
  return rows[0];
}

export async function callByProviderId(db: Queryable, provider: string, providerCallId: string, lock = false): Promise<CallRow | undefined> {
  const { rows } = await db.query<CallRow>(`select ${CALL_COLUMNS} from calls where provider = $1 and provider_call_id = $2${lock ? ' for update' : ''}`, [
    provider,
    providerCallId,
  ]);
  return rows[0];
}

export async function callById(db: Queryable, id: string, lock = false): Promise<CallRow | undefined> {
  const { rows } = await db.query<CallRow>(`select ${CALL_COLUMNS} from calls where id = $1${lock ? ' for update' : ''}`, [id]);
  return rows[0];
}

/** Applies `set` (SQL assignments with $2.. params) to a call whose status is one of `from`; the row, or undefined. */
export async function updateCall(
  db: Queryable,
  id: string,
  from: readonly CallStatus[],
  set: Partial<{
    status: CallStatus;
    urgent: boolean;
    agent_id: string | null;
    offered_at: Date | null;
    answered_at: Date;
    ended_at: Date;
    wrap_up_until: Date | null;
    overflow_target: OverflowTarget;
    outcome: CallOutcome | null;
    attempts: number;
  }>,
  at: Date,
): Promise<CallRow | undefined> {
  const entries = Object.entries(set);
  const assignments = entries.map(([k], i) => `${k} = $${i + 4}`);
  const { rows } = await db.query<CallRow>(
    `update calls set ${[...assignments, 'updated_at = $3'].join(', ')}
      where id = $1 and status = any($2::text[]) returning ${CALL_COLUMNS}`,
    [id, from, at, ...entries.map(([, v]) => v)],
  );
  return rows[0];
}

export interface WaitingCallRow {
  id: string;
  practice_id: string;
  enqueued_at: Date;
  urgent: boolean;
  attempts: number;
}

/** The organisation's waiting calls, locked; calls another transaction holds are left for the next round. */
export async function lockWaitingCalls(db: Queryable, organisationId: string): Promise<WaitingCallRow[]> {
  const { rows } = await db.query<WaitingCallRow>(
    `select id, practice_id, enqueued_at, urgent, attempts from calls
      where organisation_id = $1 and status = 'queued' for update skip locked`,
    [organisationId],
  );
  return rows;
}

/** Whether the organisation has a waiting call (no lock: a call queued after this read dispatches itself once committed). */
export async function hasWaitingCalls(db: Queryable, organisationId: string): Promise<boolean> {
  const { rows } = await db.query<{ waiting: boolean }>(`select exists (select 1 from calls where organisation_id = $1 and status = 'queued') as waiting`, [
    organisationId,
  ]);
  return rows[0]!.waiting;
}

/** Serialises the dispatch runs of one organisation until the transaction ends (across instances). */
export async function lockOrganisationDispatch(tx: Queryable, organisationId: string): Promise<void> {
  await tx.query(`select pg_advisory_xact_lock(hashtextextended('relais.calls.dispatch:' || $1::text, 0))`, [organisationId]);
}

/** Rings whose timeout has passed (per practice setting), locked. */
export async function lockExpiredRings(db: Queryable, organisationId: string, now: Date): Promise<CallRow[]> {
  const { rows } = await db.query<CallRow>(
    `select ${CALL_COLUMNS.split(',')
      .map((c) => `c.${c.trim()}`)
      .join(', ')}
       from calls c left join call_queue_configs q on q.practice_id = c.practice_id
      where c.organisation_id = $1 and c.status = 'ringing'
        and c.offered_at + make_interval(secs => coalesce(q.ring_timeout_seconds, $3)) <= $2
      for update of c skip locked`,
    [organisationId, now, DEFAULT_QUEUE_CONFIG_ROW.ring_timeout_seconds],
  );
  return rows;
}

export async function lockEndedWrapUps(db: Queryable, organisationId: string, now: Date): Promise<CallRow[]> {
  const { rows } = await db.query<CallRow>(
    `select ${CALL_COLUMNS} from calls
      where organisation_id = $1 and status = 'wrap_up' and wrap_up_until <= $2 for update skip locked`,
    [organisationId, now],
  );
  return rows;
}

/** Organisations with calls the dispatcher must look at (waiting, ringing, wrapping up). */
export async function organisationsWithLiveCalls(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ organisation_id: string }>(`select distinct organisation_id from calls where status in ('queued', 'ringing', 'wrap_up')`);
  return rows.map((r) => r.organisation_id);
}

export async function setOutcome(
  db: Queryable,
  id: string,
  v: { outcome: CallOutcome; note: string | null; patientId: string | null; appointmentId: string | null; messageId: string | null; by: string; at: Date },
): Promise<CallRow> {
  const { rows } = await db.query<CallRow>(
    `update calls set outcome = $2, outcome_note = $3, patient_id = $4, appointment_id = $5, message_id = $6,
                      outcome_by = $7, outcome_at = $8, updated_at = $8
      where id = $1 returning ${CALL_COLUMNS}`,
    [id, v.outcome, v.note, v.patientId, v.appointmentId, v.messageId, v.by, v.at],
  );
  return rows[0]!;
}

export * from './agents-repo.ts';

// ---- queues ----

export interface QueueStateRow {
  practice_id: string;
  waiting: number;
  urgent_waiting: number;
  oldest_enqueued_at: Date | null;
  ringing: number;
  connected: number;
}

export async function queueStates(db: Queryable, practiceIds: readonly string[]): Promise<QueueStateRow[]> {
  const { rows } = await db.query<QueueStateRow>(
    `select p.id as practice_id,
            count(c.id) filter (where c.status = 'queued')::int as waiting,
            count(c.id) filter (where c.status = 'queued' and c.urgent)::int as urgent_waiting,
            min(c.enqueued_at) filter (where c.status = 'queued') as oldest_enqueued_at,
            count(c.id) filter (where c.status = 'ringing')::int as ringing,
            count(c.id) filter (where c.status = 'connected')::int as connected
       from practices p left join calls c on c.practice_id = p.id and c.status in ('queued', 'ringing', 'connected')
      where p.id = any($1::uuid[])
      group by p.id order by p.id`,
    [practiceIds],
  );
  return rows;
}

// ---- the call log ----

export interface NewEvent<E extends EventType = EventType> {
  organisationId: string;
  practiceId: string | null;
  callId: string | null;
  agentId: string | null;
  event: E;
  data: EventData[E];
  at: Date;
}

export async function appendEvents(db: Queryable, events: readonly NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db.query(
    `insert into call_events (at, organisation_id, practice_id, call_id, agent_id, event, data)
     select * from unnest($1::timestamptz[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::jsonb[])`,
    [
      events.map((e) => e.at),
      events.map((e) => e.organisationId),
      events.map((e) => e.practiceId),
      events.map((e) => e.callId),
      events.map((e) => e.agentId),
      events.map((e) => e.event),
      events.map((e) => JSON.stringify(e.data)),
    ],
  );
}

/** Whether a call already has an event of this type (idempotent webhooks). */
export async function callHasEvent(db: Queryable, callId: string, event: EventType): Promise<boolean> {
  const { rows } = await db.query('select 1 from call_events where call_id = $1 and event = $2 limit 1', [callId, event]);
  return rows.length > 0;
}

// ---- the call log, searched ----

export interface CallLogRow extends CallRow {
  agent_name: string | null;
  patient_name: string | null;
}

export interface CallSearch {
  practiceIds: readonly string[];
  from: Date | null;
  to: Date | null;
  /** Caller number digits, or patient name words (already a search key). */
  digits: string | null;
  nameKey: string | null;
  limit: number;
  offset: number;
}

export async function searchCalls(db: Queryable, s: CallSearch): Promise<CallLogRow[]> {
  const { rows } = await db.query<CallLogRow>(
    `select ${CALL_COLUMNS.split(',')
      .map((c) => `c.${c.trim()}`)
      .join(', ')},
            u.display_name as agent_name,
            case when pt.id is null then null
                 else concat_ws(' ', coalesce(pt.usual_name, pt.birth_name), pt.first_given_name) end as patient_name
       from calls c
       left join users u on u.id = c.agent_id
       left join patients pt on pt.id = c.patient_id and pt.practice_id = c.practice_id
      where c.practice_id = any($1::uuid[])
        and ($2::timestamptz is null or c.created_at >= $2)
        and ($3::timestamptz is null or c.created_at < $3)
        and ($4::text is null or regexp_replace(coalesce(c.caller_number, ''), '[^0-9]', '', 'g') like '%' || $4 || '%')
        and ($5::text is null or pt.search_name like '%' || $5 || '%')
      order by c.created_at desc, c.id
      limit $6 offset $7`,
    [s.practiceIds, s.from, s.to, s.digits, s.nameKey, s.limit, s.offset],
  );
  return rows;
}

export interface OfferRow {
  id: string;
  practice_id: string;
  called_number: string;
  caller_number: string | null;
  urgent: boolean;
  status: CallStatus;
  agent_id: string | null;
  offered_at: Date | null;
  ring_timeout_seconds: number;
}

/** What the screen-pop shows of a call offered to an agent. */
export async function offerOf(db: Queryable, callId: string): Promise<OfferRow | undefined> {
  const { rows } = await db.query<OfferRow>(
    `select c.id, c.practice_id, c.called_number, c.caller_number, c.urgent, c.status, c.agent_id, c.offered_at,
            coalesce(q.ring_timeout_seconds, $2) as ring_timeout_seconds
       from calls c left join call_queue_configs q on q.practice_id = c.practice_id
      where c.id = $1`,
    [callId, DEFAULT_QUEUE_CONFIG_ROW.ring_timeout_seconds],
  );
  return rows[0];
}
