/** SQL for the waitlist (liste d'attente). Entries are served in created order (seq). */
import type { Actor } from '../core/auth/actor.ts';
import type { Queryable } from '../core/db/types.ts';
import type { WaitlistEntryDto } from './schemas.ts';

interface EntryRow {
  id: string;
  seq: number;
  practice_id: string;
  patient_id: string;
  patient_name: string;
  practitioner_id: string;
  motif_id: string | null;
  from_at: Date;
  to_at: Date;
  note: string | null;
  status: WaitlistEntryDto['status'];
  created_at: Date;
}

const SELECT = `select w.id, w.seq, w.practice_id, w.patient_id,
    upper(coalesce(p.usual_name, p.birth_name)) || ' ' || p.first_given_name as patient_name,
    w.practitioner_id, w.motif_id, lower(w.period) as from_at, upper(w.period) as to_at, w.note, w.status, w.created_at
  from waitlist_entries w join patients p on p.id = w.patient_id`;

function entryDto(r: EntryRow): WaitlistEntryDto {
  return {
    id: r.id,
    position: r.seq,
    practiceId: r.practice_id,
    patientId: r.patient_id,
    patientName: r.patient_name,
    practitionerId: r.practitioner_id,
    motifId: r.motif_id,
    from: r.from_at.toISOString(),
    to: r.to_at.toISOString(),
    note: r.note,
    status: r.status,
    createdAt: r.created_at.toISOString(),
  };
}

export async function insertEntry(
  q: Queryable,
  e: {
    organisationId: string;
    practiceId: string;
    patientId: string;
    practitionerId: string;
    motifId: string | null;
    from: string;
    to: string;
    note: string | null;
    createdBy: string;
  },
): Promise<WaitlistEntryDto> {
  const { rows } = await q.query<{ id: string }>(
    `insert into waitlist_entries (organisation_id, practice_id, patient_id, practitioner_id, motif_id, period, note, created_by)
     values ($1, $2, $3, $4, $5, tstzrange($6::timestamptz, $7::timestamptz, '[)'), $8, $9) returning id`,
    [e.organisationId, e.practiceId, e.patientId, e.practitionerId, e.motifId, e.from, e.to, e.note, e.createdBy],
  );
  return (await findEntry(q, rows[0]!.id))!;
}

async function findEntry(q: Queryable, id: string): Promise<WaitlistEntryDto | undefined> {
  const { rows } = await q.query<EntryRow>(`${SELECT} where w.id = $1`, [id]);
  return rows[0] ? entryDto(rows[0]) : undefined;
}

/** An entry inside the actor's scope. */
export async function findEntryInScope(q: Queryable, actor: Actor, id: string): Promise<WaitlistEntryDto | undefined> {
  const { rows } = await q.query<EntryRow>(`${SELECT} where w.id = $1 and w.organisation_id = $2 and w.practice_id = any($3::uuid[])`, [
    id,
    actor.organisationId,
    actor.practiceIds,
  ]);
  return rows[0] ? entryDto(rows[0]) : undefined;
}

export async function withdrawEntry(q: Queryable, id: string): Promise<void> {
  await q.query(`update waitlist_entries set status = 'withdrawn', updated_at = now() where id = $1`, [id]);
}

/** Waiting entries, oldest first, of a practitioner or a patient, inside the actor's scope. */
export async function listWaiting(q: Queryable, actor: Actor, by: { practitionerId?: string; patientId?: string }): Promise<WaitlistEntryDto[]> {
  const { rows } = await q.query<EntryRow>(
    `${SELECT}
      where w.status = 'waiting' and w.organisation_id = $1 and w.practice_id = any($2::uuid[])
        and ($3::uuid is null or w.practitioner_id = $3) and ($4::uuid is null or w.patient_id = $4)
      order by w.seq`,
    [actor.organisationId, actor.practiceIds, by.practitionerId ?? null, by.patientId ?? null],
  );
  return rows.map(entryDto);
}

/**
 * The entries a freed slot suits, in order: waiting for this practitioner, over a period that contains
 * the slot, for any motif or one that fits in the slot; never the patient who freed it.
 */
export async function matchesForSlot(
  q: Queryable,
  actor: Actor,
  slot: { practitionerId: string; start: string; end: string; exceptPatientId: string },
): Promise<WaitlistEntryDto[]> {
  const { rows } = await q.query<EntryRow>(
    `${SELECT} left join motifs m on m.id = w.motif_id
      where w.status = 'waiting' and w.practitioner_id = $1 and w.organisation_id = $2 and w.practice_id = any($3::uuid[])
        and w.period @> tstzrange($4::timestamptz, $5::timestamptz, '[)') and w.patient_id <> $6
        and (w.motif_id is null or m.duration_minutes * interval '1 minute' <= $5::timestamptz - $4::timestamptz)
      order by w.seq`,
    [slot.practitionerId, actor.organisationId, actor.practiceIds, slot.start, slot.end, slot.exceptPatientId],
  );
  return rows.map(entryDto);
}

/** A patient booked inside the period he waited for no longer waits (an earlier-slot wish stays). */
export async function fulfilEntries(q: Queryable, a: { practitionerId: string; patientId: string; start: string; end: string }): Promise<void> {
  await q.query(
    `update waitlist_entries set status = 'fulfilled', updated_at = now()
      where practitioner_id = $1 and patient_id = $2 and status = 'waiting' and period @> tstzrange($3::timestamptz, $4::timestamptz, '[)')`,
    [a.practitionerId, a.patientId, a.start, a.end],
  );
}

export interface FreedSlot {
  organisationId: string;
  practiceId: string;
  practitionerId: string;
  motifId: string;
  start: string;
  end: string;
}

/** The slot an appointment freed: its own when cancelled, the one it left when moved. */
export async function freedSlotOf(q: Queryable, appointmentId: string): Promise<FreedSlot | undefined> {
  const { rows } = await q.query<{
    organisation_id: string;
    practice_id: string;
    practitioner_id: string;
    motif_id: string;
    status: string;
    start_at: Date;
    end_at: Date;
    history: { from: string; to: string; previousPractitionerId: string }[];
  }>(
    `select organisation_id, practice_id, practitioner_id, motif_id, status, lower(during) as start_at, upper(during) as end_at, history
       from appointments where id = $1`,
    [appointmentId],
  );
  const a = rows[0];
  if (!a) return undefined;
  const last = a.history[a.history.length - 1];
  const base = { organisationId: a.organisation_id, practiceId: a.practice_id, motifId: a.motif_id };
  return a.status !== 'cancelled' && last
    ? { ...base, practitionerId: last.previousPractitionerId, start: last.from, end: last.to }
    : { ...base, practitionerId: a.practitioner_id, start: a.start_at.toISOString(), end: a.end_at.toISOString() };
}
