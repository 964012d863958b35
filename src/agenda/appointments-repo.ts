/** SQL for appointments. Overlaps are refused by the exclusion constraint, never checked here. */
import type { Actor } from '../core/auth/actor.ts';
import type { Queryable } from '../core/db/types.ts';
import { auditInsertFrom } from '../core/audit.ts';
import type { AppointmentDto, AppointmentListItemDto } from './schemas.ts';

interface AppointmentRow {
  id: string;
  practice_id: string;
  practitioner_id: string;
  patient_id: string;
  motif_id: string;
  start_at: Date;
  end_at: Date;
  status: AppointmentDto['status'];
  no_show_excused: boolean | null;
  booked_by: string | null;
  channel: AppointmentDto['channel'];
  forced_reason: string | null;
  history: AppointmentDto['history'];
  cancelled_at: Date | null;
  cancelled_by: string | null;
  cancelled_by_kind: AppointmentDto['cancelledByKind'];
  cancel_reason: string | null;
  series_id: string | null;
  created_at: Date;
  updated_at: Date;
}

interface ListRow extends AppointmentRow {
  patient_name: string;
  motif_label: string;
  motif_colour: string;
}

export const APPOINTMENT_COLUMNS = `a.id, a.practice_id, a.practitioner_id, a.patient_id, a.motif_id, lower(a.during) as start_at, upper(a.during) as end_at,
  a.status, a.no_show_excused, a.booked_by, a.channel, a.forced_reason, a.history, a.cancelled_at, a.cancelled_by, a.cancelled_by_kind,
  a.cancel_reason, a.series_id, a.created_at, a.updated_at`;

const LIST_SELECT = `select ${APPOINTMENT_COLUMNS},
    upper(coalesce(p.usual_name, p.birth_name)) || ' ' || p.first_given_name as patient_name, m.label as motif_label, m.colour as motif_colour
  from appointments a join patients p on p.id = a.patient_id join motifs m on m.id = a.motif_id`;

export function appointmentDto(r: AppointmentRow): AppointmentDto {
  return {
    id: r.id,
    practiceId: r.practice_id,
    practitionerId: r.practitioner_id,
    patientId: r.patient_id,
    motifId: r.motif_id,
    start: r.start_at.toISOString(),
    end: r.end_at.toISOString(),
    status: r.status,
    noShowExcused: r.no_show_excused,
    bookedBy: r.booked_by,
    channel: r.channel,
    forcedReason: r.forced_reason,
    history: r.history,
    cancelledAt: r.cancelled_at?.toISOString() ?? null,
    cancelledBy: r.cancelled_by,
    cancelledByKind: r.cancelled_by_kind,
    cancelReason: r.cancel_reason,
    seriesId: r.series_id,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

function listItemDto(r: ListRow): AppointmentListItemDto {
  return { ...appointmentDto(r), patientName: r.patient_name, motifLabel: r.motif_label, motifColour: r.motif_colour };
}

export interface NewAppointment {
  organisationId: string;
  practiceId: string;
  practitionerId: string;
  patientId: string;
  motifId: string;
  start: number;
  end: number;
  bookedBy: string;
  channel: AppointmentDto['channel'];
  forcedReason: string | null;
  seriesId: string | null;
}

/** Inserts one appointment; a concurrent overlap fails with SQLSTATE 23P01. */
export async function insertAppointment(q: Queryable, a: NewAppointment): Promise<AppointmentDto> {
  const { rows } = await q.query<AppointmentRow>(
    `insert into appointments as a (organisation_id, practice_id, practitioner_id, patient_id, motif_id, during, booked_by, channel, forced_reason, series_id)
     values ($1, $2, $3, $4, $5, tstzrange($6::timestamptz, $7::timestamptz, '[)'), $8, $9, $10, $11)
     returning ${APPOINTMENT_COLUMNS}`,
    [
      a.organisationId,
      a.practiceId,
      a.practitionerId,
      a.patientId,
      a.motifId,
      new Date(a.start).toISOString(),
      new Date(a.end).toISOString(),
      a.bookedBy,
      a.channel,
      a.forcedReason,
      a.seriesId,
    ],
  );
  return appointmentDto(rows[0]!);
}

/** One appointment inside the actor's scope, optionally locked for an update. */
export async function findAppointment(q: Queryable, actor: Actor, id: string, lock = false): Promise<AppointmentDto | undefined> {
  const { rows } = await q.query<AppointmentRow>(
    `select ${APPOINTMENT_COLUMNS} from appointments a
      where a.id = $1 and a.organisation_id = $2 and a.practice_id = any($3::uuid[]) ${lock ? 'for update' : ''}`,
    [id, actor.organisationId, actor.practiceIds],
  );
  return rows[0] ? appointmentDto(rows[0]) : undefined;
}

/** A practitioner's appointments overlapping [from, to), in start order (scope already checked). */
export async function listForPractitioner(
  q: Queryable,
  actor: Actor,
  practitionerId: string,
  from: string,
  to: string,
  includeCancelled: boolean,
): Promise<AppointmentListItemDto[]> {
  const { rows } = await q.query<ListRow>(
    `${LIST_SELECT}
      where a.practitioner_id = $1 and a.practice_id = any($2::uuid[]) and a.organisation_id = $3
        and a.during && tstzrange($4::timestamptz, $5::timestamptz, '[)') and ($6 or a.status <> 'cancelled')
      order by lower(a.during), a.id`,
    [practitionerId, actor.practiceIds, actor.organisationId, from, to, includeCancelled],
  );
  return rows.map(listItemDto);
}

/** A patient's appointments (scope already checked), in start order. */
export async function listForPatient(
  q: Queryable,
  patientId: string,
  from: string | null,
  to: string | null,
  includeCancelled: boolean,
): Promise<AppointmentListItemDto[]> {
  const { rows } = await q.query<ListRow>(
    `${LIST_SELECT}
      where a.patient_id = $1 and a.during && tstzrange($2::timestamptz, $3::timestamptz, '[)') and ($4 or a.status <> 'cancelled')
      order by lower(a.during), a.id`,
    [patientId, from, to, includeCancelled],
  );
  return rows.map(listItemDto);
}

/** Booked appointments of a practitioner overlapping an interval, in the actor's scope (an absence may cover them). */
export async function activeOverlapping(
  q: Queryable,
  actor: Actor,
  practitionerId: string,
  start: string,
  end: string,
  lock: boolean,
): Promise<AppointmentListItemDto[]> {
  const { rows } = await q.query<ListRow>(
    `${LIST_SELECT}
      where a.practitioner_id = $1 and a.status = 'booked' and a.during && tstzrange($2::timestamptz, $3::timestamptz, '[)')
        and a.organisation_id = $4 and a.practice_id = any($5::uuid[])
      order by lower(a.during), a.id
      ${lock ? 'for update of a' : ''}`,
    [practitionerId, start, end, actor.organisationId, actor.practiceIds],
  );
  return rows.map(listItemDto);
}

export async function moveAppointment(
  q: Queryable,
  id: string,
  m: { practitionerId: string; motifId: string; start: number; end: number; forcedReason: string | null; historyEntry: AppointmentDto['history'][number] },
): Promise<AppointmentDto> {
  const { rows } = await q.query<AppointmentRow>(
    `update appointments as a
        set practitioner_id = $2, motif_id = $3, during = tstzrange($4::timestamptz, $5::timestamptz, '[)'),
            forced_reason = coalesce($6, a.forced_reason), history = a.history || jsonb_build_array($7::jsonb), updated_at = now()
      where a.id = $1
      returning ${APPOINTMENT_COLUMNS}`,
    [id, m.practitionerId, m.motifId, new Date(m.start).toISOString(), new Date(m.end).toISOString(), m.forcedReason, JSON.stringify(m.historyEntry)],
  );
  return appointmentDto(rows[0]!);
}

export async function cancelAppointment(
  q: Queryable,
  id: string,
  c: { by: string; byKind: NonNullable<AppointmentDto['cancelledByKind']>; reason: string },
): Promise<AppointmentDto> {
  const { rows } = await q.query<AppointmentRow>(
    `update appointments as a
        set status = 'cancelled', cancelled_at = now(), cancelled_by = $2, cancelled_by_kind = $3, cancel_reason = $4, updated_at = now()
      where a.id = $1
      returning ${APPOINTMENT_COLUMNS}`,
    [id, c.by, c.byKind, c.reason],
  );
  return appointmentDto(rows[0]!);
}

export async function setOutcome(q: Queryable, id: string, status: 'honoured' | 'no_show', excused: boolean | null): Promise<AppointmentDto> {
  const { rows } = await q.query<AppointmentRow>(
    `update appointments as a set status = $2, no_show_excused = $3, updated_at = now() where a.id = $1 returning ${APPOINTMENT_COLUMNS}`,
    [id, status, status === 'no_show' ? excused : null],
  );
  return appointmentDto(rows[0]!);
}

/** True when the patient already has (or had) a non-cancelled appointment with the practitioner. */
export async function isKnownPatient(q: Queryable, practitionerId: string, patientId: string): Promise<boolean> {
  const { rows } = await q.query(`select 1 from appointments where practitioner_id = $1 and patient_id = $2 and status <> 'cancelled' limit 1`, [
    practitionerId,
    patientId,
  ]);
  return rows.length > 0;
}

/** What the booking statement writes beside the appointment. */
export interface BookingTrail {
  event: { type: string; payload: Record<string, unknown> };
  audit: { requestId: string; userId: string; role: string; detail: Record<string, unknown> };
}

// core/audit.ts owns the audit row's shape; the booking embeds its append (same columns, same order).
const BOOKING_AUDIT = auditInsertFrom(`select $15, $16, $17, $2, $3, $5, 'appointment.create', 'ok', $18::jsonb from a`);

/**
 * Books in ONE statement: the appointment, the waitlist entries it fulfils, its domain event and its
 * audit row (core/audit.ts's own insert, embedded: appended unsealed, chained later by the sealer). One
 * statement is one transaction even in autocommit. An overlap fails the whole statement with SQLSTATE
 * 23P01: nothing is written, the audit row included. The text is static (values travel as parameters),
 * so each connection prepares it once.
 */
export async function insertBooked(q: Queryable, a: NewAppointment & { id: string }, trail: BookingTrail): Promise<AppointmentDto> {
  const { rows } = await q.query<AppointmentRow>(
    `with a as (
       insert into appointments as a (id, organisation_id, practice_id, practitioner_id, patient_id, motif_id, during, booked_by, channel, forced_reason, series_id)
       values ($1, $2, $3, $4, $5, $6, tstzrange($7::timestamptz, $8::timestamptz, '[)'), $9, $10, $11, $12)
       returning ${APPOINTMENT_COLUMNS}
     ), fulfilled as (
       update waitlist_entries set status = 'fulfilled', updated_at = now()
        where practitioner_id = $4 and patient_id = $5 and status = 'waiting' and period @> tstzrange($7::timestamptz, $8::timestamptz, '[)')
          and exists (select 1 from a)
     ), event as (
       insert into domain_events (organisation_id, practice_id, type, payload) select $2, $3, $13, $14::jsonb from a
     ), trail as (
       ${BOOKING_AUDIT}
     )
     select * from a`,
    [
      a.id,
      a.organisationId,
      a.practiceId,
      a.practitionerId,
      a.patientId,
      a.motifId,
      new Date(a.start).toISOString(),
      new Date(a.end).toISOString(),
      a.bookedBy,
      a.channel,
      a.forcedReason,
      a.seriesId,
      trail.event.type,
      JSON.stringify(trail.event.payload),
      trail.audit.requestId,
      trail.audit.userId,
      trail.audit.role,
      JSON.stringify(trail.audit.detail),
    ],
  );
  return appointmentDto(rows[0]!);
}

export async function appointmentAtPractice(q: Queryable, a: { appointmentId: string; practiceId: string }): Promise<boolean> {
  const { rows } = await q.query('select 1 from appointments where id = $1 and practice_id = $2', [a.appointmentId, a.practiceId]);
  return rows.length > 0;
}
