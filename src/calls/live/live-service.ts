/** What the live sockets read: the screen-pop of an offer, an agent's and a queue's current state. */
import { toAgentView } from '../agent-service.ts';
import { toQueueStateView } from '../queue-service.ts';
import * as repo from '../repo.ts';
import type { CallsRuntime } from '../runtime.ts';
import type { LiveMessage } from './messages.ts';

/** The screen-pop of a ringing offer, or undefined when it is stale (answered, withdrawn, hung up). */
export function screenPop(rt: CallsRuntime, offer: repo.OfferRow | undefined, agentId: string): LiveMessage | undefined {
  if (!offer || offer.status !== 'ringing' || offer.agent_id !== agentId) return undefined;
  return {
    type: 'call.offered',
    callId: offer.id,
    calledNumber: offer.called_number,
    callerNumber: offer.caller_number,
    practiceId: offer.practice_id,
    urgent: offer.urgent,
    offeredAt: (offer.offered_at ?? rt.clock.now()).toISOString(),
    ringTimeoutSeconds: offer.ring_timeout_seconds,
  };
}

export async function offerScreenPop(rt: CallsRuntime, o: { callId: string; agentId: string }): Promise<LiveMessage | undefined> {
  return screenPop(rt, await repo.offerOf(rt.db, o.callId), o.agentId);
}

/** The screen-pop of the call ringing at this agent now, if any (a console that reconnects). */
export async function currentScreenPop(rt: CallsRuntime, agentId: string): Promise<LiveMessage | undefined> {
  const state = await repo.agentState(rt.db, agentId);
  if (!state?.call_id || state.system_state !== 'ringing') return undefined;
  return offerScreenPop(rt, { callId: state.call_id, agentId });
}

export async function agentStateMessage(rt: CallsRuntime, a: { organisationId: string; agentId: string }): Promise<LiveMessage | undefined> {
  const [row] = await repo.listAgents(rt.db, a.organisationId, a.agentId);
  return row ? { type: 'agent.state', agent: toAgentView(row) } : undefined;
}

export async function queueStateMessage(rt: CallsRuntime, practiceId: string): Promise<LiveMessage | undefined> {
  const [row] = await repo.queueStates(rt.db, [practiceId]);
  return row ? { type: 'queue.state', queue: toQueueStateView(row) } : undefined;
}
