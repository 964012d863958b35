/**
 * The background workers, on pg-boss: deliveries (core), the outbox loop, and whatever each feature
 * registers (notify: reminders and waitlist offers; messages: escalations). Any number of workers may
 * run, in one process or several: each job and each outbox event is taken by one of them.
 */
import type { Config } from '../config.ts';
import type { Db } from '../db/types.ts';
import { Jobs, type QueueDefinition, type WorkOptions } from '../jobs/jobs.ts';
import { systemClock, type Clock } from '../time/clock.ts';
import { runDelivery, type DeliveryRenderer } from './delivery-service.ts';
import { consumeOutbox, type OutboxHandler } from './outbox-service.ts';
import { DEFAULT_TUNING, DELIVERY_QUEUE, deliveryQueues, type Tuning } from './queues.ts';
import { linkBaseUrl, linkSecret } from './link-secret.ts';
import type { Transports } from './transports/types.ts';

export interface WorkerLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** What a feature's handlers are given when the workers start. */
export interface WorkerContext {
  db: Db;
  jobs: Jobs;
  tuning: Tuning;
  clock: Clock;
  log: WorkerLog;
  /** Batch size and polling of every handler. */
  work: WorkOptions;
}

/** A feature's part of the background work, registered at start (see src/background.ts). */
export interface BackgroundFeature {
  name: string;
  queues(t: Tuning): QueueDefinition[];
  /** Registers the feature's job handlers. */
  start?(ctx: WorkerContext): Promise<void>;
  /** Renderers of the delivery templates the feature queues, by template name. */
  renderers?: Readonly<Record<string, DeliveryRenderer>>;
  /** Acts on each domain event of the outbox. */
  outbox?(ctx: WorkerContext): OutboxHandler;
}

export interface WorkerOptions {
  transports: Transports;
  config: Pick<Config, 'publicUrl' | 'port' | 'linkSecret'>;
  log: WorkerLog;
  features: readonly BackgroundFeature[];
  tuning?: Partial<Tuning>;
  clock?: Clock;
}

export interface Workers {
  jobs: Jobs;
  /** Processes the outbox now (tests; the loop does it every outboxPollMs). */
  drainOutbox(): Promise<number>;
  /** graceful: finish the running handlers; otherwise abandon them, as a crash would. */
  stop(graceful?: boolean): Promise<void>;
}

export function allQueues(features: readonly BackgroundFeature[], t: Tuning = DEFAULT_TUNING): QueueDefinition[] {
  return [...deliveryQueues(t), ...features.flatMap((f) => f.queues(t))];
}

export async function startWorkers(db: Db, o: WorkerOptions): Promise<Workers> {
  const tuning: Tuning = { ...DEFAULT_TUNING, ...o.tuning };
  const clock = o.clock ?? systemClock;
  const secret = await linkSecret(db, o.config.linkSecret);
  const jobs = await Jobs.start(db, {
    supervise: true,
    queues: allQueues(o.features, tuning),
    superviseIntervalSeconds: tuning.superviseIntervalSeconds,
    onError: (e) => o.log.error({ err: e }, 'job queue error'),
  });
  const ctx: WorkerContext = {
    db,
    jobs,
    tuning,
    clock,
    log: o.log,
    work: { batchSize: tuning.jobBatch, pollingIntervalSeconds: tuning.pollingIntervalSeconds },
  };
  const renderers = new Map(o.features.flatMap((f) => Object.entries(f.renderers ?? {})));
  const sendDeps = { transports: o.transports, secret, baseUrl: linkBaseUrl(o.config), tuning, clock, renderers };

  await jobs.work<{ deliveryId: string }>(DELIVERY_QUEUE, ctx.work, async (job) => {
    const outcome = await runDelivery(db, sendDeps, job.data.deliveryId);
    if (outcome === 'failed') o.log.warn({ deliveryId: job.data.deliveryId }, 'delivery failed for good');
  });
  for (const f of o.features) await f.start?.(ctx);
  const handlers = o.features.flatMap((f) => (f.outbox ? [f.outbox(ctx)] : []));

  let stopped = false;
  let draining: Promise<number> | null = null;
  const drainOutbox = () => {
    draining ??= (async () => {
      let total = 0;
      try {
        for (let n = tuning.outboxBatch; n === tuning.outboxBatch && !stopped; total += n) {
          n = await consumeOutbox(db, { handlers, batch: tuning.outboxBatch, log: o.log });
        }
      } finally {
        draining = null;
      }
      return total;
    })();
    return draining;
  };
  const timer = setInterval(() => {
    drainOutbox().catch((e: unknown) => o.log.error({ err: e }, 'outbox consumer failed'));
  }, tuning.outboxPollMs);
  timer.unref();

  return {
    jobs,
    drainOutbox,
    async stop(graceful = true) {
      stopped = true;
      clearInterval(timer);
      if (graceful) await draining?.catch(() => undefined);
      await jobs.stop(graceful);
      if (graceful) for (const t of [o.transports.email, o.transports.sms]) await t.close?.();
    },
  };
}
