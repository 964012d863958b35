/** The job queues of notifications and messages, and the timings they run with. */
import type { QueueDefinition } from '../core/jobs/jobs.ts';

export const QUEUE = {
  /** Send one email or SMS (a deliveries row). */
  delivery: 'notify.delivery',
  /** A reminder falls due: create its deliveries, once. */
  reminder: 'notify.reminder',
  /** A slot was freed: offer it to the waitlist. */
  waitlist: 'notify.waitlist',
  /** An urgent message's acknowledgement delay ran out: take the next escalation step. */
  escalate: 'messages.escalate',
} as const;

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

export function queueDefinitions(t: Tuning = DEFAULT_TUNING): QueueDefinition[] {
  const common = { retryDelay: t.retryDelaySeconds, retryBackoff: true, retryDelayMax: 3600, deleteAfterSeconds: 7 * 86400 };
  return [
    { name: QUEUE.delivery, ...common, retryLimit: t.deliveryAttempts - 1, expireInSeconds: t.deliveryExpireSeconds },
    { name: QUEUE.reminder, ...common, retryLimit: 10, expireInSeconds: 120 },
    { name: QUEUE.waitlist, ...common, retryLimit: 5, expireInSeconds: 120 },
    { name: QUEUE.escalate, ...common, retryLimit: 10, expireInSeconds: 120 },
  ];
}
