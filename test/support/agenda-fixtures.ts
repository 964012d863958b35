/** Builders for agenda tests: a practice with a practitioner, motifs, opening ranges, users and patients. */
import type { Queryable } from '../../src/core/db/types.ts';
import { dateOfDayNumber, dayNumberOf, instantToLocal, localToInstant, weekdayOfDayNumber } from '../../src/core/time/local-time.ts';
import { publicHolidays } from '../../src/core/time/holidays.ts';
import type { Region } from '../../src/core/time/regions.ts';
import { createOrganisation, createPatient, createPractice, createPractitioner, createUser } from './fixtures.ts';
import type { TestClient, TestServer } from './server.ts';

export async function createMotif(
  db: Queryable,
  o: { organisationId: string; practitionerId: string; label?: string; durationMinutes?: number; active?: boolean; colour?: string },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into motifs (organisation_id, practitioner_id, label, duration_minutes, active, colour) values ($1, $2, $3, $4, $5, $6) returning id`,
    [o.organisationId, o.practitionerId, o.label ?? 'Consultation', o.durationMinutes ?? 20, o.active ?? true, o.colour ?? '#228be6'],
  );
  return rows[0]!.id;
}

/** A weekly range on each listed weekday (default: every day), accepting the motifs. */
export async function createWeeklyRanges(
  db: Queryable,
  o: {
    organisationId: string;
    practitionerId: string;
    practiceId: string;
    motifIds: string[];
    start?: string;
    end?: string;
    weekdays?: number[];
    urgent?: boolean;
  },
): Promise<string[]> {
  const ids: string[] = [];
  for (const weekday of o.weekdays ?? [1, 2, 3, 4, 5, 6, 7]) {
    const { rows } = await db.query<{ id: string }>(
      `insert into opening_ranges (organisation_id, practitioner_id, practice_id, kind, weekday, start_time, end_time, urgent)
       values ($1, $2, $3, 'weekly', $4, $5::time, $6::time, $7) returning id`,
      [o.organisationId, o.practitionerId, o.practiceId, weekday, o.start ?? '08:00', o.end ?? '18:00', o.urgent ?? false],
    );
    const id = rows[0]!.id;
    for (const m of o.motifIds)
      await db.query('insert into opening_range_motifs (range_id, motif_id, practitioner_id) values ($1, $2, $3)', [id, m, o.practitionerId]);
    ids.push(id);
  }
  return ids;
}

export interface AgendaWorld {
  organisationId: string;
  practiceId: string;
  practitionerId: string;
  timeZone: string;
  /** 20-minute "Consultation", accepted by the ranges. */
  motifId: string;
  /** 30-minute "Première consultation", accepted by the ranges. */
  longMotifId: string;
  /** 15-minute "Vaccination", accepted by NO range. */
  otherMotifId: string;
  agent: { id: string; email: string; password: string };
  patientIds: string[];
}

/** A practice in `region` whose practitioner is open every day 08:00–18:00 (local), with an agent and patients. */
export async function createAgendaWorld(
  db: Queryable,
  o: { region?: string; timeZone?: string; organisationId?: string; patients?: number } = {},
): Promise<AgendaWorld> {
  const timeZone = o.timeZone ?? 'Europe/Paris';
  const organisationId = o.organisationId ?? (await createOrganisation(db));
  const practiceId = await createPractice(db, organisationId, { region: o.region ?? 'metropole', timeZone });
  const practitionerId = await createPractitioner(db, organisationId, [practiceId]);
  await db.query('update practitioners set time_zone = $2 where id = $1', [practitionerId, timeZone]);
  const motifId = await createMotif(db, { organisationId, practitionerId, label: 'Consultation', durationMinutes: 20 });
  const longMotifId = await createMotif(db, { organisationId, practitionerId, label: 'Première consultation', durationMinutes: 30 });
  const otherMotifId = await createMotif(db, { organisationId, practitionerId, label: 'Vaccination', durationMinutes: 15 });
  await createWeeklyRanges(db, { organisationId, practitionerId, practiceId, motifIds: [motifId, longMotifId] });
  const agent = await createUser(db, { organisationId, role: 'agent', practiceIds: [practiceId] });
  const patientIds: string[] = [];
  for (let i = 0; i < (o.patients ?? 3); i++) patientIds.push(await createPatient(db, { organisationId, practiceId }));
  return { organisationId, practiceId, practitionerId, timeZone, motifId, longMotifId, otherMotifId, agent, patientIds };
}

export async function agentClient(server: TestServer, world: AgendaWorld): Promise<TestClient> {
  const c = server.client();
  await c.login(world.agent.email, world.agent.password);
  return c;
}

/** True when a local date is a public holiday in metropolitan France (the default world's region). */
function isHoliday(date: string, region: Region = 'metropole'): boolean {
  const year = Number(date.slice(0, 4));
  return publicHolidays(region, year, year).has(date);
}

/** The local date, at least `minDaysAhead` days from now, of the next given ISO weekday that is not a public holiday. */
export function upcoming(zone: string, weekday: number, minDaysAhead = 2): string {
  let day = dayNumberOf(instantToLocal(zone, Date.now()).date) + minDaysAhead;
  while (weekdayOfDayNumber(day) !== weekday || isHoliday(dateOfDayNumber(day))) day++;
  return dateOfDayNumber(day);
}

/** A Monday at least `minDaysAhead` days ahead starting `weeks` weeks free of public holidays. */
export function quietMonday(zone: string, weeks: number, minDaysAhead = 2): string {
  let day = dayNumberOf(instantToLocal(zone, Date.now()).date) + minDaysAhead;
  for (;;) {
    while (weekdayOfDayNumber(day) !== 1) day++;
    let clear = true;
    for (let d = day; d < day + weeks * 7; d++) if (isHoliday(dateOfDayNumber(d))) clear = false;
    if (clear) return dateOfDayNumber(day);
    day++;
  }
}

/** A local date `days` days from today in `zone`. */
export function inDays(zone: string, days: number): string {
  return dateOfDayNumber(dayNumberOf(instantToLocal(zone, Date.now()).date) + days);
}

/** ISO instant of a local date and wall time. */
export function at(zone: string, date: string, time: string): string {
  return new Date(localToInstant(zone, date, time)).toISOString();
}

/** Easter Sunday of a year (anonymous Gregorian algorithm), 'YYYY-MM-DD'. */
export function easter(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The next future occurrence (at least 2 days ahead) of a yearly date, e.g. the next 22 May. */
export function nextYearly(monthDay: (year: number) => string): string {
  const today = new Date().toISOString().slice(0, 10);
  const year = new Date().getUTCFullYear();
  for (let y = year; ; y++) {
    const d = monthDay(y);
    if (dayNumberOf(d) >= dayNumberOf(today) + 2) return d;
  }
}

/** The last Sunday of March of the next year it is still ahead: Europe's spring-forward day. */
export function nextSpringForward(): string {
  return nextYearly((y) => {
    let day = dayNumberOf(`${y}-03-31`);
    while (weekdayOfDayNumber(day) !== 7) day--;
    return dateOfDayNumber(day);
  });
}

export async function rowCount(db: Queryable, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from (${sql}) x`, params);
  return rows[0]!.n;
}
