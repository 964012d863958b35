/**
 * The routing decision (ACD), pure: which waiting call rings at which free agent, and which calls leave
 * the queue for the overflow target. No I/O, no clock: `now` and every instant are epoch milliseconds.
 *
 * Rules, in order:
 * 1. Calls are served urgent first, then by their place in the queue (enqueuedAt; an unanswered ring
 *    keeps it), ties by id so that every instance decides alike.
 * 2. An agent may take a call through a tier once the call has waited that tier's delay: the practice's
 *    dedicated secretary (dedicatedAfterSeconds), agents assigned to the practice (trainedAfterSeconds),
 *    any agent of the organisation (poolAfterSeconds). Among eligible agents the best tier wins, then the
 *    agent idle longest (idleSince), ties by id.
 * 3. Calls still waiting after the assignments overflow when they have waited maxWaitSeconds, or when
 *    they stand beyond maxQueueLength in their practice's queue (the last in serving order go first).
 */
import type { OverflowTarget, Tier } from '../events.ts';

export interface QueueConfig {
  dedicatedAfterSeconds: number;
  trainedAfterSeconds: number;
  poolAfterSeconds: number;
  maxWaitSeconds: number;
  maxQueueLength: number;
  overflowTarget: OverflowTarget;
}

export const DEFAULT_QUEUE_CONFIG: QueueConfig = {
  dedicatedAfterSeconds: 0,
  trainedAfterSeconds: 15,
  poolAfterSeconds: 45,
  maxWaitSeconds: 180,
  maxQueueLength: 10,
  overflowTarget: 'voicemail',
};

export interface WaitingCall {
  callId: string;
  practiceId: string;
  /** Epoch ms of the caller's place in the queue. */
  enqueuedAt: number;
  urgent: boolean;
  /** Offers already made (unanswered rings). */
  attempts: number;
}

/** An agent free to take a call: status 'available' and system state 'idle' (the caller filters). */
export interface FreeAgent {
  agentId: string;
  /** Epoch ms since when the agent is idle. */
  idleSince: number;
  /** Practices whose dedicated secretary the agent is. */
  dedicated: ReadonlySet<string>;
  /** Practices the agent is assigned to (trained on), dedicated ones included or not. */
  assigned: ReadonlySet<string>;
}

export interface RoutingInput {
  now: number;
  calls: readonly WaitingCall[];
  agents: readonly FreeAgent[];
  /** Per practice; a practice without an entry uses DEFAULT_QUEUE_CONFIG. */
  configs: ReadonlyMap<string, QueueConfig>;
}

export interface Assignment {
  callId: string;
  agentId: string;
  tier: Tier;
}

export interface Overflow {
  callId: string;
  reason: 'max_wait' | 'queue_length';
  target: OverflowTarget;
  /** Calls waiting in the practice's queue after the assignments, this one included. */
  queueLength: number;
}

export interface RoutingDecision {
  assignments: Assignment[];
  overflows: Overflow[];
}

const TIER_RANK: Record<Tier, number> = { dedicated: 0, trained: 1, pool: 2 };

/** Serving order: urgent first, then the oldest place in the queue, then id. */
export function compareCalls(a: WaitingCall, b: WaitingCall): number {
  if (a.urgent !== b.urgent) return a.urgent ? -1 : 1;
  if (a.enqueuedAt !== b.enqueuedAt) return a.enqueuedAt - b.enqueuedAt;
  return a.callId < b.callId ? -1 : a.callId > b.callId ? 1 : 0;
}

/** The agent's tier for a practice: dedicated, trained (assigned) or pool. */
export function tierOf(agent: FreeAgent, practiceId: string): Tier {
  if (agent.dedicated.has(practiceId)) return 'dedicated';
  if (agent.assigned.has(practiceId)) return 'trained';
  return 'pool';
}

/** The tiers open to a call that has waited `waitedMs`. */
export function tierOpen(tier: Tier, config: QueueConfig, waitedMs: number): boolean {
  const after = tier === 'dedicated' ? config.dedicatedAfterSeconds : tier === 'trained' ? config.trainedAfterSeconds : config.poolAfterSeconds;
  return waitedMs >= after * 1000;
}

export function decide(input: RoutingInput): RoutingDecision {
  const { now, configs } = input;
  const configOf = (practiceId: string) => configs.get(practiceId) ?? DEFAULT_QUEUE_CONFIG;
  const calls = [...input.calls].sort(compareCalls);
  // Idle longest first: the first eligible agent of the best tier is the one to ring.
  const free = [...input.agents].sort((a, b) => a.idleSince - b.idleSince || (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0));
  const taken = new Set<string>();
  const assignments: Assignment[] = [];
  const waiting: WaitingCall[] = [];

  for (const call of calls) {
    if (taken.size === free.length) {
      waiting.push(call);
      continue;
    }
    const config = configOf(call.practiceId);
    const waited = now - call.enqueuedAt;
    let best: FreeAgent | undefined;
    let bestRank = 3;
    for (const agent of free) {
      if (taken.has(agent.agentId)) continue;
      const tier = tierOf(agent, call.practiceId);
      const rank = TIER_RANK[tier];
      // `free` is sorted by idleSince: a later agent of the same tier never beats the one found.
      if (rank >= bestRank || !tierOpen(tier, config, waited)) continue;
      best = agent;
      bestRank = rank;
      if (rank === 0) break;
    }
    if (best === undefined) {
      waiting.push(call);
      continue;
    }
    taken.add(best.agentId);
    assignments.push({ callId: call.callId, agentId: best.agentId, tier: tierOf(best, call.practiceId) });
  }

  const overflows: Overflow[] = [];
  const byPractice = new Map<string, WaitingCall[]>();
  for (const call of waiting) {
    const list = byPractice.get(call.practiceId);
    if (list) list.push(call);
    else byPractice.set(call.practiceId, [call]);
  }
  for (const [practiceId, list] of byPractice) {
    const config = configOf(practiceId);
    const queueLength = list.length;
    // list is in serving order: the calls kept past maxQueueLength are the last served.
    let kept = 0;
    for (const call of list) {
      if (now - call.enqueuedAt >= config.maxWaitSeconds * 1000) {
        overflows.push({ callId: call.callId, reason: 'max_wait', target: config.overflowTarget, queueLength });
      } else if (kept >= config.maxQueueLength) {
        overflows.push({ callId: call.callId, reason: 'queue_length', target: config.overflowTarget, queueLength });
      } else kept++;
    }
  }
  return { assignments, overflows };
}
