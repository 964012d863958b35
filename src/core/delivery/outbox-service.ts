/**
 * The consumer of the domain_events outbox. A batch is taken with FOR UPDATE SKIP LOCKED, so two
 * workers never take the same event; each event's deliveries and jobs are written in the SAME
 * transaction that marks it processed: an event is acted upon exactly once, and only if the business
 * transaction that wrote it committed (a rolled-back booking left no event). Features register the
 * handlers (notify turns the agenda's events into patients' notices).
 */
import type { Db, Queryable } from '../db/types.ts';
import { markProcessed, savepoint, takeEvents, type OutboxEvent } from './outbox-repo.ts';

export type { OutboxEvent } from './outbox-repo.ts';

/** Acts on one event inside the consumer's transaction; a throw undoes this event's work only. */
export type OutboxHandler = (tx: Queryable, event: OutboxEvent) => Promise<void>;

export interface OutboxLog {
  error(fields: Record<string, unknown>, message: string): void;
}

/** Processes one batch; answers how many events it took. */
export async function consumeOutbox(db: Db, o: { handlers: readonly OutboxHandler[]; batch: number; log?: OutboxLog }): Promise<number> {
  return db.transaction(async (tx) => {
    const events = await takeEvents(tx, o.batch);
    for (const event of events) {
      // One event's failure (a bug, bad data) must not hold the others back: its work is undone, it is logged and passed.
      await savepoint(tx, 'savepoint');
      try {
        for (const handle of o.handlers) await handle(tx, event);
        await savepoint(tx, 'release savepoint');
      } catch (error) {
        await savepoint(tx, 'rollback to savepoint');
        o.log?.error({ eventId: event.id, err: error }, 'domain event not handled');
      }
    }
    await markProcessed(
      tx,
      events.map((e) => e.id),
    );
    return events.length;
  });
}
