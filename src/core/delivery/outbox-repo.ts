/** SQL for the domain_events outbox: take a batch nobody else holds, mark it processed. */
import type { Queryable } from '../db/types.ts';

export interface OutboxEvent {
  id: number;
  organisationId: string;
  practiceId: string | null;
  type: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

interface EventRow {
  id: number;
  organisation_id: string;
  practice_id: string | null;
  type: string;
  payload: Record<string, unknown>;
  created_at: Date;
}

/** Locks up to `batch` unprocessed events, oldest first, skipping those another worker holds. */
export async function takeEvents(tx: Queryable, batch: number): Promise<OutboxEvent[]> {
  const { rows } = await tx.query<EventRow>(
    `select id, organisation_id, practice_id, type, payload, created_at from domain_events
      where processed_at is null order by id limit $1 for update skip locked`,
    [batch],
  );
  return rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    practiceId: r.practice_id,
    type: r.type,
    payload: r.payload,
    createdAt: r.created_at,
  }));
}

export async function markProcessed(tx: Queryable, ids: number[]): Promise<void> {
  if (ids.length) await tx.query('update domain_events set processed_at = now() where id = any($1::bigint[])', [ids]);
}

export async function savepoint(tx: Queryable, action: 'savepoint' | 'release savepoint' | 'rollback to savepoint'): Promise<void> {
  await tx.query(`${action} outbox_event`);
}
