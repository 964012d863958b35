/** SQL for an agenda's configuration: motifs, opening ranges, settings, absences. */
import type { Queryable } from '../core/db/types.ts';
import type { AbsenceDto, MotifCreate, MotifDto, MotifPatch, RangeDto, RangeInput } from './schemas.ts';

interface MotifRow {
  id: string;
  practitioner_id: string;
  label: string;
  duration_minutes: number;
  colour: string;
  online_bookable: boolean;
  new_patients_allowed: boolean;
  patient_instructions: string | null;
  min_notice_minutes: number;
  horizon_days: number;
  active: boolean;
}

const MOTIF_COLUMNS = `id, practitioner_id, label, duration_minutes, colour, online_bookable, new_patients_allowed,
  patient_instructions, min_notice_minutes, horizon_days, active`;

export function motifDto(r: MotifRow): MotifDto {
  return {
    id: r.id,
    practitionerId: r.practitioner_id,
    label: r.label,
    durationMinutes: r.duration_minutes,
    colour: r.colour,
    onlineBookable: r.online_bookable,
    newPatientsAllowed: r.new_patients_allowed,
    patientInstructions: r.patient_instructions,
    minNoticeMinutes: r.min_notice_minutes,
    horizonDays: r.horizon_days,
    active: r.active,
  };
}

export async function listMotifs(q: Queryable, practitionerIds: readonly string[]): Promise<MotifDto[]> {
  const { rows } = await q.query<MotifRow>(
    `select ${MOTIF_COLUMNS} from motifs where practitioner_id = any($1::uuid[]) order by practitioner_id, active desc, label, id`,
    [practitionerIds],
  );
  return rows.map(motifDto);
}

export async function getMotif(q: Queryable, practitionerId: string, motifId: string): Promise<MotifDto | undefined> {
  const { rows } = await q.query<MotifRow>(`select ${MOTIF_COLUMNS} from motifs where practitioner_id = $1 and id = $2`, [practitionerId, motifId]);
  return rows[0] ? motifDto(rows[0]) : undefined;
}

export async function insertMotif(q: Queryable, organisationId: string, practitionerId: string, m: MotifCreate): Promise<MotifDto> {
  const { rows } = await q.query<MotifRow>(
    `insert into motifs (organisation_id, practitioner_id, label, duration_minutes, colour, online_bookable, new_patients_allowed,
                         patient_instructions, min_notice_minutes, horizon_days, active)
     values ($1, $2, $3, $4, coalesce($5, '#228be6'), coalesce($6, false), coalesce($7, true), $8, coalesce($9, 0), coalesce($10, 90), coalesce($11, true))
     returning ${MOTIF_COLUMNS}`,
    [
      organisationId,
      practitionerId,
      m.label,
      m.durationMinutes,
      m.colour ?? null,
      m.onlineBookable ?? null,
      m.newPatientsAllowed ?? null,
      m.patientInstructions ?? null,
      m.minNoticeMinutes ?? null,
      m.horizonDays ?? null,
      m.active ?? null,
    ],
  );
  return motifDto(rows[0]!);
}

const MOTIF_PATCH_COLUMNS: Record<keyof MotifPatch, string> = {
  label: 'label',
  durationMinutes: 'duration_minutes',
  colour: 'colour',
  onlineBookable: 'online_bookable',
  newPatientsAllowed: 'new_patients_allowed',
  patientInstructions: 'patient_instructions',
  minNoticeMinutes: 'min_notice_minutes',
  horizonDays: 'horizon_days',
  active: 'active',
};

export async function updateMotif(q: Queryable, practitionerId: string, motifId: string, patch: MotifPatch): Promise<MotifDto | undefined> {
  const sets: string[] = [];
  const params: unknown[] = [practitionerId, motifId];
  for (const [key, column] of Object.entries(MOTIF_PATCH_COLUMNS) as [keyof MotifPatch, string][]) {
    if (patch[key] === undefined) continue;
    params.push(patch[key]);
    sets.push(`${column} = $${params.length}`);
  }
  sets.push('updated_at = now()');
  const { rows } = await q.query<MotifRow>(`update motifs set ${sets.join(', ')} where practitioner_id = $1 and id = $2 returning ${MOTIF_COLUMNS}`, params);
  return rows[0] ? motifDto(rows[0]) : undefined;
}

/** How many of `motifIds` belong to the practitioner. */
export async function countOwnMotifs(q: Queryable, practitionerId: string, motifIds: readonly string[]): Promise<number> {
  const { rows } = await q.query<{ n: number }>('select count(*)::int as n from motifs where practitioner_id = $1 and id = any($2::uuid[])', [
    practitionerId,
    motifIds,
  ]);
  return rows[0]!.n;
}

// --- ranges ---------------------------------------------------------------------------------

interface RangeRow {
  id: string;
  practitioner_id: string;
  practice_id: string;
  kind: 'weekly' | 'exceptional';
  weekday: number | null;
  on_date: string | null;
  start_time: string;
  end_time: string;
  valid_from: string | null;
  valid_to: string | null;
  urgent: boolean;
  motif_ids: string[];
}

const RANGE_SELECT = `select r.id, r.practitioner_id, r.practice_id, r.kind, r.weekday, r.on_date,
    to_char(r.start_time, 'HH24:MI') as start_time, to_char(r.end_time, 'HH24:MI') as end_time, r.valid_from, r.valid_to, r.urgent,
    coalesce((select json_agg(m.motif_id order by m.motif_id) from opening_range_motifs m where m.range_id = r.id), '[]'::json) as motif_ids
  from opening_ranges r`;

function rangeDto(r: RangeRow): RangeDto {
  return {
    id: r.id,
    practitionerId: r.practitioner_id,
    practiceId: r.practice_id,
    kind: r.kind,
    weekday: r.weekday,
    date: r.on_date,
    start: r.start_time,
    end: r.end_time,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    urgent: r.urgent,
    motifIds: r.motif_ids,
  };
}

export async function listRanges(q: Queryable, practitionerId: string): Promise<RangeDto[]> {
  const { rows } = await q.query<RangeRow>(`${RANGE_SELECT} where r.practitioner_id = $1 order by r.kind desc, r.weekday, r.on_date, r.start_time, r.id`, [
    practitionerId,
  ]);
  return rows.map(rangeDto);
}

export async function getRange(q: Queryable, practitionerId: string, rangeId: string): Promise<RangeDto | undefined> {
  const { rows } = await q.query<RangeRow>(`${RANGE_SELECT} where r.practitioner_id = $1 and r.id = $2`, [practitionerId, rangeId]);
  return rows[0] ? rangeDto(rows[0]) : undefined;
}

function rangeValues(r: RangeInput) {
  return r.kind === 'weekly'
    ? [r.kind, r.weekday, null, r.start, r.end, r.validFrom ?? null, r.validTo ?? null, r.urgent ?? false]
    : [r.kind, null, r.date, r.start, r.end, null, null, r.urgent ?? false];
}

async function linkMotifs(q: Queryable, practitionerId: string, rangeId: string, motifIds: readonly string[]): Promise<void> {
  await q.query('delete from opening_range_motifs where range_id = $1', [rangeId]);
  await q.query(
    `insert into opening_range_motifs (range_id, motif_id, practitioner_id)
     select $1, m, $2 from unnest($3::uuid[]) as m on conflict do nothing`,
    [rangeId, practitionerId, [...new Set(motifIds)]],
  );
}

export async function insertRange(q: Queryable, organisationId: string, practitionerId: string, practiceId: string, r: RangeInput): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `insert into opening_ranges (organisation_id, practitioner_id, practice_id, kind, weekday, on_date, start_time, end_time, valid_from, valid_to, urgent)
     values ($1, $2, $3, $4, $5, $6, $7::time, $8::time, $9, $10, $11) returning id`,
    [organisationId, practitionerId, practiceId, ...rangeValues(r)],
  );
  const id = rows[0]!.id;
  await linkMotifs(q, practitionerId, id, r.motifIds);
  return id;
}

export async function replaceRange(q: Queryable, practitionerId: string, rangeId: string, practiceId: string, r: RangeInput): Promise<boolean> {
  const { rowCount } = await q.query(
    `update opening_ranges set practice_id = $3, kind = $4, weekday = $5, on_date = $6, start_time = $7::time, end_time = $8::time,
            valid_from = $9, valid_to = $10, urgent = $11
      where practitioner_id = $1 and id = $2`,
    [practitionerId, rangeId, practiceId, ...rangeValues(r)],
  );
  if (rowCount === 0) return false;
  await linkMotifs(q, practitionerId, rangeId, r.motifIds);
  return true;
}

export async function deleteRange(q: Queryable, practitionerId: string, rangeId: string): Promise<boolean> {
  const { rowCount } = await q.query('delete from opening_ranges where practitioner_id = $1 and id = $2', [practitionerId, rangeId]);
  return rowCount > 0;
}

// --- settings -------------------------------------------------------------------------------

export async function upsertStep(q: Queryable, practitionerId: string, stepMinutes: number | null): Promise<void> {
  await q.query(
    `insert into agenda_settings (practitioner_id, step_minutes) values ($1, $2)
     on conflict (practitioner_id) do update set step_minutes = excluded.step_minutes, updated_at = now()`,
    [practitionerId, stepMinutes],
  );
}

// --- absences -------------------------------------------------------------------------------

interface AbsenceRow {
  id: string;
  practitioner_id: string;
  start_at: Date;
  end_at: Date;
  reason: string | null;
}

const ABSENCE_COLUMNS = 'id, practitioner_id, lower(during) as start_at, upper(during) as end_at, reason';

function absenceDto(r: AbsenceRow): AbsenceDto {
  return { id: r.id, practitionerId: r.practitioner_id, start: r.start_at.toISOString(), end: r.end_at.toISOString(), reason: r.reason };
}

export async function listAbsences(q: Queryable, practitionerId: string, from: string | null, to: string | null): Promise<AbsenceDto[]> {
  const { rows } = await q.query<AbsenceRow>(
    `select ${ABSENCE_COLUMNS} from absences
      where practitioner_id = $1 and during && tstzrange($2::timestamptz, $3::timestamptz, '[)')
      order by lower(during), id`,
    [practitionerId, from, to],
  );
  return rows.map(absenceDto);
}

export async function insertAbsence(
  q: Queryable,
  a: { organisationId: string; practitionerId: string; start: string; end: string; reason: string | null; createdBy: string },
): Promise<AbsenceDto> {
  const { rows } = await q.query<AbsenceRow>(
    `insert into absences (organisation_id, practitioner_id, during, reason, created_by)
     values ($1, $2, tstzrange($3::timestamptz, $4::timestamptz, '[)'), $5, $6) returning ${ABSENCE_COLUMNS}`,
    [a.organisationId, a.practitionerId, a.start, a.end, a.reason, a.createdBy],
  );
  return absenceDto(rows[0]!);
}

export async function deleteAbsence(q: Queryable, practitionerId: string, absenceId: string): Promise<boolean> {
  const { rowCount } = await q.query('delete from absences where practitioner_id = $1 and id = $2', [practitionerId, absenceId]);
  return rowCount > 0;
}
