/**
 * The domain events outbox: rows written in the business transaction, so an event exists exactly when
 * its change does. The notifications capability consumes them (processed_at). Payloads carry ids only.
 */
import type { Queryable } from '../core/db/types.ts';

export type AgendaEventType = 'appointment.booked' | 'appointment.moved' | 'appointment.cancelled' | 'appointment.outcome';

export interface DomainEvent {
  organisationId: string;
  practiceId: string | null;
  type: AgendaEventType;
  payload: Record<string, unknown>;
}

export async function emitEvents(q: Queryable, events: readonly DomainEvent[]): Promise<void> {
  if (events.length === 0) return;
  await q.query(
    `insert into domain_events (organisation_id, practice_id, type, payload)
     select e.organisation_id, e.practice_id, e.type, e.payload
       from jsonb_to_recordset($1::jsonb) as e(organisation_id uuid, practice_id uuid, type text, payload jsonb)`,
    [JSON.stringify(events.map((e) => ({ organisation_id: e.organisationId, practice_id: e.practiceId, type: e.type, payload: e.payload })))],
  );
}
