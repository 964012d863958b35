/**
 * The dispatcher: applies the routing decision to the shared state in PostgreSQL. One organisation at a
 * time, in one transaction serialised across instances by an advisory lock on the organisation, with
 * the waiting calls and free agents locked (FOR UPDATE) while it decides. The unique indexes
 * calls_one_per_agent and agent_states_one_per_call are the database's own guard behind it.
 *
 * A run: unanswered rings go back to their place in the queue (the agent is paused), finished wrap-ups
 * free their agents, then waiting calls are offered to free agents and the rest overflow if they must.
 * Runs on every event that may change the picture, and on a periodic tick (tiers widen with time).
 */
import type { Queryable } from '../core/db/types.ts';
import type { EventData } from './events.ts';
import * as repo from './repo.ts';
import { afterCommit, inTransaction, seconds, type CallsRuntime, type Effects } from './runtime.ts';
import { decide, type FreeAgent, type QueueConfig } from './routing/decide.ts';

export interface Dispatcher {
  /** Routes the organisation's waiting calls soon (coalesced: one run at a time per organisation and instance). */
  kick(organisationId: string): void;
  /** A full run now, timers included (ring timeouts, wrap-up ends); resolves when done (tests, simulations). */
  run(organisationId: string): Promise<void>;
  /** One tick: a full run for every organisation with live calls. */
  tick(): Promise<void>;
  /** Resolves when no run is in progress or pending on this instance. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export function createDispatcher(rt: CallsRuntime, o: { tickMs: number }): Dispatcher {
  const running = new Map<string, Promise<void>>();
  /** Organisation → whether the pending re-run must also look at timers. */
  const again = new Map<string, boolean>();
  let stopped = false;

  async function loop(org: string, timers: boolean): Promise<void> {
    for (let withTimers = timers; ;) {
      try {
        await dispatchOnce(rt, org, withTimers);
      } catch (err) {
        rt.log.error({ err, organisationId: org }, 'calls: dispatch failed');
      }
      if (!again.has(org) || stopped) return;
      withTimers = again.get(org)!;
      again.delete(org);
    }
  }

  function schedule(org: string, timers: boolean): Promise<void> {
    if (stopped) return Promise.resolve();
    const current = running.get(org);
    if (current) {
      again.set(org, (again.get(org) ?? false) || timers);
      return current;
    }
    const p = loop(org, timers).finally(() => running.delete(org));
    running.set(org, p);
    return p;
  }

  async function tick(): Promise<void> {
    if (stopped) return;
    const orgs = await repo.organisationsWithLiveCalls(rt.db);
    await Promise.all(orgs.map((org) => schedule(org, true)));
  }

  let ticking = false;
  const timer = setInterval(() => {
    if (ticking) return;
    ticking = true;
    tick()
      .catch((err: unknown) => rt.log.error({ err }, 'calls: dispatcher tick failed'))
      .finally(() => {
        ticking = false;
      });
  }, o.tickMs);
  timer.unref();

  return {
    kick: (org) => void schedule(org, false),
    // A run already under way may have read the state before the caller's change: wait for the re-run too.
    run: async (org) => {
      await schedule(org, true);
      while (running.has(org)) await running.get(org);
    },
    tick,
    async idle() {
      while (running.size) await Promise.all([...running.values()]);
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      while (running.size) await Promise.all([...running.values()]);
    },
  };
}

function configOf(row: repo.QueueConfigRow): QueueConfig {
  return {
    dedicatedAfterSeconds: row.dedicated_after_seconds,
    trainedAfterSeconds: row.trained_after_seconds,
    poolAfterSeconds: row.pool_after_seconds,
    maxWaitSeconds: row.max_wait_seconds,
    maxQueueLength: row.max_queue_length,
    overflowTarget: row.overflow_target,
  };
}

async function dispatchOnce(rt: CallsRuntime, org: string, timers: boolean): Promise<void> {
  // A run for an event (an agent freed, a call answered) with nothing waiting has nothing to route: one read
  // instead of a locked transaction. A call queued after this read runs its own dispatch once committed.
  if (!timers && !(await repo.hasWaitingCalls(rt.db, org))) return;
  const { fx } = await inTransaction(rt.db, async (tx, fx) => {
    await repo.lockOrganisationDispatch(tx, org);
    const now = rt.clock.now();
    // Timers are due on ticks; runs triggered by an event only route what is waiting.
    if (timers) {
      await expireRings(tx, fx, org, now);
      await endWrapUps(tx, fx, org, now);
    }
    await assignAndOverflow(tx, rt, fx, org, now);
  });
  // This run already routed what the rings and wrap-ups above freed.
  fx.dispatch.clear();
  await afterCommit(rt, fx);
}

async function expireRings(tx: Queryable, fx: Effects, org: string, now: Date): Promise<void> {
  for (const call of await repo.lockExpiredRings(tx, org, now)) {
    await requeueAfterRing(tx, fx, call, call.agent_id!, now, 'ring_no_answer');
  }
}

/**
 * Puts a ringing call back at its place (enqueued_at unchanged) and pauses the agent who let it ring:
 * RING_NO_ANSWER, then PAUSE with reason ring_no_answer. Also used when the agent declines the call.
 */
export async function requeueAfterRing(
  tx: Queryable,
  fx: Effects,
  call: repo.CallRow,
  agentId: string,
  now: Date,
  reason: 'ring_no_answer' | 'declined',
): Promise<void> {
  const requeued = await repo.updateCall(tx, call.id, ['ringing'], { status: 'queued', agent_id: null, offered_at: null }, now);
  if (!requeued) return;
  await repo.updateAgentState(tx, agentId, { system_state: 'idle', system_since: now, call_id: null }, { callId: call.id }, now);
  // Paused only if she was still available: an agent who meanwhile chose a break or logged out keeps her choice.
  const agent = await repo.updateAgentState(tx, agentId, { status: 'break', status_reason: 'ring_no_answer', status_since: now }, { status: 'available' }, now);
  const events: repo.NewEvent[] = [
    {
      organisationId: call.organisation_id,
      practiceId: call.practice_id,
      callId: call.id,
      agentId,
      at: now,
      event: 'RING_NO_ANSWER',
      data: { attempt: call.attempts, ringSeconds: seconds(call.offered_at, now) } satisfies EventData['RING_NO_ANSWER'],
    },
  ];
  if (agent) {
    events.push({
      organisationId: call.organisation_id,
      practiceId: null,
      callId: null,
      agentId,
      at: now,
      event: 'PAUSE',
      data: { status: 'break', reason: 'ring_no_answer' } satisfies EventData['PAUSE'],
    });
  }
  await repo.appendEvents(tx, events);
  fx.signal({ t: 'withdraw', org: call.organisation_id, callId: call.id, agentId, reason });
  fx.signal({ t: 'agent', org: call.organisation_id, agentId });
  fx.signal({ t: 'queue', org: call.organisation_id, practiceId: call.practice_id });
  fx.redispatch(call.organisation_id);
}

async function endWrapUps(tx: Queryable, fx: Effects, org: string, now: Date): Promise<void> {
  for (const call of await repo.lockEndedWrapUps(tx, org, now)) {
    await finishWrapUp(tx, fx, call, now, 'timer');
  }
}

/** Ends the agent's wrap-up of a call: the call is completed, the agent idle from now (WRAPUP). */
export async function finishWrapUp(tx: Queryable, fx: Effects, call: repo.CallRow, now: Date, by: 'agent' | 'timer'): Promise<repo.CallRow | undefined> {
  const done = await repo.updateCall(tx, call.id, ['wrap_up'], { status: 'completed', wrap_up_until: null }, now);
  if (!done) return undefined;
  const agentId = call.agent_id!;
  await repo.updateAgentState(tx, agentId, { system_state: 'idle', system_since: now, call_id: null, idle_since: now }, { callId: call.id }, now);
  await repo.appendEvents(tx, [
    {
      organisationId: call.organisation_id,
      practiceId: call.practice_id,
      callId: call.id,
      agentId,
      at: now,
      event: 'WRAPUP',
      data: { wrapUpSeconds: seconds(call.ended_at, now), by } satisfies EventData['WRAPUP'],
    },
  ]);
  fx.signal({ t: 'call', org: call.organisation_id, callId: call.id, agentId, status: 'completed' });
  fx.signal({ t: 'agent', org: call.organisation_id, agentId });
  fx.redispatch(call.organisation_id);
  return done;
}

async function assignAndOverflow(tx: Queryable, rt: CallsRuntime, fx: Effects, org: string, now: Date): Promise<void> {
  const waiting = await repo.lockWaitingCalls(tx, org);
  if (waiting.length === 0) return;
  const agents: FreeAgent[] = (await repo.lockFreeAgents(tx, org)).map((a) => ({
    agentId: a.user_id,
    idleSince: a.idle_since.getTime(),
    dedicated: new Set(a.dedicated),
    assigned: new Set(a.assigned),
  }));
  const practiceIds = [...new Set(waiting.map((c) => c.practice_id))];
  const configRows = await repo.queueConfigs(tx, practiceIds);
  const configs = new Map([...configRows].map(([id, row]) => [id, configOf(row)]));
  const decision = decide({
    now: now.getTime(),
    calls: waiting.map((c) => ({ callId: c.id, practiceId: c.practice_id, enqueuedAt: c.enqueued_at.getTime(), urgent: c.urgent, attempts: c.attempts })),
    agents,
    configs,
  });
  const waitingById = new Map(waiting.map((c) => [c.id, c]));
  const events: repo.NewEvent[] = [];

  for (const a of decision.assignments) {
    const w = waitingById.get(a.callId)!;
    // Rows are locked: these updates cannot miss; the checks stay as a guard.
    const call = await repo.updateCall(tx, a.callId, ['queued'], { status: 'ringing', agent_id: a.agentId, offered_at: now, attempts: w.attempts + 1 }, now);
    const agent = await repo.updateAgentState(
      tx,
      a.agentId,
      { system_state: 'ringing', system_since: now, call_id: a.callId },
      { callId: null, systemState: 'idle', status: 'available' },
      now,
    );
    if (!call || !agent) throw new Error('dispatch: a locked call or agent changed under the lock');
    events.push({
      organisationId: org,
      practiceId: call.practice_id,
      callId: call.id,
      agentId: a.agentId,
      at: now,
      event: 'OFFER',
      data: { attempt: call.attempts, tier: a.tier, waitSeconds: seconds(w.enqueued_at, now) } satisfies EventData['OFFER'],
    });
    fx.remember({
      id: call.id,
      practice_id: call.practice_id,
      called_number: call.called_number,
      caller_number: call.caller_number,
      urgent: call.urgent,
      status: call.status,
      agent_id: call.agent_id,
      offered_at: call.offered_at,
      ring_timeout_seconds: configRows.get(call.practice_id)!.ring_timeout_seconds,
    });
    fx.signal({ t: 'offer', org, callId: call.id, agentId: a.agentId });
    fx.signal({ t: 'agent', org, agentId: a.agentId });
    fx.signal({ t: 'queue', org, practiceId: call.practice_id });
    const commands = rt.commandsFor(call.provider);
    const ref = { callId: call.id, provider: call.provider, providerCallId: call.provider_call_id, practiceId: call.practice_id };
    fx.command(() => commands.ringAgent(ref, a.agentId));
  }

  for (const o of decision.overflows) {
    const w = waitingById.get(o.callId)!;
    const call = await repo.updateCall(
      tx,
      o.callId,
      ['queued'],
      { status: 'overflowed', overflow_target: o.target, outcome: o.target === 'callback' ? 'callback' : null },
      now,
    );
    if (!call) continue;
    const waitSeconds = seconds(w.enqueued_at, now);
    events.push(
      o.reason === 'max_wait'
        ? {
            organisationId: org,
            practiceId: call.practice_id,
            callId: call.id,
            agentId: null,
            at: now,
            event: 'TIMEOUT',
            data: { waitSeconds, target: o.target },
          }
        : {
            organisationId: org,
            practiceId: call.practice_id,
            callId: call.id,
            agentId: null,
            at: now,
            event: 'OVERFLOW',
            data: { waitSeconds, queueLength: o.queueLength, target: o.target },
          },
    );
    fx.signal({ t: 'queue', org, practiceId: call.practice_id });
    const commands = rt.commandsFor(call.provider);
    const ref = { callId: call.id, provider: call.provider, providerCallId: call.provider_call_id, practiceId: call.practice_id };
    fx.command(() => (o.target === 'callback' ? commands.callback(ref) : commands.voicemail(ref)));
  }
  await repo.appendEvents(tx, events);
}
