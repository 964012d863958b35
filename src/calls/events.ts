/**
 * The call log (cahier d'appels): the event types of the append-only `call_events` table
 * (migrations/0007_calls.sql), in the spirit of Asterisk's queue_log, and the type of one row.
 *
 * Life of an answered call:      ENTER → (URGENT) → OFFER → CONNECT → COMPLETE → WRAPUP
 * an unanswered ring:            OFFER → RING_NO_ANSWER (agent paused: PAUSE reason ring_no_answer) → OFFER …
 * the caller hangs up waiting:   ENTER → … → ABANDON
 * overflow:                      ENTER → TIMEOUT (max wait) | OVERFLOW (queue full) → (VOICEMAIL)
 * outside service hours:         CLOSED → (VOICEMAIL)          (no ENTER: the call was never queued)
 * put through to a number:       … CONNECT → TRANSFER → COMPLETE → WRAPUP
 *
 * Every call that ENTERs the queue leaves it by exactly one of CONNECT, ABANDON, TIMEOUT, OVERFLOW.
 * Agent events (LOGIN, LOGOFF, PAUSE, UNPAUSE) have no call and no practice. Times are the `at` column.
 */

export const CALL_EVENT_TYPES = [
  'ENTER',
  'URGENT',
  'OFFER',
  'RING_NO_ANSWER',
  'CONNECT',
  'COMPLETE',
  'ABANDON',
  'TIMEOUT',
  'OVERFLOW',
  'VOICEMAIL',
  'CLOSED',
  'TRANSFER',
] as const;
export const AGENT_EVENT_TYPES = ['LOGIN', 'LOGOFF', 'PAUSE', 'UNPAUSE', 'WRAPUP'] as const;
export const EVENT_TYPES = [...CALL_EVENT_TYPES, ...AGENT_EVENT_TYPES] as const;

export type CallEventType = (typeof CALL_EVENT_TYPES)[number];
export type AgentEventType = (typeof AGENT_EVENT_TYPES)[number];
export type EventType = (typeof EVENT_TYPES)[number];

/** The agent's own choice (apart from what the system sets). */
export const AGENT_STATUSES = ['available', 'break', 'lunch', 'training', 'back_office', 'logged_out'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];
/** The paused statuses: logged in, not taking calls. */
export type PauseStatus = 'break' | 'lunch' | 'training' | 'back_office';
/** What the system sets. */
export const SYSTEM_STATES = ['idle', 'ringing', 'on_call', 'wrap_up'] as const;
export type SystemState = (typeof SYSTEM_STATES)[number];

/** The routing tier through which an agent was offered a call. */
export type Tier = 'dedicated' | 'trained' | 'pool';
export type OverflowTarget = 'voicemail' | 'callback';

/** The `data` column of each event type. Durations are whole seconds (rounded down) unless named Ms. */
export interface EventData {
  /** The call entered the practice's queue (the moment waiting starts). calls.enqueued_at = this `at`. */
  ENTER: { urgent: boolean };
  /** The caller flagged the call urgent through the voice menu (it jumps ahead of non-urgent calls). */
  URGENT: Record<string, never>;
  /** The call rang at an agent (agent_id). attempt counts from 1; waitSeconds since ENTER. */
  OFFER: { attempt: number; tier: Tier; waitSeconds: number };
  /** The agent did not answer within the ring timeout; the call went back to its place in the queue. */
  RING_NO_ANSWER: { attempt: number; ringSeconds: number };
  /** The agent answered. waitSeconds = ENTER → CONNECT (speed of answer); ringSeconds = OFFER → CONNECT. */
  CONNECT: { attempt: number; waitSeconds: number; ringSeconds: number };
  /** The conversation ended (talk time = CONNECT → COMPLETE). by: who hung up. */
  COMPLETE: { by: 'agent' | 'caller' | 'transfer'; talkSeconds: number };
  /** The caller hung up before being answered. waitSeconds since ENTER; phase: waiting or while ringing. */
  ABANDON: { waitSeconds: number; phase: 'queued' | 'ringing' };
  /** The call left the queue after the practice's maximum wait; target: where it went. */
  TIMEOUT: { waitSeconds: number; target: OverflowTarget };
  /** The call left the queue because too many calls were waiting (queueLength counts this one). */
  OVERFLOW: { waitSeconds: number; queueLength: number; target: OverflowTarget };
  /** The caller left a voice message (after CLOSED, TIMEOUT or OVERFLOW). recording: the carrier's reference. */
  VOICEMAIL: { durationSeconds: number; recording: string | null };
  /** A call outside service hours: the closed-line announcement (15 for emergencies) played. */
  CLOSED: { reason: 'hours' | 'holiday'; voicemail: boolean };
  /** The agent put the caller through to a number (practitioner, on-call doctor, the 15…). */
  TRANSFER: { toNumber: string };
  /** The agent logged in (status left logged_out). */
  LOGIN: { status: AgentStatus };
  /** The agent logged out. */
  LOGOFF: Record<string, never>;
  /** The agent paused (status break/lunch/training/back_office); reason 'ring_no_answer' when the system did it. */
  PAUSE: { status: PauseStatus; reason: 'ring_no_answer' | null };
  /** The agent became available again after a pause. */
  UNPAUSE: { from: PauseStatus };
  /** The agent's wrap-up after a call ended (wrap-up time = COMPLETE → WRAPUP). by: the agent, or the timer. */
  WRAPUP: { wrapUpSeconds: number; by: 'agent' | 'timer' };
}

/** One row of `call_events`. */
export type CallEventRow = {
  [E in EventType]: {
    /** bigint identity: increasing in commit-free insertion order within one database. */
    id: number;
    at: Date;
    organisationId: string;
    /** null for LOGIN, LOGOFF, PAUSE, UNPAUSE. */
    practiceId: E extends CallEventType | 'WRAPUP' ? string : null;
    /** null for LOGIN, LOGOFF, PAUSE, UNPAUSE. */
    callId: E extends CallEventType | 'WRAPUP' ? string : null;
    /** The agent concerned; null for ENTER, URGENT, ABANDON (while queued), TIMEOUT, OVERFLOW, VOICEMAIL, CLOSED. */
    agentId: string | null;
    event: E;
    data: EventData[E];
  };
}[EventType];

/** The SQL to read rows of `call_events` as CallEventRow (append a where/order clause). */
export const CALL_EVENT_SELECT = `select id, at, organisation_id as "organisationId", practice_id as "practiceId",
  call_id as "callId", agent_id as "agentId", event, data from call_events`;

/** Call statuses (calls.status). The terminal ones are the call's disposition. */
export const CALL_STATUSES = ['queued', 'ringing', 'connected', 'wrap_up', 'completed', 'abandoned', 'overflowed', 'voicemail', 'closed'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];
export const TERMINAL_CALL_STATUSES: readonly CallStatus[] = ['completed', 'abandoned', 'overflowed', 'voicemail', 'closed'];

/** Outcomes (calls.outcome): what the call was about, given by the agent or set by the system. */
export const CALL_OUTCOMES = [
  'booked',
  'moved',
  'cancelled',
  'message',
  'information',
  'put_through',
  'sent_to_15',
  'abandoned',
  'voicemail',
  'callback',
  'closed',
  'other',
] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];
