/**
 * SQL of a practice's month of work besides calls: appointments booked by the secretariat, moved and
 * cancelled, messages taken, SMS sent, waitlist refills. Read-only; ids and instants only (no patient data).
 */
import type { Queryable } from '../core/db/types.ts';

export interface Window {
  practiceId: string;
  from: Date;
  to: Date;
}

export interface DatedRow {
  id: string;
  at: Date;
}

/** Appointments booked over the phone (the secretariat's work) in the window, whatever became of them. */
export async function appointmentsBooked(q: Queryable, w: Window): Promise<DatedRow[]> {
  const { rows } = await q.query<DatedRow>(
    `select id, created_at as at from appointments where practice_id = $1 and channel = 'phone' and created_at >= $2 and created_at < $3 order by created_at, id`,
    [w.practiceId, w.from, w.to],
  );
  return rows;
}

export async function messagesTaken(q: Queryable, w: Window): Promise<DatedRow[]> {
  const { rows } = await q.query<DatedRow>(
    'select id, created_at as at from messages where practice_id = $1 and created_at >= $2 and created_at < $3 order by created_at, id',
    [w.practiceId, w.from, w.to],
  );
  return rows;
}

/** SMS handed to the provider in the window (sent or delivered). */
export async function smsSent(q: Queryable, w: Window): Promise<DatedRow[]> {
  const { rows } = await q.query<DatedRow>(
    `select id, sent_at as at from deliveries where practice_id = $1 and channel = 'sms' and status in ('sent', 'delivered') and sent_at >= $2 and sent_at < $3 order by sent_at, id`,
    [w.practiceId, w.from, w.to],
  );
  return rows;
}

export interface AgendaFigures {
  moved: number;
  cancelled: number;
  waitlistRefills: number;
}

export async function agendaFigures(q: Queryable, w: Window): Promise<AgendaFigures> {
  const { rows } = await q.query<AgendaFigures>(
    `select
       (select count(*) from appointments a, jsonb_array_elements(a.history) h
         where a.practice_id = $1 and (h->>'at')::timestamptz >= $2 and (h->>'at')::timestamptz < $3)::int as moved,
       (select count(*) from appointments where practice_id = $1 and cancelled_at >= $2 and cancelled_at < $3)::int as cancelled,
       (select count(*) from waitlist_entries where practice_id = $1 and status = 'fulfilled' and updated_at >= $2 and updated_at < $3)::int as "waitlistRefills"`,
    [w.practiceId, w.from, w.to],
  );
  return rows[0] ?? { moved: 0, cancelled: 0, waitlistRefills: 0 };
}
