/** SQL of the monthly activity report: counts over appointments, messages and waitlist offers. No patient data leaves. */
import type { Queryable } from '../core/db/types.ts';

export interface Window {
  organisationId: string;
  practiceId: string;
  /** Only this practitioner's figures; null for the whole practice. */
  practitionerId: string | null;
  from: Date;
  to: Date;
}

const params = (w: Window) => [w.organisationId, w.practiceId, w.practitionerId, w.from, w.to];
const OWNED = 'organisation_id = $1 and practice_id = $2 and ($3::uuid is null or practitioner_id = $3)';

export async function practiceZone(db: Queryable, organisationId: string, practiceId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ time_zone: string }>('select time_zone from practices where organisation_id = $1 and id = $2', [
    organisationId,
    practiceId,
  ]);
  return rows[0]?.time_zone;
}

export interface AppointmentCounts {
  booked_by_channel: Record<string, number>;
  moved: number;
  cancelled_by_kind: Record<string, number>;
  honoured: number;
  no_show: number;
  no_show_excused: number;
}

/** Booked = created in the window (by channel); moved = moves made in it; cancelled = cancellations made in it; outcomes of appointments held in it. */
export async function appointmentCounts(db: Queryable, w: Window): Promise<AppointmentCounts> {
  const { rows } = await db.query<AppointmentCounts>(
    `select
       coalesce((select json_object_agg(channel, n) from (select channel, count(*)::int as n from appointments
                  where ${OWNED} and created_at >= $4 and created_at < $5 group by channel) b), '{}'::json) as booked_by_channel,
       (select count(*)::int from appointments a cross join lateral jsonb_array_elements(a.history) h
         where a.organisation_id = $1 and a.practice_id = $2 and ($3::uuid is null or a.practitioner_id = $3)
           and (h->>'at')::timestamptz >= $4 and (h->>'at')::timestamptz < $5) as moved,
       coalesce((select json_object_agg(kind, n) from (select coalesce(cancelled_by_kind, 'secretariat') as kind, count(*)::int as n from appointments
                  where ${OWNED} and status = 'cancelled' and cancelled_at >= $4 and cancelled_at < $5 group by 1) c), '{}'::json) as cancelled_by_kind,
       (select count(*)::int from appointments where ${OWNED} and status = 'honoured' and lower(during) >= $4 and lower(during) < $5) as honoured,
       (select count(*)::int from appointments where ${OWNED} and status = 'no_show' and lower(during) >= $4 and lower(during) < $5) as no_show,
       (select count(*)::int from appointments where ${OWNED} and status = 'no_show' and no_show_excused and lower(during) >= $4 and lower(during) < $5) as no_show_excused`,
    params(w),
  );
  return rows[0]!;
}

export async function messageCounts(db: Queryable, w: Window): Promise<Record<string, number>> {
  const { rows } = await db.query<{ type: string; n: number }>(
    `select type, count(*)::int as n from messages where ${OWNED} and created_at >= $4 and created_at < $5 group by type`,
    params(w),
  );
  return Object.fromEntries(rows.map((r) => [r.type, r.n]));
}

/** Freed slots offered to the waitlist in the window, and those a waiting patient took. */
export async function waitlistCounts(db: Queryable, w: Window): Promise<{ offered: number; refilled: number }> {
  const { rows } = await db.query<{ offered: number; refilled: number }>(
    `select count(*)::int as offered, count(*) filter (where status = 'taken')::int as refilled
       from waitlist_offers where ${OWNED} and created_at >= $4 and created_at < $5`,
    params(w),
  );
  return rows[0]!;
}
