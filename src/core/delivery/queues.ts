/**
 * The delivery queue and the timings every background queue runs with. Features declare their own queues
 * (notify: reminders and waitlist offers; messages: escalations) with `queueOptions`.
 */
import type { QueueDefinition } from '../jobs/jobs.ts';

export const DELIVERY_QUEUE = 'notify.delivery';

export interface Tuning {
  /** A job running longer is deemed abandoned (its worker died) and runs again; also the send lease. */
  deliveryExpireSeconds: number;
  /** Attempts of one delivery before it is marked failed. */
  deliveryAttempts: number;
  /** First retry delay; doubles at each attempt (pg-boss backoff, with jitter). */
  retryDelaySeconds: number;
  pollingIntervalSeconds: number;
  superviseIntervalSeconds: number;
  outboxPollMs: number;
  outboxBatch: number;
  jobBatch: number;
}

export const DEFAULT_TUNING: Tuning = {
  deliveryExpireSeconds: 60,
  deliveryAttempts: 5,
  retryDelaySeconds: 10,
  pollingIntervalSeconds: 2,
  superviseIntervalSeconds: 30,
  outboxPollMs: 1000,
  outboxBatch: 100,
  jobBatch: 5,
};

/** Retries with backoff and a week of history: what every queue of Relais shares. */
export function queueOptions(t: Tuning, o: { retryLimit: number; expireInSeconds: number }): Omit<QueueDefinition, 'name'> {
  return { retryDelay: t.retryDelaySeconds, retryBackoff: true, retryDelayMax: 3600, deleteAfterSeconds: 7 * 86400, ...o };
}

export function deliveryQueues(t: Tuning = DEFAULT_TUNING): QueueDefinition[] {
  return [{ name: DELIVERY_QUEUE, ...queueOptions(t, { retryLimit: t.deliveryAttempts - 1, expireInSeconds: t.deliveryExpireSeconds }) }];
}
