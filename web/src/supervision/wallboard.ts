/**
 * What the wallboard shows, computed from the live queue and agent states and today's metrics. Pure.
 * A queue is in breach when a caller has waited past the service-level threshold T right now, or when
 * today's service level is under its target.
 */
import type { AgentView, QueueStateView } from '../../../src/calls/live/messages.ts';

export interface Thresholds {
  /** T, seconds. */
  serviceLevelSeconds: number;
  /** 0–1. */
  targetServiceLevel: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { serviceLevelSeconds: 20, targetServiceLevel: 0.8 };

export interface QueueLine extends QueueStateView {
  /** Seconds the oldest waiting caller has waited, or null when nobody waits. */
  longestWaitSeconds: number | null;
  serviceLevel: number | null;
  breach: 'wait' | 'service_level' | null;
}

export function queueLines(
  queues: readonly QueueStateView[],
  serviceLevels: ReadonlyMap<string, number | null>,
  o: { now: number; thresholds: Thresholds },
): QueueLine[] {
  return queues
    .map((q) => {
      const longest = q.oldestEnqueuedAt === null ? null : Math.max(0, Math.floor((o.now - Date.parse(q.oldestEnqueuedAt)) / 1000));
      const sl = serviceLevels.get(q.practiceId) ?? null;
      const breach: QueueLine['breach'] =
        longest !== null && longest > o.thresholds.serviceLevelSeconds ? 'wait' : sl !== null && sl < o.thresholds.targetServiceLevel ? 'service_level' : null;
      return { ...q, longestWaitSeconds: longest, serviceLevel: sl, breach };
    })
    .sort((a, b) => (b.longestWaitSeconds ?? -1) - (a.longestWaitSeconds ?? -1) || b.waiting - a.waiting || (a.breach ? 0 : 1) - (b.breach ? 0 : 1));
}

/** Queues worth a row: someone waits, rings or talks, or today has figures. */
export function activeQueues(lines: readonly QueueLine[], withFigures: ReadonlySet<string>): QueueLine[] {
  return lines.filter((l) => l.waiting + l.ringing + l.connected > 0 || withFigures.has(l.practiceId));
}

/** The state the wallboard names for an agent: what the system set wins over what she chose. */
export type AgentBoardState = 'ringing' | 'on_call' | 'wrap_up' | 'available' | 'break' | 'lunch' | 'training' | 'back_office' | 'logged_out';

export function boardState(a: AgentView): { state: AgentBoardState; since: string } {
  if (a.systemState !== 'idle') return { state: a.systemState, since: a.systemSince };
  const since = Date.parse(a.statusSince) > Date.parse(a.idleSince) ? a.statusSince : a.idleSince;
  return { state: a.status, since: a.status === 'available' ? since : a.statusSince };
}

/** m:ss under an hour, h:mm:ss above. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Merges a live update into a list keyed by id (new items appended). */
export function upsert<T>(list: readonly T[] | undefined, item: T, key: (x: T) => string): T[] {
  const k = key(item);
  const out = [...(list ?? [])];
  const i = out.findIndex((x) => key(x) === k);
  if (i >= 0) out[i] = item;
  else out.push(item);
  return out;
}
