/**
 * Loads what the availability engine needs for a window of time: each practitioner's rules
 * (ranges, absences, holidays) and busy intervals (active appointments). SQL only, plus the
 * holiday calendar lookup.
 */
import type { Queryable } from '../core/db/types.ts';
import type { AgendaRules, ExceptionalRange, Interval, IsoWeekday, WeeklyRange } from './engine/index.ts';
import { DAY_MS } from '../core/time/local-time.ts';
import type { AgendaOwner } from './owners-repo.ts';
import { holidayDates } from './holiday-dates.ts';

export interface Window {
  from: number;
  to: number;
}

export interface RangeRow {
  id: string;
  practitioner_id: string;
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

export interface AbsenceRow {
  practitioner_id: string;
  /** A Date from a column, or ISO text from a JSON aggregate. */
  start_at: Date | string;
  end_at: Date | string;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const yearOf = (ms: number) => new Date(ms).getUTCFullYear();

/**
 * The rules of each owner over `window` (ranges whose local dates may touch it, absences that overlap
 * it, holidays of the years it spans). A local date is at most ±15 h from UTC, hence the one-day margins.
 * `motifAlias` renames motif ids in the ranges (used to search "any of a set" with one motif key).
 */
export async function loadRules(
  q: Queryable,
  owners: readonly AgendaOwner[],
  window: Window,
  motifAlias?: ReadonlyMap<string, string>,
): Promise<Map<string, AgendaRules>> {
  const ids = owners.map((o) => o.id);
  const firstDay = isoDay(window.from - DAY_MS);
  const lastDay = isoDay(window.to + DAY_MS);
  const [ranges, absences] = await Promise.all([
    q.query<RangeRow>(
      `select r.id, r.practitioner_id, r.kind, r.weekday, r.on_date,
              to_char(r.start_time, 'HH24:MI') as start_time, to_char(r.end_time, 'HH24:MI') as end_time,
              r.valid_from, r.valid_to, r.urgent,
              coalesce((select json_agg(m.motif_id) from opening_range_motifs m where m.range_id = r.id), '[]'::json) as motif_ids
         from opening_ranges r
        where r.practitioner_id = any($1::uuid[])
          and ((r.kind = 'weekly' and (r.valid_to is null or r.valid_to >= $2::date) and (r.valid_from is null or r.valid_from <= $3::date))
            or (r.kind = 'exceptional' and r.on_date between $2::date and $3::date))`,
      [ids, firstDay, lastDay],
    ),
    q.query<AbsenceRow>(
      `select practitioner_id, lower(during) as start_at, upper(during) as end_at from absences
        where practitioner_id = any($1::uuid[]) and during && tstzrange($2::timestamptz, $3::timestamptz, '[)')`,
      [ids, new Date(window.from - DAY_MS).toISOString(), new Date(window.to + DAY_MS).toISOString()],
    ),
  ]);
  const byOwner = new Map<string, { ranges: RangeRow[]; absences: AbsenceRow[] }>();
  for (const o of owners) byOwner.set(o.id, { ranges: [], absences: [] });
  for (const r of ranges.rows) byOwner.get(r.practitioner_id)?.ranges.push(r);
  for (const a of absences.rows) byOwner.get(a.practitioner_id)?.absences.push(a);
  const result = new Map<string, AgendaRules>();
  for (const o of owners) {
    const rows = byOwner.get(o.id)!;
    result.set(o.id, rulesFromRows(o, rows.ranges, rows.absences, window, motifAlias));
  }
  return result;
}

/** Builds one owner's engine rules from his range and absence rows (loaded for `window`). */
export function rulesFromRows(
  o: AgendaOwner,
  ranges: readonly RangeRow[],
  absences: readonly AbsenceRow[],
  window: Window,
  motifAlias?: ReadonlyMap<string, string>,
): AgendaRules {
  const alias = (id: string) => motifAlias?.get(id) ?? id;
  const weekly: WeeklyRange[] = [];
  const exceptional: ExceptionalRange[] = [];
  for (const r of ranges) {
    const motifIds = r.motif_ids.map(alias);
    if (r.kind === 'weekly') {
      weekly.push({
        id: r.id,
        weekday: r.weekday as IsoWeekday,
        start: r.start_time,
        end: r.end_time,
        motifIds,
        ...(r.valid_from ? { validFrom: r.valid_from } : {}),
        ...(r.valid_to ? { validTo: r.valid_to } : {}),
        urgent: r.urgent,
      });
    } else {
      exceptional.push({ id: r.id, date: r.on_date as string, start: r.start_time, end: r.end_time, motifIds, urgent: r.urgent });
    }
  }
  return {
    practitionerId: o.id,
    timeZone: o.timeZone,
    ...(o.stepMinutes !== null ? { stepMinutes: o.stepMinutes } : {}),
    weekly,
    exceptional,
    absences: absences.map((a) => ({ start: new Date(a.start_at).getTime(), end: new Date(a.end_at).getTime() })),
    holidays: holidayDates(o.regions, yearOf(window.from - DAY_MS), yearOf(window.to + DAY_MS)),
  };
}

interface BusyRow {
  practitioner_id: string;
  start_at: Date;
  end_at: Date;
}

/** Active appointments of each practitioner overlapping `window`, sorted by start. */
export async function loadBusy(
  q: Queryable,
  practitionerIds: readonly string[],
  window: Window,
  exceptAppointmentId?: string,
): Promise<Map<string, Interval[]>> {
  const { rows } = await q.query<BusyRow>(
    `select practitioner_id, lower(during) as start_at, upper(during) as end_at from appointments
      where practitioner_id = any($1::uuid[]) and status <> 'cancelled'
        and during && tstzrange($2::timestamptz, $3::timestamptz, '[)')
        and ($4::uuid is null or id <> $4::uuid)
      order by lower(during)`,
    [practitionerIds, new Date(window.from).toISOString(), new Date(window.to).toISOString(), exceptAppointmentId ?? null],
  );
  const busy = new Map<string, Interval[]>();
  for (const id of practitionerIds) busy.set(id, []);
  for (const r of rows) busy.get(r.practitioner_id)?.push({ start: r.start_at.getTime(), end: r.end_at.getTime() });
  return busy;
}
