/** The webhook workers: the fan-out loop and the pg-boss worker that sends deliveries. */
import type { Db } from '../../core/db/types.ts';
import { Jobs } from '../../core/jobs/jobs.ts';
import { systemClock, type Clock } from '../../core/time/clock.ts';
import { DEFAULT_WEBHOOK_TUNING, WEBHOOK_QUEUE, webhookQueue, type WebhookTuning } from './events.ts';
import { attemptDelivery, AttemptFailed, dispatchPending, type DeliveryDeps } from './delivery-service.ts';

export interface WebhookWorkers {
  jobs: Jobs;
  /** Fans out every pending event now (tests; the loop does it every pollMs). */
  drain(): Promise<number>;
  stop(graceful?: boolean): Promise<void>;
}

export async function startWebhookWorkers(
  db: Db,
  o: {
    sendEmail: DeliveryDeps['sendEmail'];
    log: DeliveryDeps['log'];
    clock?: Clock;
    tuning?: Partial<WebhookTuning>;
    /** The process's running job system (the notifications' workers), to avoid a second pg-boss. */
    jobs?: Jobs;
  },
): Promise<WebhookWorkers> {
  const tuning = { ...DEFAULT_WEBHOOK_TUNING, ...o.tuning };
  const own = !o.jobs;
  const jobs = o.jobs ?? (await Jobs.start(db, { supervise: true, queues: [], onError: (e) => o.log.error({ err: e }, 'webhook queue error') }));
  await jobs.define([webhookQueue(tuning)]);
  const deps: DeliveryDeps = { jobs, clock: o.clock ?? systemClock, tuning, sendEmail: o.sendEmail, log: o.log };
  await jobs.work<{ deliveryId: string }>(WEBHOOK_QUEUE, { batchSize: 5, pollingIntervalSeconds: tuning.pollingIntervalSeconds }, async (job) => {
    try {
      await attemptDelivery(db, deps, job.data.deliveryId);
    } catch (error) {
      if (!(error instanceof AttemptFailed)) o.log.error({ deliveryId: job.data.deliveryId, err: error }, 'webhook delivery crashed');
      throw error;
    }
  });

  let stopped = false;
  let draining: Promise<number> | null = null;
  const drain = () => {
    draining ??= (async () => {
      let total = 0;
      try {
        for (let n = tuning.batch; n === tuning.batch && !stopped; total += n) n = await dispatchPending(db, deps);
      } finally {
        draining = null;
      }
      return total;
    })();
    return draining;
  };
  const timer = setInterval(() => {
    drain().catch((e: unknown) => o.log.error({ err: e }, 'webhook fan-out failed'));
  }, tuning.pollMs);
  timer.unref();

  return {
    jobs,
    drain,
    async stop(graceful = true) {
      stopped = true;
      clearInterval(timer);
      if (graceful) await draining?.catch(() => undefined);
      if (own) await jobs.stop(graceful);
    },
  };
}
