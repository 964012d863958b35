/**
 * Durable jobs (pg-boss). A feature declares its queues, enqueues INSIDE its business transaction
 * (`send(tx, …)`: a transaction that rolls back leaves no job), and registers handlers on a worker.
 * Handlers must be idempotent: a job whose worker died is run again once its expiry passes.
 */
import { randomUUID } from 'node:crypto';
import type { Job, PgBoss, Queue } from 'pg-boss';
import type { Db, Queryable } from '../db/types.ts';
import { startBoss, txDatabase } from './boss.ts';
import { JOBS_STARTUP_LOCK, withStartupLock } from '../db/startup-lock.ts';

export type QueueDefinition = Queue;

export interface SendOptions {
  /** Not before this instant. */
  startAfter?: Date;
  /** With a queue policy other than 'standard': at most one queued job per key. */
  singletonKey?: string;
  /** Overrides the queue's number of retries. */
  retryLimit?: number;
}

export type JobHandler<T> = (job: Job<T>) => Promise<void>;

export interface WorkOptions {
  batchSize?: number;
  pollingIntervalSeconds?: number;
}

export class Jobs {
  private readonly defined = new Set<string>();
  private constructor(readonly boss: PgBoss) {}

  static async start(
    db: Db,
    o: { supervise: boolean; queues: readonly QueueDefinition[]; superviseIntervalSeconds?: number; onError?: (e: Error) => void },
  ): Promise<Jobs> {
    // Two instances starting together on a fresh database would both create pg-boss' schema: one at a time.
    return withStartupLock(db, JOBS_STARTUP_LOCK, async () => {
      const boss = await startBoss(db, o);
      const jobs = new Jobs(boss);
      await jobs.define(o.queues);
      return jobs;
    });
  }

  /** Creates the queues that do not exist yet, and loads each into pg-boss' cache. */
  async define(queues: readonly QueueDefinition[]): Promise<void> {
    for (const q of queues) {
      const { name, ...options } = q;
      if (this.defined.has(name)) continue;
      if (!(await this.boss.getQueue(name))) await this.boss.createQueue(name, options);
      // A send inside a PGlite transaction must not need pg-boss' own connection (it would wait for
      // the transaction to end): finding a job goes through the queue cache and fills it now.
      await this.boss.findJobs(name, { id: randomUUID() });
      this.defined.add(name);
    }
  }

  /** Enqueues through the caller's transaction. Answers the job id, or null when a singleton key refused it. */
  async send(tx: Queryable, name: string, data: object, options: SendOptions = {}): Promise<string | null> {
    return this.boss.send(name, data, {
      db: txDatabase(tx),
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      ...(options.retryLimit !== undefined ? { retryLimit: options.retryLimit } : {}),
    });
  }

  /** Runs `handler` for each job of the queue, one at a time per fetched batch. A throw retries the job. */
  async work<T>(name: string, options: WorkOptions, handler: JobHandler<T>): Promise<string> {
    return this.boss.work<T>(name, { batchSize: options.batchSize ?? 5, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async (jobs) => {
      for (const job of jobs) await handler(job);
    });
  }

  /** Stops polling; `graceful: false` abandons running handlers (their jobs expire and run again). */
  async stop(graceful = true): Promise<void> {
    await this.boss.stop({ graceful, close: true, timeout: graceful ? 10_000 : 1 });
  }
}

/** One producer per database, started on first use, for enqueuing from request handlers. */
const producers = new WeakMap<Db, Promise<Jobs>>();

export function producerFor(db: Db, queues: readonly QueueDefinition[]): Promise<Jobs> {
  let p = producers.get(db);
  if (!p) {
    p = Jobs.start(db, { supervise: false, queues });
    p.catch(() => producers.delete(db));
    producers.set(db, p);
    return p;
  }
  return p.then(async (jobs) => {
    await jobs.define(queues);
    return jobs;
  });
}

/** Stops the producer of a database, if one was started (on server close). */
export async function stopProducer(db: Db): Promise<void> {
  const p = producers.get(db);
  if (!p) return;
  producers.delete(db);
  await (await p.catch(() => undefined))?.stop();
}
