/** Practices' queues: their settings (tiers, overflow, wrap-up, closed line) and their live state. */
import type { RequestContext } from '../core/auth/actor.ts';
import { AppError } from '../core/errors/catalogue.ts';
import type { QueueStateView } from './live/messages.ts';
import * as repo from './repo.ts';
import type { CallsRuntime } from './runtime.ts';

export interface QueueConfigView {
  practiceId: string;
  dedicatedAfterSeconds: number;
  trainedAfterSeconds: number;
  poolAfterSeconds: number;
  maxWaitSeconds: number;
  maxQueueLength: number;
  overflowTarget: 'voicemail' | 'callback';
  wrapUpSeconds: number;
  ringTimeoutSeconds: number;
  voicemailWhenClosed: boolean;
  openOnPublicHolidays: boolean;
}

export type QueueConfigInput = Omit<QueueConfigView, 'practiceId'>;
export type { QueueStateView };

export function toQueueStateView(r: repo.QueueStateRow): QueueStateView {
  return {
    practiceId: r.practice_id,
    waiting: r.waiting,
    urgentWaiting: r.urgent_waiting,
    oldestEnqueuedAt: r.oldest_enqueued_at ? r.oldest_enqueued_at.toISOString() : null,
    ringing: r.ringing,
    connected: r.connected,
  };
}

function toConfigView(practiceId: string, r: repo.QueueConfigRow): QueueConfigView {
  return {
    practiceId,
    dedicatedAfterSeconds: r.dedicated_after_seconds,
    trainedAfterSeconds: r.trained_after_seconds,
    poolAfterSeconds: r.pool_after_seconds,
    maxWaitSeconds: r.max_wait_seconds,
    maxQueueLength: r.max_queue_length,
    overflowTarget: r.overflow_target,
    wrapUpSeconds: r.wrap_up_seconds,
    ringTimeoutSeconds: r.ring_timeout_seconds,
    voicemailWhenClosed: r.voicemail_when_closed,
    openOnPublicHolidays: r.open_on_public_holidays,
  };
}

function inScope(ctx: RequestContext, practiceId: string): void {
  if (!ctx.actor.practiceIds.includes(practiceId)) throw new AppError('not_found');
}

const CONFIG_WRITERS = new Set(['admin', 'supervisor']);

export async function getQueueConfig(rt: CallsRuntime, ctx: RequestContext, practiceId: string): Promise<QueueConfigView> {
  if (ctx.actor.role === 'practitioner') throw new AppError('forbidden');
  inScope(ctx, practiceId);
  const configs = await repo.queueConfigs(rt.db, [practiceId]);
  return toConfigView(practiceId, configs.get(practiceId)!);
}

export async function putQueueConfig(rt: CallsRuntime, ctx: RequestContext, practiceId: string, v: QueueConfigInput): Promise<QueueConfigView> {
  if (!CONFIG_WRITERS.has(ctx.actor.role)) throw new AppError('forbidden');
  inScope(ctx, practiceId);
  const row = await repo.upsertQueueConfig(
    rt.db,
    practiceId,
    ctx.actor.organisationId,
    {
      dedicated_after_seconds: v.dedicatedAfterSeconds,
      trained_after_seconds: v.trainedAfterSeconds,
      pool_after_seconds: v.poolAfterSeconds,
      max_wait_seconds: v.maxWaitSeconds,
      max_queue_length: v.maxQueueLength,
      overflow_target: v.overflowTarget,
      wrap_up_seconds: v.wrapUpSeconds,
      ring_timeout_seconds: v.ringTimeoutSeconds,
      voicemail_when_closed: v.voicemailWhenClosed,
      open_on_public_holidays: v.openOnPublicHolidays,
    },
    rt.clock.now(),
  );
  rt.redispatch(ctx.actor.organisationId);
  return toConfigView(practiceId, row);
}

export async function listQueueStates(rt: CallsRuntime, ctx: RequestContext): Promise<{ items: QueueStateView[] }> {
  if (ctx.actor.role === 'practitioner') throw new AppError('forbidden');
  const rows = await repo.queueStates(rt.db, ctx.actor.practiceIds);
  return { items: rows.map(toQueueStateView) };
}
