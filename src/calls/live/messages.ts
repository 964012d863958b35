/**
 * Messages the server sends on the live WebSocket (/api/ws), JSON, one per frame. The client sends
 * nothing but pings ({"type":"ping"} → {"type":"pong"}); actions go through the HTTP API.
 *
 * To an agent: call.offered / call.withdrawn / call.state about the calls offered to her, agent.state
 * about herself. To supervisors, formateurs and admins: agent.state of every agent of the organisation
 * and queue.state of the practices in their scope.
 */
import type { AgentStatus, CallStatus, SystemState } from '../events.ts';

/** Self-contained (types only, no server code): the web app imports this file. */

export type WithdrawReason = 'ring_no_answer' | 'declined' | 'abandoned';

/** An agent's live state (also GET /api/agents, /api/agents/me). */
export interface AgentView {
  id: string;
  displayName: string;
  status: AgentStatus;
  statusReason: 'ring_no_answer' | null;
  statusSince: string;
  systemState: SystemState;
  systemSince: string;
  callId: string | null;
  /** The practice of the call the agent holds. */
  practiceId: string | null;
  idleSince: string;
}

/** A practice's queue right now (also GET /api/call-queues). */
export interface QueueStateView {
  practiceId: string;
  waiting: number;
  urgentWaiting: number;
  oldestEnqueuedAt: string | null;
  ringing: number;
  connected: number;
}

export type LiveMessage =
  | { type: 'hello'; userId: string; role: string }
  | { type: 'pong' }
  /** Screen-pop: a call rings at this agent. */
  | {
      type: 'call.offered';
      callId: string;
      calledNumber: string;
      callerNumber: string | null;
      practiceId: string;
      urgent: boolean;
      offeredAt: string;
      /** The ring stops (and the agent is paused) after this many seconds without an answer. */
      ringTimeoutSeconds: number;
    }
  /** The ringing call was taken away: not answered in time, declined, or the caller hung up. */
  | { type: 'call.withdrawn'; callId: string; reason: WithdrawReason }
  /** The call the agent holds changed status: connected, wrap_up (the conversation ended), completed. */
  | { type: 'call.state'; callId: string; status: CallStatus }
  | { type: 'agent.state'; agent: AgentView }
  | { type: 'queue.state'; queue: QueueStateView };
