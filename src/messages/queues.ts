/** The job queue of messages: an urgent message's acknowledgement delay ran out. */
import type { QueueDefinition } from '../core/jobs/jobs.ts';
import { DEFAULT_TUNING, deliveryQueues, queueOptions, type Tuning } from '../core/delivery/queues.ts';

export const ESCALATE_QUEUE = 'messages.escalate';

export function messageQueues(t: Tuning = DEFAULT_TUNING): QueueDefinition[] {
  return [{ name: ESCALATE_QUEUE, ...queueOptions(t, { retryLimit: 10, expireInSeconds: 120 }) }];
}

/** What messages' request handlers enqueue to: deliveries and escalations. */
export function messageProducerQueues(t: Tuning = DEFAULT_TUNING): QueueDefinition[] {
  return [...deliveryQueues(t), ...messageQueues(t)];
}
