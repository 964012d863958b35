/**
 * What Relais does with the carrier's events about the caller's leg: a call comes in (closed line or
 * queue), the caller presses 1 (urgent), waits, leaves a message, hangs up. Each event is one
 * transaction; each answer is the script the caller's line runs next. Replayed webhooks change nothing.
 */
import type { Queryable } from '../core/db/types.ts';
import type { Region } from '../core/time/regions.ts';
import { normaliseServiceHours } from '../practices/service-hours.ts';
import type { EventData } from './events.ts';
import * as repo from './repo.ts';
import { lineState } from './routing/line-state.ts';
import { commit, seconds, type CallsRuntime, type Effects } from './runtime.ts';
import { ANNOUNCEMENTS, VOICEMAIL_MAX_SECONDS, type CallScript, type TelephonyEvent } from './telephony/port.ts';

const MENU_TIMEOUT_SECONDS = 4;
const HOLD_PAUSE_SECONDS = 8;

type Ev<K extends TelephonyEvent['kind']> = Extract<TelephonyEvent, { kind: K }>;

/** The script of a caller who is (or should be) waiting in the queue. */
function queueScript(call: repo.CallRow): CallScript {
  return [{ do: 'enqueue', queue: call.practice_id }];
}

function voicemailScript(intro: string | null): CallScript {
  return [
    ...(intro ? [{ do: 'say' as const, text: intro }] : []),
    { do: 'say', text: ANNOUNCEMENTS.leaveMessage },
    { do: 'voicemail', maxSeconds: VOICEMAIL_MAX_SECONDS },
  ];
}

/** Where a call whose caller is not (or no longer) waiting goes next, from its status. */
function scriptAfterQueue(call: repo.CallRow): CallScript {
  switch (call.status) {
    case 'queued':
    case 'ringing':
      return queueScript(call);
    case 'connected':
      return [{ do: 'connect_agent', agentId: call.agent_id! }];
    case 'overflowed':
      return call.overflow_target === 'callback'
        ? [{ do: 'say', text: ANNOUNCEMENTS.callback }, { do: 'hangup' }]
        : voicemailScript(ANNOUNCEMENTS.overflowVoicemail);
    default:
      return [{ do: 'say', text: ANNOUNCEMENTS.goodbye }, { do: 'hangup' }];
  }
}

/** ignoreServiceHours: a call simulated for training or a demo rings whatever the hour. */
export async function callIncoming(
  rt: CallsRuntime,
  provider: string,
  ev: Ev<'incoming'>,
  options: { ignoreServiceHours?: boolean } = {},
): Promise<CallScript> {
  return commit(rt, async (tx, fx) => {
    const line = await repo.practiceOfNumber(tx, ev.calledNumber);
    if (!line) return [{ do: 'say', text: ANNOUNCEMENTS.unknownNumber }, { do: 'hangup' }];
    const now = rt.clock.now();
    const state = options.ignoreServiceHours
      ? ({ open: true } as const)
      : lineState(
          {
            serviceHours: normaliseServiceHours(line.service_hours),
            timeZone: line.time_zone,
            region: line.region as Region,
            openOnPublicHolidays: line.open_on_public_holidays,
          },
          now.getTime(),
        );
    const call = await repo.insertCall(tx, {
      organisationId: line.organisation_id,
      practiceId: line.practice_id,
      provider,
      providerCallId: ev.providerCallId,
      calledNumber: ev.calledNumber,
      callerNumber: ev.callerNumber,
      status: state.open ? 'queued' : 'closed',
      at: now,
    });
    if (!call) {
      // The carrier retried: answer as the call stands.
      const existing = (await repo.callByProviderId(tx, provider, ev.providerCallId))!;
      return existing.status === 'closed' ? closedScript(line.name, line.voicemail_when_closed) : scriptAfterQueue(existing);
    }
    if (!state.open) {
      await repo.appendEvents(tx, [
        {
          organisationId: call.organisation_id,
          practiceId: call.practice_id,
          callId: call.id,
          agentId: null,
          at: now,
          event: 'CLOSED',
          data: { reason: state.reason, voicemail: line.voicemail_when_closed } satisfies EventData['CLOSED'],
        },
      ]);
      return closedScript(line.name, line.voicemail_when_closed);
    }
    await repo.appendEvents(tx, [
      { organisationId: call.organisation_id, practiceId: call.practice_id, callId: call.id, agentId: null, at: now, event: 'ENTER', data: { urgent: false } },
    ]);
    fx.signal({ t: 'queue', org: call.organisation_id, practiceId: call.practice_id });
    fx.redispatch(call.organisation_id);
    return [{ do: 'menu', prompt: ANNOUNCEMENTS.welcome(line.name), timeoutSeconds: MENU_TIMEOUT_SECONDS }, ...queueScript(call)];
  });
}

function closedScript(practiceName: string, voicemail: boolean): CallScript {
  return voicemail ? voicemailScript(ANNOUNCEMENTS.closed(practiceName)) : [{ do: 'say', text: ANNOUNCEMENTS.closed(practiceName) }, { do: 'hangup' }];
}

/** The voice menu: 1 flags the call urgent (it goes ahead of the others). */
export async function callMenu(rt: CallsRuntime, provider: string, ev: Ev<'menu'>): Promise<CallScript> {
  return commit(rt, async (tx, fx) => {
    const call = await repo.callByProviderId(tx, provider, ev.providerCallId, true);
    if (!call) return [{ do: 'hangup' }];
    if (ev.digits.startsWith('1') && !call.urgent && (call.status === 'queued' || call.status === 'ringing')) {
      const now = rt.clock.now();
      await repo.updateCall(tx, call.id, ['queued', 'ringing'], { urgent: true }, now);
      await repo.appendEvents(tx, [
        { organisationId: call.organisation_id, practiceId: call.practice_id, callId: call.id, agentId: call.agent_id, at: now, event: 'URGENT', data: {} },
      ]);
      fx.signal({ t: 'queue', org: call.organisation_id, practiceId: call.practice_id });
      fx.redispatch(call.organisation_id);
      return [{ do: 'say', text: ANNOUNCEMENTS.urgentNoted }, ...scriptAfterQueue(call)];
    }
    return scriptAfterQueue(call);
  });
}

/** The carrier asks what a waiting caller hears next: hold, or out of the queue when the call moved on. */
export async function callWaiting(rt: CallsRuntime, provider: string, ev: Ev<'waiting'>): Promise<CallScript> {
  const call = await repo.callByProviderId(rt.db, provider, ev.providerCallId);
  if (!call || (call.status !== 'queued' && call.status !== 'ringing')) return [{ do: 'leave' }];
  return [
    { do: 'say', text: ANNOUNCEMENTS.pleaseHold },
    { do: 'pause', seconds: HOLD_PAUSE_SECONDS },
  ];
}

/** The caller's leg left the queue: a hang-up is an abandon; otherwise continue from the call's status. */
export async function callLeftQueue(rt: CallsRuntime, provider: string, ev: Ev<'left_queue'>): Promise<CallScript> {
  if (ev.result === 'hangup') {
    await callEnded(rt, provider, { kind: 'ended', providerCallId: ev.providerCallId });
    return [{ do: 'hangup' }];
  }
  const call = await repo.callByProviderId(rt.db, provider, ev.providerCallId);
  return call ? scriptAfterQueue(call) : [{ do: 'hangup' }];
}

/** The caller's leg ended: abandon while waiting or ringing, end of the conversation when connected. */
export async function callEnded(rt: CallsRuntime, provider: string, ev: Ev<'ended'>): Promise<void> {
  await commit(rt, async (tx, fx) => {
    const call = await repo.callByProviderId(tx, provider, ev.providerCallId, true);
    if (!call) return;
    await endCall(tx, fx, call, rt.clock.now(), 'caller');
  });
}

/**
 * Ends a call from whichever live status it is in. by: who ended it. Returns the call as it is now.
 * queued/ringing → abandoned (ABANDON); connected → wrap_up (COMPLETE), the agent wraps up.
 */
export async function endCall(tx: Queryable, fx: Effects, call: repo.CallRow, now: Date, by: 'caller' | 'agent' | 'transfer'): Promise<repo.CallRow> {
  const org = call.organisation_id;
  if (call.status === 'queued' || call.status === 'ringing') {
    const phase = call.status;
    const done = await repo.updateCall(tx, call.id, [phase], { status: 'abandoned', ended_at: now, outcome: 'abandoned' }, now);
    if (!done) return call;
    await repo.appendEvents(tx, [
      {
        organisationId: org,
        practiceId: call.practice_id,
        callId: call.id,
        agentId: call.agent_id,
        at: now,
        event: 'ABANDON',
        data: { waitSeconds: seconds(call.enqueued_at, now), phase: phase === 'queued' ? 'queued' : 'ringing' } satisfies EventData['ABANDON'],
      },
    ]);
    if (phase === 'ringing' && call.agent_id) {
      // The agent never talked: she keeps her place among the idle (idle_since unchanged).
      await repo.updateAgentState(tx, call.agent_id, { system_state: 'idle', system_since: now, call_id: null }, { callId: call.id }, now);
      fx.signal({ t: 'withdraw', org, callId: call.id, agentId: call.agent_id, reason: 'abandoned' });
      fx.signal({ t: 'agent', org, agentId: call.agent_id });
      fx.redispatch(org);
    }
    fx.signal({ t: 'queue', org, practiceId: call.practice_id });
    return done;
  }
  if (call.status === 'connected') {
    const agentId = call.agent_id!;
    const wrapUp = (await repo.queueConfigs(tx, [call.practice_id])).get(call.practice_id)!.wrap_up_seconds;
    const done = await repo.updateCall(
      tx,
      call.id,
      ['connected'],
      { status: 'wrap_up', ended_at: now, wrap_up_until: new Date(now.getTime() + wrapUp * 1000) },
      now,
    );
    if (!done) return call;
    await repo.updateAgentState(tx, agentId, { system_state: 'wrap_up', system_since: now }, { callId: call.id }, now);
    await repo.appendEvents(tx, [
      {
        organisationId: org,
        practiceId: call.practice_id,
        callId: call.id,
        agentId,
        at: now,
        event: 'COMPLETE',
        data: { by, talkSeconds: seconds(call.answered_at, now) } satisfies EventData['COMPLETE'],
      },
    ]);
    fx.signal({ t: 'call', org, callId: call.id, agentId, status: 'wrap_up' });
    fx.signal({ t: 'agent', org, agentId });
    fx.signal({ t: 'queue', org, practiceId: call.practice_id });
    return done;
  }
  if (call.status === 'overflowed' || call.status === 'closed') {
    if (call.ended_at) return call;
    // A caller sent to voicemail who hung up without leaving a message.
    const outcome = call.status === 'closed' ? 'closed' : call.overflow_target === 'callback' ? 'callback' : 'abandoned';
    return (await repo.updateCall(tx, call.id, [call.status], { ended_at: now, outcome }, now)) ?? call;
  }
  return call;
}

/** The caller left a message (after the closed-line announcement or an overflow). */
export async function callVoicemail(rt: CallsRuntime, provider: string, ev: Ev<'voicemail'>): Promise<CallScript> {
  return commit(rt, async (tx) => {
    const call = await repo.callByProviderId(tx, provider, ev.providerCallId, true);
    if (!call) return [{ do: 'hangup' }];
    if (call.status === 'overflowed' || call.status === 'closed') {
      const now = rt.clock.now();
      await repo.updateCall(tx, call.id, ['overflowed', 'closed'], { status: 'voicemail', outcome: 'voicemail', ended_at: now }, now);
      await repo.appendEvents(tx, [
        {
          organisationId: call.organisation_id,
          practiceId: call.practice_id,
          callId: call.id,
          agentId: null,
          at: now,
          event: 'VOICEMAIL',
          data: { durationSeconds: Math.max(0, Math.floor(ev.durationSeconds)), recording: ev.recording } satisfies EventData['VOICEMAIL'],
        },
      ]);
    }
    return [{ do: 'say', text: ANNOUNCEMENTS.messageRecorded }, { do: 'hangup' }];
  });
}
