/**
 * The agent's hands on a call (answer, hang up, put through, end the wrap-up), the outcome of a call
 * (with its links to a patient, an appointment, a message), and the call log, searched per practice.
 * A call is visible to whoever has its practice in scope, and to the agent it was offered to (an agent
 * of the pool may take a practice's call without being assigned to the practice).
 */
import type { RequestContext } from '../core/auth/actor.ts';
import { audit } from '../core/audit.ts';
import type { Queryable } from '../core/db/types.ts';
import { AppError } from '../core/errors/catalogue.ts';
import { searchKey } from '../core/text.ts';
import { isAppointmentOfPractice } from '../agenda/appointment-list-service.ts';
import { patientPractice } from '../patients/service.ts';
import { finishWrapUp, requeueAfterRing } from './dispatcher-service.ts';
import type { CallOutcome, EventData } from './events.ts';
import { endCall } from './intake-service.ts';
import * as repo from './repo.ts';
import { commit, seconds, type CallsRuntime } from './runtime.ts';

export interface CallView {
  id: string;
  practiceId: string;
  status: repo.CallRow['status'];
  urgent: boolean;
  calledNumber: string;
  callerNumber: string | null;
  agentId: string | null;
  receivedAt: string;
  enqueuedAt: string | null;
  offeredAt: string | null;
  answeredAt: string | null;
  endedAt: string | null;
  wrapUpUntil: string | null;
  attempts: number;
  overflowTarget: 'voicemail' | 'callback' | null;
  outcome: CallOutcome | null;
  outcomeNote: string | null;
  outcomeAt: string | null;
  patientId: string | null;
  appointmentId: string | null;
  messageId: string | null;
}

export interface CallLogItem extends CallView {
  agentName: string | null;
  patientName: string | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toCallView(c: repo.CallRow): CallView {
  return {
    id: c.id,
    practiceId: c.practice_id,
    status: c.status,
    urgent: c.urgent,
    calledNumber: c.called_number,
    callerNumber: c.caller_number,
    agentId: c.agent_id,
    receivedAt: c.created_at.toISOString(),
    enqueuedAt: iso(c.enqueued_at),
    offeredAt: iso(c.offered_at),
    answeredAt: iso(c.answered_at),
    endedAt: iso(c.ended_at),
    wrapUpUntil: iso(c.wrap_up_until),
    attempts: c.attempts,
    overflowTarget: c.overflow_target,
    outcome: c.outcome,
    outcomeNote: c.outcome_note,
    outcomeAt: iso(c.outcome_at),
    patientId: c.patient_id,
    appointmentId: c.appointment_id,
    messageId: c.message_id,
  };
}

function visible(ctx: RequestContext, call: repo.CallRow | undefined): call is repo.CallRow {
  return (
    call !== undefined &&
    call.organisation_id === ctx.actor.organisationId &&
    (ctx.actor.practiceIds.includes(call.practice_id) || call.agent_id === ctx.actor.userId)
  );
}

/** The call, locked, when the actor may see it; 404 otherwise (out of scope answers like nonexistent). */
async function lockVisibleCall(tx: Queryable, ctx: RequestContext, id: string): Promise<repo.CallRow> {
  const call = await repo.callById(tx, id, true);
  if (!visible(ctx, call)) throw new AppError('not_found');
  return call;
}

function mustHold(ctx: RequestContext, call: repo.CallRow, statuses: readonly repo.CallRow['status'][]): void {
  if (call.agent_id !== ctx.actor.userId || !statuses.includes(call.status)) {
    throw new AppError('call_state_changed', { details: { status: call.status } });
  }
}

const refOf = (c: repo.CallRow) => ({ callId: c.id, provider: c.provider, providerCallId: c.provider_call_id, practiceId: c.practice_id });

export async function answerCall(rt: CallsRuntime, ctx: RequestContext, id: string): Promise<CallView> {
  return commit(rt, async (tx, fx) => {
    const call = await lockVisibleCall(tx, ctx, id);
    mustHold(ctx, call, ['ringing']);
    const now = rt.clock.now();
    const done = (await repo.updateCall(tx, id, ['ringing'], { status: 'connected', answered_at: now }, now))!;
    await repo.updateAgentState(tx, ctx.actor.userId, { system_state: 'on_call', system_since: now }, { callId: id }, now);
    await repo.appendEvents(tx, [
      {
        organisationId: call.organisation_id,
        practiceId: call.practice_id,
        callId: id,
        agentId: ctx.actor.userId,
        at: now,
        event: 'CONNECT',
        data: {
          attempt: call.attempts,
          waitSeconds: seconds(call.enqueued_at, now),
          ringSeconds: seconds(call.offered_at, now),
        } satisfies EventData['CONNECT'],
      },
    ]);
    fx.signal({ t: 'call', org: call.organisation_id, callId: id, agentId: ctx.actor.userId, status: 'connected' });
    fx.signal({ t: 'agent', org: call.organisation_id, agentId: ctx.actor.userId });
    fx.signal({ t: 'queue', org: call.organisation_id, practiceId: call.practice_id });
    const commands = rt.commandsFor(call.provider);
    fx.command(() => commands.connect(refOf(call), ctx.actor.userId));
    return toCallView(done);
  });
}

/**
 * The agent hangs up: a connected call ends (the agent wraps up); a ringing call is declined, which
 * counts as an unanswered ring (the call goes back to its place, the agent is paused).
 */
export async function hangUpCall(rt: CallsRuntime, ctx: RequestContext, id: string): Promise<CallView> {
  return commit(rt, async (tx, fx) => {
    const call = await lockVisibleCall(tx, ctx, id);
    mustHold(ctx, call, ['ringing', 'connected']);
    const now = rt.clock.now();
    if (call.status === 'ringing') {
      await requeueAfterRing(tx, fx, call, ctx.actor.userId, now, 'declined');
      return toCallView((await repo.callById(tx, id))!);
    }
    const done = await endCall(tx, fx, call, now, 'agent');
    const commands = rt.commandsFor(call.provider);
    fx.command(() => commands.hangUp(refOf(call)));
    return toCallView(done);
  });
}

export async function transferCall(rt: CallsRuntime, ctx: RequestContext, id: string, toNumber: string): Promise<CallView> {
  return commit(rt, async (tx, fx) => {
    const call = await lockVisibleCall(tx, ctx, id);
    mustHold(ctx, call, ['connected']);
    const now = rt.clock.now();
    await repo.appendEvents(tx, [
      {
        organisationId: call.organisation_id,
        practiceId: call.practice_id,
        callId: id,
        agentId: ctx.actor.userId,
        at: now,
        event: 'TRANSFER',
        data: { toNumber } satisfies EventData['TRANSFER'],
      },
    ]);
    const done = await endCall(tx, fx, call, now, 'transfer');
    const commands = rt.commandsFor(call.provider);
    fx.command(() => commands.transfer(refOf(call), toNumber));
    return toCallView(done);
  });
}

export async function wrapUpDone(rt: CallsRuntime, ctx: RequestContext, id: string): Promise<CallView> {
  return commit(rt, async (tx, fx) => {
    const call = await lockVisibleCall(tx, ctx, id);
    mustHold(ctx, call, ['wrap_up']);
    const done = (await finishWrapUp(tx, fx, call, rt.clock.now(), 'agent'))!;
    return toCallView(done);
  });
}

export interface OutcomeInput {
  outcome: CallOutcome;
  note?: string | null;
  patientId?: string | null;
  appointmentId?: string | null;
  messageId?: string | null;
}

const OUTCOME_ROLES = new Set(['admin', 'supervisor', 'agent']);

export async function setCallOutcome(rt: CallsRuntime, ctx: RequestContext, id: string, input: OutcomeInput): Promise<CallView> {
  if (!OUTCOME_ROLES.has(ctx.actor.role)) throw new AppError('forbidden');
  const result = await commit(rt, async (tx) => {
    const call = await lockVisibleCall(tx, ctx, id);
    const patientId = input.patientId ?? null;
    if (patientId) {
      const owner = await patientPractice(tx, patientId);
      if (!owner || owner !== call.practice_id) {
        // Another practice's patient answers like a nonexistent one; the attempt is traced all the same.
        await audit(tx, ctx, {
          action: 'call.outcome',
          outcome: owner ? 'denied' : 'not_found',
          practiceId: call.practice_id,
          patientId,
          detail: { callId: id },
        });
        return new AppError('not_found', { field: 'patientId' });
      }
    }
    const appointmentId = input.appointmentId ?? null;
    if (appointmentId) {
      if (!(await isAppointmentOfPractice(tx, { appointmentId, practiceId: call.practice_id }))) return new AppError('not_found', { field: 'appointmentId' });
    }
    const done = await repo.setOutcome(tx, id, {
      outcome: input.outcome,
      note: input.note ?? null,
      patientId,
      appointmentId,
      messageId: input.messageId ?? null,
      by: ctx.actor.userId,
      at: rt.clock.now(),
    });
    if (patientId) {
      await audit(tx, ctx, { action: 'call.outcome', outcome: 'ok', practiceId: call.practice_id, patientId, detail: { callId: id, outcome: input.outcome } });
    }
    return toCallView(done);
  });
  if (result instanceof AppError) throw result;
  return result;
}

export async function getCall(rt: CallsRuntime, ctx: RequestContext, id: string): Promise<CallView> {
  return rt.db.transaction(async (tx) => {
    const call = await repo.callById(tx, id);
    if (!visible(ctx, call)) throw new AppError('not_found');
    if (call.patient_id) {
      await audit(tx, ctx, { action: 'call.read', outcome: 'ok', practiceId: call.practice_id, patientId: call.patient_id, detail: { callId: id } });
    }
    return toCallView(call);
  });
}

export interface CallSearchInput {
  practiceId?: string;
  from?: string;
  to?: string;
  q?: string;
  limit: number;
  offset: number;
}

/** The call log, newest first, of one practice in scope or of all of them. q: caller's number or patient's name. */
export async function searchCallLog(rt: CallsRuntime, ctx: RequestContext, input: CallSearchInput): Promise<{ items: CallLogItem[]; hasMore: boolean }> {
  let practiceIds = ctx.actor.practiceIds;
  if (input.practiceId) {
    if (!practiceIds.includes(input.practiceId)) throw new AppError('not_found', { field: 'practiceId' });
    practiceIds = [input.practiceId];
  }
  const q = (input.q ?? '').trim();
  const digitsOnly = /^[+\d\s().-]+$/.test(q) ? q.replace(/\D/g, '').replace(/^0+/, '') : '';
  const byDigits = digitsOnly.length >= 2 ? digitsOnly : null;
  const nameKey = q && !byDigits ? searchKey(q) || null : null;
  return rt.db.transaction(async (tx) => {
    const rows = await repo.searchCalls(tx, {
      practiceIds,
      from: input.from ? new Date(input.from) : null,
      to: input.to ? new Date(input.to) : null,
      digits: byDigits,
      nameKey,
      limit: input.limit + 1,
      offset: input.offset,
    });
    const hasMore = rows.length > input.limit;
    const page = rows.slice(0, input.limit);
    const patientIds = [...new Set(page.map((r) => r.patient_id).filter((p): p is string => p !== null))];
    // Searching by a patient's name reads patient data even when nothing matches.
    if (patientIds.length || nameKey) {
      await audit(tx, ctx, {
        action: 'call.search',
        outcome: 'ok',
        practiceId: input.practiceId ?? null,
        detail: { q, patientIds, from: input.from ?? null, to: input.to ?? null },
      });
    }
    return { items: page.map((r) => ({ ...toCallView(r), agentName: r.agent_name, patientName: r.patient_name })), hasMore };
  });
}
