/** The background work of "open doors" (webhook fan-out and deliveries), on the process's job system. */
import type { Config } from '../core/config.ts';
import type { Db } from '../core/db/types.ts';
import type { Jobs } from '../core/jobs/jobs.ts';
import { transportsFromConfig } from '../core/delivery/transports/index.ts';
import { startWebhookWorkers, type WebhookWorkers } from './webhooks/workers.ts';

interface Log {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export function startInteropWorkers(db: Db, o: { config: Config; jobs: Jobs; log: Log }): Promise<WebhookWorkers> {
  // The admin's notice goes through the configured e-mail transport (SMTP, or the log without one).
  const email = transportsFromConfig(o.config, (fields, message) => o.log.info(fields, message)).email;
  return startWebhookWorkers(db, { jobs: o.jobs, log: o.log, sendEmail: async (mail) => void (await email.send(mail)) });
}
