/**
 * The consumer of the agenda's domain_events outbox. A batch is taken with FOR UPDATE SKIP LOCKED, so
 * two workers never take the same event; each event's deliveries and jobs are written in the SAME
 * transaction that marks it processed: an event is acted upon exactly once, and only if its booking
 * committed (a rolled-back booking left no event).
 */
import type { Db } from '../core/db/types.ts';
import { onAppointmentEvent, type EventDeps, type OutboxEvent } from './appointment-events.ts';

interface EventRow {
  id: number;
  organisation_id: string;
  practice_id: string | null;
  type: string;
  payload: Record<string, unknown>;
  created_at: Date;
}

export interface OutboxLog {
  error(fields: Record<string, unknown>, message: string): void;
}

/** Processes one batch; answers how many events it took. */
export async function consumeOutbox(db: Db, deps: EventDeps, batch: number, log?: OutboxLog): Promise<number> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<EventRow>(
      `select id, organisation_id, practice_id, type, payload, created_at from domain_events
        where processed_at is null order by id limit $1 for update skip locked`,
      [batch],
    );
    for (const r of rows) {
      const event: OutboxEvent = { id: r.id, organisationId: r.organisation_id, practiceId: r.practice_id, type: r.type, payload: r.payload, createdAt: r.created_at };
      // One event's failure (a bug, bad data) must not hold the others back: its work is undone, it is logged and passed.
      await tx.query('savepoint outbox_event');
      try {
        await onAppointmentEvent(tx, deps, event);
        await tx.query('release savepoint outbox_event');
      } catch (error) {
        await tx.query('rollback to savepoint outbox_event');
        log?.error({ eventId: r.id, err: error }, 'domain event not handled');
      }
    }
    if (rows.length) await tx.query('update domain_events set processed_at = now() where id = any($1::bigint[])', [rows.map((r) => r.id)]);
    return rows.length;
  });
}
