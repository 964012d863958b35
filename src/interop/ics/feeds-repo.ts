/** SQL for ICS feeds. Tokens are never stored, only their SHA-256. */
import type { Actor } from '../../core/auth/actor.ts';
import type { Queryable } from '../../core/db/types.ts';
import type { PatientLabel } from './calendar.ts';

export interface FeedRow {
  id: string;
  patientLabel: PatientLabel;
  createdAt: string;
  lastReadAt: string | null;
}

interface Row {
  id: string;
  patient_label: PatientLabel;
  created_at: Date;
  last_read_at: Date | null;
}

const feed = (r: Row): FeedRow => ({
  id: r.id,
  patientLabel: r.patient_label,
  createdAt: r.created_at.toISOString(),
  lastReadAt: r.last_read_at?.toISOString() ?? null,
});

export async function liveFeed(q: Queryable, userId: string): Promise<FeedRow | null> {
  const { rows } = await q.query<Row>('select id, patient_label, created_at, last_read_at from ics_feeds where user_id = $1 and revoked_at is null', [userId]);
  return rows[0] ? feed(rows[0]) : null;
}

/** Revokes the user's live feed, if any; true when one was revoked. */
export async function revokeLive(q: Queryable, userId: string, at: Date): Promise<boolean> {
  const { rows } = await q.query('update ics_feeds set revoked_at = $2 where user_id = $1 and revoked_at is null returning id', [userId, at]);
  return rows.length > 0;
}

export async function insertFeed(
  q: Queryable,
  f: { organisationId: string; userId: string; practitionerId: string; tokenHash: string; label: PatientLabel; at: Date },
): Promise<FeedRow> {
  const { rows } = await q.query<Row>(
    `insert into ics_feeds (organisation_id, user_id, practitioner_id, token_hash, patient_label, created_at)
     values ($1, $2, $3, $4, $5, $6) returning id, patient_label, created_at, last_read_at`,
    [f.organisationId, f.userId, f.practitionerId, f.tokenHash, f.label, f.at],
  );
  return feed(rows[0]!);
}

export async function setLabel(q: Queryable, userId: string, label: PatientLabel): Promise<FeedRow | null> {
  const { rows } = await q.query<Row>(
    'update ics_feeds set patient_label = $2 where user_id = $1 and revoked_at is null returning id, patient_label, created_at, last_read_at',
    [userId, label],
  );
  return rows[0] ? feed(rows[0]) : null;
}

export interface FeedOwner {
  feedId: string;
  label: PatientLabel;
  calendarName: string;
  actor: Actor;
}

/**
 * The live feed of a token and the actor it reads as: its practitioner user, with the scope a session of that
 * user would have. Null when the token is unknown, revoked, or its user inactive.
 */
export async function feedByToken(q: Queryable, tokenHash: string, at: Date): Promise<FeedOwner | null> {
  const { rows } = await q.query<{
    id: string;
    patient_label: PatientLabel;
    user_id: string;
    organisation_id: string;
    email: string;
    display_name: string;
    locale: 'fr' | 'en';
    practitioner_id: string;
    calendar_name: string;
    practice_ids: string[];
  }>(
    `update ics_feeds f set last_read_at = $2
       from users u, practitioners pr
      where f.token_hash = $1 and f.revoked_at is null and u.id = f.user_id and u.active and u.role = 'practitioner'
        and pr.id = f.practitioner_id and u.practitioner_id = f.practitioner_id
     returning f.id, f.patient_label, u.id as user_id, u.organisation_id, u.email, u.display_name, u.locale, f.practitioner_id,
       concat_ws(' ', pr.title, pr.first_name, pr.last_name) as calendar_name,
       array(select pp.practice_id from practice_practitioners pp join practices p on p.id = pp.practice_id
              where pp.practitioner_id = f.practitioner_id and p.organisation_id = u.organisation_id order by 1) as practice_ids`,
    [tokenHash, at],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    feedId: r.id,
    label: r.patient_label,
    calendarName: r.calendar_name,
    actor: {
      userId: r.user_id,
      organisationId: r.organisation_id,
      role: 'practitioner',
      email: r.email,
      displayName: r.display_name,
      locale: r.locale,
      practitionerId: r.practitioner_id,
      practiceIds: r.practice_ids,
    },
  };
}
