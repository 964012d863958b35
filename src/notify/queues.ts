/** The job queues of patients' notices: reminders falling due and freed slots offered to the waitlist. */
import type { QueueDefinition } from '../core/jobs/jobs.ts';
import { DEFAULT_TUNING, deliveryQueues, queueOptions, type Tuning } from '../core/delivery/queues.ts';

export const NOTIFY_QUEUE = {
  /** A reminder falls due: create its deliveries, once. */
  reminder: 'notify.reminder',
  /** A slot was freed: offer it to the waitlist. */
  waitlist: 'notify.waitlist',
} as const;

export function notifyQueues(t: Tuning = DEFAULT_TUNING): QueueDefinition[] {
  return [
    { name: NOTIFY_QUEUE.reminder, ...queueOptions(t, { retryLimit: 10, expireInSeconds: 120 }) },
    { name: NOTIFY_QUEUE.waitlist, ...queueOptions(t, { retryLimit: 5, expireInSeconds: 120 }) },
  ];
}

/** What notify's request handlers enqueue to: deliveries and its own queues. */
export function notifyProducerQueues(t: Tuning = DEFAULT_TUNING): QueueDefinition[] {
  return [...deliveryQueues(t), ...notifyQueues(t)];
}
