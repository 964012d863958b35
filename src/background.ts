/**
 * Assembles the background workers as server.ts assembles the routes: core's deliveries and outbox, and
 * each feature's own part (its queues, job handlers, delivery renderers, outbox handler). A new feature
 * with background work adds its `BackgroundFeature` here.
 */
import type { Config } from './core/config.ts';
import type { Db } from './core/db/types.ts';
import { startWorkers, type BackgroundFeature, type WorkerLog, type WorkerOptions, type Workers } from './core/delivery/workers.ts';
import { transportsFromConfig } from './core/delivery/transports/index.ts';
import { messagesBackground } from './messages/background-service.ts';
import { notifyBackground } from './notify/background-service.ts';

export const BACKGROUND_FEATURES: readonly BackgroundFeature[] = [notifyBackground, messagesBackground];

/** The workers of every feature (tests pass their transports, timings and clock). */
export function startAppWorkers(db: Db, o: Omit<WorkerOptions, 'features'>): Promise<Workers> {
  return startWorkers(db, { ...o, features: BACKGROUND_FEATURES });
}

/** `relais start`: the workers with the configured transports, unless RELAIS_WORKERS=false. */
export async function startBackgroundWorkers(db: Db, config: Config, log: WorkerLog): Promise<Workers | undefined> {
  if (!config.workers) return undefined;
  if (!config.linkSecret && config.production) log.warn({}, 'RELAIS_LINK_SECRET is not set: patient links are signed with a key stored in the database');
  const transports = transportsFromConfig(config, (fields, message) => log.info(fields, message));
  return startAppWorkers(db, { transports, config, log });
}
