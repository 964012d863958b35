/**
 * The background workers of notifications and messages, on pg-boss: deliveries, reminders, waitlist
 * offers, escalations, and the loop that turns the agenda's outbox into them. Any number of workers
 * may run, in one process or several: each job and each outbox event is taken by one of them.
 */
import type { Config } from '../core/config.ts';
import type { Db } from '../core/db/types.ts';
import { Jobs } from '../core/jobs/jobs.ts';
import { escalate } from '../messages/escalation-service.ts';
import { runDelivery } from './delivery-service.ts';
import { consumeOutbox } from './outbox.ts';
import { offerFreedSlot } from './offers-service.ts';
import { fireReminder } from './reminder-service.ts';
import { DEFAULT_TUNING, QUEUE, queueDefinitions, type Tuning } from './queues.ts';
import { linkBaseUrl, linkSecret } from './secret.ts';
import { transportsFromConfig } from './transports/index.ts';
import type { Transports } from './transports/types.ts';

export interface WorkerLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface WorkerOptions {
  transports: Transports;
  config: Pick<Config, 'publicUrl' | 'port' | 'linkSecret'>;
  log: WorkerLog;
  tuning?: Partial<Tuning>;
}

export interface Workers {
  jobs: Jobs;
  /** Processes the outbox now (tests; the loop does it every outboxPollMs). */
  drainOutbox(): Promise<number>;
  /** graceful: finish the running handlers; otherwise abandon them, as a crash would. */
  stop(graceful?: boolean): Promise<void>;
}

export async function startWorkers(db: Db, o: WorkerOptions): Promise<Workers> {
  const tuning: Tuning = { ...DEFAULT_TUNING, ...o.tuning };
  const secret = await linkSecret(db, o.config.linkSecret);
  const jobs = await Jobs.start(db, {
    supervise: true,
    queues: queueDefinitions(tuning),
    superviseIntervalSeconds: tuning.superviseIntervalSeconds,
    onError: (e) => o.log.error({ err: e }, 'job queue error'),
  });
  const deps = { jobs, tuning };
  const work = { batchSize: tuning.jobBatch, pollingIntervalSeconds: tuning.pollingIntervalSeconds };
  const sendDeps = { transports: o.transports, secret, baseUrl: linkBaseUrl(o.config), tuning };

  await jobs.work<{ deliveryId: string }>(QUEUE.delivery, work, async (job) => {
    const outcome = await runDelivery(db, sendDeps, job.data.deliveryId);
    if (outcome === 'failed') o.log.warn({ deliveryId: job.data.deliveryId }, 'delivery failed for good');
  });
  await jobs.work<{ appointmentId: string; rule: string }>(QUEUE.reminder, work, async (job) => {
    await fireReminder(db, deps, job.data.appointmentId, job.data.rule);
  });
  await jobs.work<{ appointmentId: string }>(QUEUE.waitlist, work, async (job) => {
    await offerFreedSlot(db, deps, job.data.appointmentId, `job-${job.id}`);
  });
  await jobs.work<{ messageId: string; step: number }>(QUEUE.escalate, work, async (job) => {
    await escalate(db, deps, job.data.messageId, job.data.step);
  });

  let stopped = false;
  let draining: Promise<number> | null = null;
  const drainOutbox = () => {
    draining ??= (async () => {
      let total = 0;
      try {
        for (let n = tuning.outboxBatch; n === tuning.outboxBatch && !stopped; total += n) n = await consumeOutbox(db, deps, tuning.outboxBatch, o.log);
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

/** `relais start`: the workers with the configured transports, unless RELAIS_WORKERS=false. */
export async function startBackgroundWorkers(db: Db, config: Config, log: WorkerLog): Promise<Workers | undefined> {
  if (!config.workers) return undefined;
  if (!config.linkSecret && config.production) log.warn({}, 'RELAIS_LINK_SECRET is not set: patient links are signed with a key stored in the database');
  const transports = transportsFromConfig(config, (fields, message) => log.info(fields, message));
  return startWorkers(db, { transports, config, log });
}
