/**
 * Everything a booking checks before its INSERT, in ONE query (one round trip on the hot path):
 * the practitioner in scope, the patient in scope, the motif, and the practitioner's ranges and
 * absences around the wanted start. SQL only.
 */
import type { Actor } from '../core/auth/actor.ts';
import type { Queryable } from '../core/db/types.ts';
import { DAY_MS } from '../core/time/local-time.ts';
import type { AgendaOwner } from './owners-repo.ts';
import type { PatientRef } from './patients-lookup-repo.ts';
import type { AbsenceRow, RangeRow } from './rules-repo.ts';
import type { MotifDto } from './schemas.ts';
import { motifDto } from './config-repo.ts';

export interface BookingContext {
  owner: AgendaOwner | undefined;
  patient: PatientRef | undefined;
  motif: MotifDto | undefined;
  ranges: RangeRow[];
  absences: AbsenceRow[];
}

interface ContextRow {
  owner: {
    id: string;
    organisation_id: string;
    time_zone: string;
    step_minutes: number | null;
    regions: string[] | null;
    practice_ids: string[] | null;
  } | null;
  patient: { id: string; practice_id: string } | null;
  motif: Parameters<typeof motifDto>[0] | null;
  ranges: RangeRow[];
  absences: AbsenceRow[];
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The context of booking `motifId` with `practitionerId` for `patientId` around [start, end). */
export async function loadBookingContext(
  q: Queryable,
  actor: Actor,
  b: { practitionerId: string; patientId: string; motifId: string; start: number; end: number },
): Promise<BookingContext> {
  const { rows } = await q.query<ContextRow>(
    `select
       (select json_build_object('id', pr.id, 'organisation_id', pr.organisation_id, 'time_zone', pr.time_zone, 'step_minutes', s.step_minutes,
                 'regions', (select json_agg(distinct p.region) from practice_practitioners pp join practices p on p.id = pp.practice_id
                              where pp.practitioner_id = pr.id),
                 'practice_ids', (select json_agg(pp.practice_id order by pp.practice_id) from practice_practitioners pp
                                   where pp.practitioner_id = pr.id and pp.practice_id = any($3::uuid[])))
          from practitioners pr left join agenda_settings s on s.practitioner_id = pr.id
         where pr.id = $1 and pr.organisation_id = $2
           and exists (select 1 from practice_practitioners pp where pp.practitioner_id = pr.id and pp.practice_id = any($3::uuid[]))) as owner,
       (select json_build_object('id', pa.id, 'practice_id', pa.practice_id) from patients pa
         where pa.id = $4 and pa.organisation_id = $2 and pa.practice_id = any($3::uuid[])) as patient,
       (select row_to_json(m) from (select id, practitioner_id, label, duration_minutes, colour, online_bookable, new_patients_allowed,
                 patient_instructions, min_notice_minutes, horizon_days, active from motifs where practitioner_id = $1 and id = $5) m) as motif,
       (select coalesce(json_agg(r), '[]'::json) from (
          select r.id, r.practitioner_id, r.kind, r.weekday, r.on_date, to_char(r.start_time, 'HH24:MI') as start_time,
                 to_char(r.end_time, 'HH24:MI') as end_time, r.valid_from, r.valid_to, r.urgent,
                 coalesce((select json_agg(m.motif_id) from opening_range_motifs m where m.range_id = r.id), '[]'::json) as motif_ids
            from opening_ranges r
           where r.practitioner_id = $1
             and ((r.kind = 'weekly' and (r.valid_to is null or r.valid_to >= $6::date) and (r.valid_from is null or r.valid_from <= $7::date))
               or (r.kind = 'exceptional' and r.on_date between $6::date and $7::date))) r) as ranges,
       (select coalesce(json_agg(a), '[]'::json) from (
          select practitioner_id, lower(during) as start_at, upper(during) as end_at from absences
           where practitioner_id = $1 and during && tstzrange($8::timestamptz, $9::timestamptz, '[)')) a) as absences`,
    [
      b.practitionerId,
      actor.organisationId,
      actor.practiceIds,
      b.patientId,
      b.motifId,
      isoDay(b.start - DAY_MS),
      isoDay(b.end + DAY_MS),
      new Date(b.start - DAY_MS).toISOString(),
      new Date(b.end + DAY_MS).toISOString(),
    ],
  );
  const row = rows[0]!;
  const o = row.owner;
  return {
    owner: o
      ? {
          id: o.id,
          organisationId: o.organisation_id,
          timeZone: o.time_zone,
          stepMinutes: o.step_minutes,
          regions: o.regions ?? [],
          practiceIds: o.practice_ids ?? [],
        }
      : undefined,
    patient: row.patient ? { id: row.patient.id, practiceId: row.patient.practice_id } : undefined,
    motif: row.motif ? motifDto(row.motif) : undefined,
    ranges: row.ranges,
    absences: row.absences,
  };
}
