/**
 * What one instance tells every instance (through the event bus) after a change to calls or agents.
 * Ids and enumerations only: each instance reads the rest from the database for the sockets it holds.
 */
import type { CallStatus } from '../events.ts';
import type { WithdrawReason } from './messages.ts';

export const CALLS_CHANNEL = 'relais_calls';

export type Signal =
  /** A call rings at an agent: screen-pop. */
  | { t: 'offer'; org: string; callId: string; agentId: string }
  /** A ringing call was taken away from an agent. */
  | { t: 'withdraw'; org: string; callId: string; agentId: string; reason: WithdrawReason }
  /** The call an agent holds changed status (connected, wrap_up, completed…). */
  | { t: 'call'; org: string; callId: string; agentId: string; status: CallStatus }
  /** An agent's status or system state changed. */
  | { t: 'agent'; org: string; agentId: string }
  /** A practice's queue changed (a call entered, left or was taken). */
  | { t: 'queue'; org: string; practiceId: string };

export function isSignal(value: unknown): value is Signal {
  if (!value || typeof value !== 'object') return false;
  const v = value as { t?: unknown; org?: unknown };
  return typeof v.org === 'string' && (v.t === 'offer' || v.t === 'withdraw' || v.t === 'call' || v.t === 'agent' || v.t === 'queue');
}
