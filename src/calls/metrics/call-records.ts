/**
 * One record per call, rebuilt from the call log (src/calls/events.ts): when it arrived, how it left
 * the queue, how long the caller waited, talked, and the agent wrapped up. Pure.
 *
 * Precondition: the events are those of whole calls (every event of each call id present), in log
 * order (`at`, then id). Durations are measured from the events' instants (ms), not the rounded
 * seconds of their data.
 */
import type { EventType } from '../events.ts';

/** The fields of a call_events row the metrics read (CallEventRow is one). */
export interface MetricEvent {
  at: Date | number;
  event: EventType;
  callId: string | null;
  practiceId: string | null;
  agentId: string | null;
  data?: unknown;
}

/**
 * How the call left the queue. Every queued call has exactly one: answered (CONNECT), abandoned
 * (ABANDON), overflowed (TIMEOUT or OVERFLOW), or is still waiting. Closed calls were never queued.
 */
export type Disposition = 'answered' | 'abandoned' | 'overflowed' | 'waiting' | 'closed';

export interface CallRecord {
  callId: string;
  practiceId: string;
  /** ENTER (or CLOSED for a call outside service hours), ms. */
  arrivedAt: number;
  urgent: boolean;
  disposition: Disposition;
  /** ENTER → CONNECT / ABANDON / TIMEOUT / OVERFLOW, ms; null while waiting and for closed calls. */
  waitMs: number | null;
  /** The agent who answered. */
  agentId: string | null;
  /** CONNECT → COMPLETE (hold included: the log has no hold events), ms; null until the call ends. */
  talkMs: number | null;
  /** COMPLETE → WRAPUP, ms; null until the wrap-up ends. */
  wrapUpMs: number | null;
  /** The agent's busy interval for this call: CONNECT → WRAPUP (end null while it goes on). */
  busyFrom: number | null;
  busyTo: number | null;
  voicemail: boolean;
  transferred: boolean;
  /** Each ring at an agent, and the rings left unanswered. */
  offers: { agentId: string; at: number }[];
  ringNoAnswers: { agentId: string; at: number }[];
}

export const ms = (at: Date | number): number => (typeof at === 'number' ? at : at.getTime());

/** The calls of a log, in arrival order; events without a call (agent events) are ignored. */
export function callRecords(events: readonly MetricEvent[]): CallRecord[] {
  const byCall = new Map<string, MetricEvent[]>();
  for (const e of events) {
    if (e.callId === null) continue;
    let list = byCall.get(e.callId);
    if (list === undefined) byCall.set(e.callId, (list = []));
    list.push(e);
  }
  const records: CallRecord[] = [];
  for (const [callId, list] of byCall) {
    const record = callRecord(callId, list);
    if (record !== null) records.push(record);
  }
  return records.sort((a, b) => a.arrivedAt - b.arrivedAt);
}

/** One call's record, or null when its arrival is not in the log given (a fragment). */
function callRecord(callId: string, list: readonly MetricEvent[]): CallRecord | null {
  let enter: number | null = null;
  let closed: number | null = null;
  let practiceId: string | null = null;
  let urgent = false;
  let training = false;
  let disposition: Disposition | null = null;
  let leftAt: number | null = null;
  let agentId: string | null = null;
  let connectAt: number | null = null;
  let completeAt: number | null = null;
  let wrapUpAt: number | null = null;
  let voicemail = false;
  let transferred = false;
  const offers: { agentId: string; at: number }[] = [];
  const ringNoAnswers: { agentId: string; at: number }[] = [];

  for (const e of list) {
    const at = ms(e.at);
    practiceId ??= e.practiceId;
    switch (e.event) {
      case 'ENTER':
        enter ??= at;
        if ((e.data as { urgent?: unknown } | undefined)?.urgent === true) urgent = true;
        if ((e.data as { training?: unknown } | undefined)?.training === true) training = true;
        break;
      case 'URGENT':
        urgent = true;
        break;
      case 'CLOSED':
        closed ??= at;
        break;
      case 'OFFER':
        if (e.agentId !== null) offers.push({ agentId: e.agentId, at });
        break;
      case 'RING_NO_ANSWER':
        if (e.agentId !== null) ringNoAnswers.push({ agentId: e.agentId, at });
        break;
      case 'CONNECT':
        if (disposition === null) {
          disposition = 'answered';
          leftAt = at;
          connectAt = at;
          agentId = e.agentId;
        }
        break;
      case 'ABANDON':
        if (disposition === null) {
          disposition = 'abandoned';
          leftAt = at;
        }
        break;
      case 'TIMEOUT':
      case 'OVERFLOW':
        if (disposition === null) {
          disposition = 'overflowed';
          leftAt = at;
        }
        break;
      case 'COMPLETE':
        completeAt ??= at;
        break;
      case 'TRANSFER':
        transferred = true;
        break;
      case 'WRAPUP':
        wrapUpAt ??= at;
        break;
      case 'VOICEMAIL':
        voicemail = true;
        break;
      default:
        break;
    }
  }
  // Training calls (a trainer's exercise) are never counted.
  if (practiceId === null || training) return null;
  if (enter === null) {
    if (closed === null) return null;
    return {
      callId,
      practiceId,
      arrivedAt: closed,
      urgent,
      disposition: 'closed',
      waitMs: null,
      agentId: null,
      talkMs: null,
      wrapUpMs: null,
      busyFrom: null,
      busyTo: null,
      voicemail,
      transferred,
      offers,
      ringNoAnswers,
    };
  }
  const talkMs = connectAt !== null && completeAt !== null ? completeAt - connectAt : null;
  const wrapUpMs = completeAt !== null && wrapUpAt !== null ? wrapUpAt - completeAt : null;
  return {
    callId,
    practiceId,
    arrivedAt: enter,
    urgent,
    disposition: disposition ?? 'waiting',
    waitMs: leftAt === null ? null : leftAt - enter,
    agentId,
    talkMs,
    wrapUpMs,
    busyFrom: connectAt,
    busyTo: connectAt === null ? null : wrapUpAt,
    voicemail,
    transferred,
    offers,
    ringNoAnswers,
  };
}
