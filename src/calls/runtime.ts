/**
 * What the calls services share at run time: the database, the clock, the event bus, the carriers'
 * commands, and the after-commit effects of a use case (signals to publish, carrier commands to send,
 * organisations whose queues the dispatcher must look at again).
 */
import type { Db, Queryable } from '../core/db/types.ts';
import type { OfferRow } from './repo.ts';
import type { EventBus } from '../core/events/bus.ts';
import { CALLS_CHANNEL, type Signal } from './live/signals.ts';
import { NO_COMMANDS, type TelephonyCommands } from './telephony/port.ts';

import { systemClock, type Clock } from '../core/time/clock.ts';

export type { Clock } from '../core/time/clock.ts';
export const SYSTEM_CLOCK: Clock = systemClock;

export interface CallsLog {
  error(obj: Record<string, unknown>, msg: string): void;
}

/**
 * Side effects collected inside a transaction and carried out once it has committed. Always created inside
 * the transaction function (see `inTransaction`): when the database retries a transaction, the function
 * runs again with fresh effects, so that nothing of the aborted attempt is sent.
 */
export class Effects {
  readonly signals: Signal[] = [];
  readonly commands: (() => Promise<void>)[] = [];
  readonly dispatch = new Set<string>();
  /** Offers to keep in the runtime's memory (screen-pops without a read-back), once committed. */
  readonly offers: OfferRow[] = [];

  signal(s: Signal): void {
    this.signals.push(s);
  }
  command(run: () => Promise<void>): void {
    this.commands.push(run);
  }
  remember(offer: OfferRow): void {
    this.offers.push(offer);
  }
  /** The dispatcher must look at this organisation's queues again. */
  redispatch(organisationId: string): void {
    this.dispatch.add(organisationId);
  }
}

export interface CallsRuntime {
  readonly db: Db;
  readonly bus: EventBus;
  /** Replaceable in tests and simulations (every instant the calls capability records comes from it). */
  clock: Clock;
  readonly log: CallsLog;
  commandsFor(provider: string): TelephonyCommands;
  /** Set once the dispatcher exists; runs (or re-runs) an organisation's routing. */
  redispatch(organisationId: string): void;
  /** Offers this instance just made, so that its own screen-pops need no read-back (bounded). */
  readonly recentOffers: Map<string, OfferRow>;
}

const RECENT_OFFERS_MAX = 1000;

export function rememberOffer(rt: CallsRuntime, offer: OfferRow): void {
  rt.recentOffers.set(offer.id, offer);
  if (rt.recentOffers.size > RECENT_OFFERS_MAX) rt.recentOffers.delete(rt.recentOffers.keys().next().value as string);
}

export function commandsRegistry(entries: Record<string, TelephonyCommands>): (provider: string) => TelephonyCommands {
  return (provider) => entries[provider] ?? NO_COMMANDS;
}

/**
 * Runs fn in one transaction with effects created inside it: a retried transaction (serialisation failure,
 * deadlock) starts again with empty effects. Answers fn's result and the effects of the attempt that committed.
 */
export function inTransaction<T>(db: Db, fn: (tx: Queryable, fx: Effects) => Promise<T>): Promise<{ result: T; fx: Effects }> {
  return db.transaction(async (tx) => {
    const fx = new Effects();
    return { result: await fn(tx, fx), fx };
  });
}

/** Runs a use case in one transaction, then publishes its signals, sends its commands and re-dispatches. */
export async function commit<T>(rt: CallsRuntime, fn: (tx: Queryable, fx: Effects) => Promise<T>): Promise<T> {
  const { result, fx } = await inTransaction(rt.db, fn);
  await afterCommit(rt, fx);
  return result;
}

export async function afterCommit(rt: CallsRuntime, fx: Effects): Promise<void> {
  for (const offer of fx.offers) rememberOffer(rt, offer);
  for (const org of fx.dispatch) rt.redispatch(org);
  if (fx.signals.length) {
    await rt.bus.publish(CALLS_CHANNEL, fx.signals).catch((err: unknown) => rt.log.error({ err }, 'calls: publishing live events failed'));
  }
  for (const run of fx.commands) {
    // The carrier is told after the fact; a carrier failure does not undo what Relais recorded.
    run().catch((err: unknown) => rt.log.error({ err }, 'calls: carrier command failed'));
  }
}

export function seconds(from: Date | null, to: Date): number {
  return from ? Math.max(0, Math.floor((to.getTime() - from.getTime()) / 1000)) : 0;
}
