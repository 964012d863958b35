/**
 * The demo's agendas: for every practitioner, motifs fit for the profession (with colours, online
 * booking and patient instructions), weekly opening ranges (a half-day off, some Saturdays, urgent
 * slots for GPs), a few absences, and three months of appointments around today at about 70 %
 * occupancy: past ones honoured (a few no-shows and cancellations), future ones booked. Public
 * holidays of each practice's region are left closed. Written in bulk, no events, no audit rows
 * (seeded data, not accesses). Deterministic for a given seed and day.
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../core/db/types.ts';
import { publicHolidays } from '../core/time/holidays.ts';
import { dateOfDayNumber, dayNumberOf, instantToLocal, localToInstant, weekdayOfDayNumber } from '../core/time/local-time.ts';
import type { Profession, Specialty } from '../practitioners/professions.ts';
import { insertRows } from './insert.ts';
import type { Rng } from './random.ts';
import { practiceByKey, type DemoPart, type DemoPractitioner, type DemoState } from './state.ts';
import { systemClock } from '../core/time/clock.ts';

const DAYS_BEFORE = 45;
const DAYS_AFTER = 45;
const MINUTE = 60_000;

interface MotifSpec {
  label: string;
  minutes: number;
  colour: string;
  /** Relative frequency among the practitioner's appointments. */
  weight: number;
  online?: boolean;
  newPatients?: boolean;
  instructions?: string;
  /** Taken in the urgent same-day slots. */
  urgent?: boolean;
}

const VITALE = 'Merci d’apporter votre carte Vitale et vos ordonnances en cours.';

function motifsFor(profession: Profession, specialty: Specialty | null): MotifSpec[] {
  switch (profession) {
    case 'medecin':
      switch (specialty) {
        case 'medecine_generale':
          return [
            { label: 'Consultation', minutes: 15, colour: '#228be6', weight: 60, online: true, instructions: VITALE, urgent: true },
            { label: 'Première consultation', minutes: 30, colour: '#7950f2', weight: 8, online: true, instructions: VITALE },
            { label: 'Suivi de maladie chronique', minutes: 20, colour: '#15aabf', weight: 18, online: true, newPatients: false },
            { label: 'Certificat médical (sport)', minutes: 15, colour: '#40c057', weight: 6, online: true },
            {
              label: 'Vaccination',
              minutes: 10,
              colour: '#fab005',
              weight: 8,
              online: true,
              instructions: 'Apportez votre carnet de vaccination et le vaccin.',
            },
          ];
        case 'pediatrie':
          return [
            {
              label: 'Consultation',
              minutes: 20,
              colour: '#228be6',
              weight: 55,
              online: true,
              instructions: 'Apportez le carnet de santé de l’enfant.',
              urgent: true,
            },
            {
              label: 'Première consultation',
              minutes: 30,
              colour: '#7950f2',
              weight: 10,
              online: true,
              instructions: 'Apportez le carnet de santé de l’enfant.',
            },
            { label: 'Suivi du nourrisson', minutes: 20, colour: '#15aabf', weight: 20, online: true, newPatients: false },
            {
              label: 'Vaccination',
              minutes: 15,
              colour: '#fab005',
              weight: 15,
              online: true,
              instructions: 'Apportez le carnet de santé et le vaccin prescrit.',
            },
          ];
        case 'ophtalmologie':
          return [
            { label: 'Consultation', minutes: 20, colour: '#228be6', weight: 50, online: true },
            {
              label: 'Bilan ophtalmologique complet',
              minutes: 40,
              colour: '#7950f2',
              weight: 20,
              online: false,
              instructions: 'Dilatation possible : ne venez pas en conduisant.',
            },
            {
              label: 'Renouvellement de lunettes',
              minutes: 15,
              colour: '#40c057',
              weight: 30,
              online: true,
              instructions: 'Apportez vos lunettes actuelles et votre dernière ordonnance.',
            },
          ];
        case 'cardiologie':
          return [
            { label: 'Consultation', minutes: 30, colour: '#228be6', weight: 50, online: true, instructions: 'Apportez vos derniers ECG et bilans sanguins.' },
            { label: 'Électrocardiogramme', minutes: 20, colour: '#fa5252', weight: 25, online: false },
            { label: 'Échographie cardiaque', minutes: 40, colour: '#7950f2', weight: 25, online: false },
          ];
        default:
          return [
            { label: 'Consultation', minutes: 20, colour: '#228be6', weight: 55, online: true, instructions: VITALE },
            {
              label: 'Première consultation',
              minutes: 30,
              colour: '#7950f2',
              weight: 25,
              online: true,
              instructions: 'Apportez le courrier de votre médecin traitant.',
            },
            { label: 'Contrôle', minutes: 15, colour: '#15aabf', weight: 20, online: true, newPatients: false },
          ];
      }
    case 'kinesitherapeute':
      return [
        {
          label: 'Séance de kinésithérapie',
          minutes: 30,
          colour: '#12b886',
          weight: 85,
          online: true,
          newPatients: false,
          instructions: 'Apportez une serviette et votre ordonnance.',
        },
        {
          label: 'Bilan kiné',
          minutes: 45,
          colour: '#7950f2',
          weight: 15,
          online: true,
          instructions: 'Apportez votre ordonnance et vos examens (radio, IRM).',
        },
      ];
    case 'dentiste':
      return [
        { label: 'Contrôle dentaire', minutes: 30, colour: '#228be6', weight: 35, online: true },
        { label: 'Détartrage', minutes: 30, colour: '#40c057', weight: 20, online: true },
        { label: 'Soins', minutes: 45, colour: '#fd7e14', weight: 35, online: false, newPatients: false },
        { label: 'Urgence dentaire', minutes: 20, colour: '#fa5252', weight: 10, online: false, urgent: true },
      ];
    case 'sage_femme':
      return [
        {
          label: 'Suivi de grossesse',
          minutes: 30,
          colour: '#e64980',
          weight: 45,
          online: true,
          instructions: 'Apportez vos derniers résultats d’analyses et d’échographie.',
        },
        { label: 'Préparation à la naissance', minutes: 60, colour: '#be4bdb', weight: 25, online: true },
        { label: 'Rééducation périnéale', minutes: 30, colour: '#15aabf', weight: 30, online: true, newPatients: false },
      ];
    case 'infirmier':
      return [
        {
          label: 'Soins infirmiers au cabinet',
          minutes: 15,
          colour: '#12b886',
          weight: 60,
          online: false,
          instructions: 'Apportez votre ordonnance et le matériel prescrit.',
        },
        {
          label: 'Prise de sang',
          minutes: 10,
          colour: '#fa5252',
          weight: 40,
          online: true,
          instructions: 'À jeun depuis 12 heures ; apportez votre ordonnance.',
        },
      ];
    case 'orthophoniste':
      return [
        { label: 'Séance d’orthophonie', minutes: 30, colour: '#4c6ef5', weight: 85, online: false, newPatients: false },
        {
          label: 'Bilan orthophonique',
          minutes: 60,
          colour: '#7950f2',
          weight: 15,
          online: false,
          instructions: 'Apportez l’ordonnance et les bilans précédents.',
        },
      ];
    default:
      return [
        { label: 'Consultation', minutes: 30, colour: '#228be6', weight: 70, online: true },
        { label: 'Première consultation', minutes: 45, colour: '#7950f2', weight: 30, online: true },
      ];
  }
}

interface Range {
  id: string;
  practiceId: string;
  weekday: number;
  start: string;
  end: string;
  urgent: boolean;
}

/** A working week: mornings and afternoons Monday–Friday, a half-day off, sometimes Saturday morning. */
function weekFor(rng: Rng, p: DemoPractitioner, practiceIds: readonly string[]): Range[] {
  const ranges: Range[] = [];
  const offDay = rng.int(1, 5);
  const offHalf = rng.chance(0.5) ? 'am' : 'pm';
  const morning = rng.pick(['08:00', '08:30', '09:00']);
  const evening = rng.pick(['18:00', '18:30', '19:00']);
  const gp = p.profession === 'medecin' && (p.specialty === 'medecine_generale' || p.specialty === 'pediatrie');
  const urgentToo = gp || p.profession === 'dentiste';
  for (let weekday = 1; weekday <= 5; weekday++) {
    // A practitioner of two practices works Fridays at the second one.
    const practiceId = practiceIds.length > 1 && weekday === 5 ? practiceIds[1]! : practiceIds[0]!;
    if (!(weekday === offDay && offHalf === 'am')) ranges.push({ id: randomUUID(), practiceId, weekday, start: morning, end: '12:00', urgent: false });
    if (urgentToo) ranges.push({ id: randomUUID(), practiceId, weekday, start: '12:00', end: '12:30', urgent: true });
    if (!(weekday === offDay && offHalf === 'pm')) ranges.push({ id: randomUUID(), practiceId, weekday, start: '14:00', end: evening, urgent: false });
  }
  if (rng.chance(0.35)) ranges.push({ id: randomUUID(), practiceId: practiceIds[0]!, weekday: 6, start: '09:00', end: '12:00', urgent: false });
  return ranges;
}

const CANCEL_REASONS = ['Empêchement personnel', 'Patient malade', 'Rendez-vous pris ailleurs', 'Problème de transport', 'Report demandé par le patient'];

export interface AgendaSeedSummary {
  motifs: number;
  ranges: number;
  absences: number;
  appointments: number;
}

/** Seeds every demo practitioner's agenda (see the file's comment). */
export async function seedAgenda(db: Queryable, rng: Rng, state: DemoState, now = systemClock.nowMs()): Promise<AgendaSeedSummary> {
  const org = state.organisationId;
  const patientRows = await db.query<{ id: string; practice_id: string }>('select id, practice_id from patients where organisation_id = $1 order by id', [org]);
  const patientsByPractice = new Map<string, string[]>();
  for (const r of patientRows.rows) patientsByPractice.set(r.practice_id, [...(patientsByPractice.get(r.practice_id) ?? []), r.id]);
  const agentRows = await db.query<{ id: string; practice_id: string }>(
    `select u.id, up.practice_id from users u join user_practices up on up.user_id = u.id where u.organisation_id = $1 and u.role = 'agent' order by u.id`,
    [org],
  );
  const agentsByPractice = new Map<string, string[]>();
  for (const r of agentRows.rows) agentsByPractice.set(r.practice_id, [...(agentsByPractice.get(r.practice_id) ?? []), r.id]);
  const practitionerUsers = new Map(
    (
      await db.query<{ id: string; practitioner_id: string }>(`select id, practitioner_id from users where organisation_id = $1 and role = 'practitioner'`, [
        org,
      ])
    ).rows.map((r) => [r.practitioner_id, r.id]),
  );

  const motifRows: unknown[][] = [];
  const rangeRows: unknown[][] = [];
  const linkRows: unknown[][] = [];
  const absenceRows: unknown[][] = [];
  const appointmentRows: unknown[][] = [];

  for (const p of state.practitioners) {
    const practices = p.practiceKeys.map((k) => practiceByKey(state, k));
    const zone = practices[0]!.timeZone;
    const holidays = new Set<string>();
    const today = dayNumberOf(instantToLocal(zone, now).date);
    const years = [dateOfDayNumber(today - DAYS_BEFORE), dateOfDayNumber(today + DAYS_AFTER)].map((d) => Number(d.slice(0, 4)));
    for (const practice of practices) for (const d of publicHolidays(practice.data.region, years[0]!, years[1]!)) holidays.add(d);

    const motifs = motifsFor(p.profession, p.specialty).map((m) => ({ ...m, id: randomUUID() }));
    for (const m of motifs) {
      motifRows.push([m.id, org, p.id, m.label, m.minutes, m.colour, m.online ?? false, m.newPatients ?? true, m.instructions ?? null, m.online ? 120 : 0, 90]);
    }
    const week = weekFor(
      rng,
      p,
      practices.map((x) => x.id),
    );
    for (const r of week) {
      rangeRows.push([r.id, org, p.id, r.practiceId, 'weekly', r.weekday, r.start, r.end, r.urgent]);
      for (const m of motifs) if (!r.urgent || m.urgent) linkRows.push([r.id, m.id, p.id]);
    }

    // Absences: a week of holidays for some, a training half-day for others.
    const absences: { start: number; end: number }[] = [];
    if (rng.chance(0.3)) {
      const first = today + rng.int(-DAYS_BEFORE + 7, DAYS_AFTER - 7);
      absences.push({ start: localToInstant(zone, dateOfDayNumber(first), '00:00'), end: localToInstant(zone, dateOfDayNumber(first + 7), '00:00') });
    }
    if (rng.chance(0.3)) {
      const day = dateOfDayNumber(today + rng.int(3, DAYS_AFTER - 3));
      absences.push({ start: localToInstant(zone, day, '14:00'), end: localToInstant(zone, day, '19:00') });
    }
    const reasons = ['Congés', 'Formation continue'];
    absences.forEach((a, i) =>
      absenceRows.push([randomUUID(), org, p.id, `[${new Date(a.start).toISOString()},${new Date(a.end).toISOString()})`, reasons[i] ?? 'Congés']),
    );

    // Appointments, walking each open range of each day.
    const weighted = motifs.map((m) => [m, m.weight] as const);
    const urgentMotifs = motifs.filter((m) => m.urgent);
    for (let day = today - DAYS_BEFORE; day <= today + DAYS_AFTER; day++) {
      const date = dateOfDayNumber(day);
      if (holidays.has(date)) continue;
      const weekday = weekdayOfDayNumber(day);
      const past = day < today;
      // Near days are fuller than far ones; the past as it was.
      const occupancy = past ? 0.78 : day - today < 14 ? 0.92 : 0.76;
      for (const r of week) {
        if (r.weekday !== weekday) continue;
        if (r.urgent && !past) continue; // urgent slots fill on the day itself
        const patients = patientsByPractice.get(r.practiceId) ?? [];
        if (patients.length === 0) continue;
        let t = localToInstant(zone, date, r.start);
        const end = localToInstant(zone, date, r.end);
        for (;;) {
          const motif = r.urgent ? rng.pick(urgentMotifs) : rng.weighted(weighted);
          const stop = t + motif.minutes * MINUTE;
          if (stop > end) break;
          const free = !absences.some((a) => a.start < stop && t < a.end);
          if (free && rng.chance(occupancy))
            appointmentRows.push(
              appointmentRow(rng, { org, p, range: r, motifId: motif.id, start: t, stop, past, now, patients, agentsByPractice, practitionerUsers }),
            );
          t = stop;
        }
      }
    }
  }

  await insertRows(
    db,
    'motifs',
    [
      'id',
      'organisation_id',
      'practitioner_id',
      'label',
      'duration_minutes',
      'colour',
      'online_bookable',
      'new_patients_allowed',
      'patient_instructions',
      'min_notice_minutes',
      'horizon_days',
    ],
    motifRows,
  );
  await insertRows(
    db,
    'opening_ranges',
    ['id', 'organisation_id', 'practitioner_id', 'practice_id', 'kind', 'weekday', 'start_time', 'end_time', 'urgent'],
    rangeRows,
  );
  await insertRows(db, 'opening_range_motifs', ['range_id', 'motif_id', 'practitioner_id'], linkRows);
  await insertRows(db, 'absences', ['id', 'organisation_id', 'practitioner_id', 'during', 'reason'], absenceRows);
  await insertAppointments(db, appointmentRows);
  return { motifs: motifRows.length, ranges: rangeRows.length, absences: absenceRows.length, appointments: appointmentRows.length };
}

const APPOINTMENT_COLUMNS = [
  ['organisation_id', 'uuid'],
  ['practice_id', 'uuid'],
  ['practitioner_id', 'uuid'],
  ['patient_id', 'uuid'],
  ['motif_id', 'uuid'],
  ['during', 'tstzrange'],
  ['status', 'text'],
  ['no_show_excused', 'boolean'],
  ['booked_by', 'uuid'],
  ['channel', 'text'],
  ['cancelled_at', 'timestamptz'],
  ['cancelled_by_kind', 'text'],
  ['cancel_reason', 'text'],
  ['created_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
] as const;

/**
 * Tens of thousands of rows as one JSON parameter per batch: far fewer bound parameters than a VALUES list.
 * The rows reference what this seed has just written, so their six foreign keys are not re-checked row by
 * row (a third of the demo's first start on PGlite) when the session may skip them (superuser: the embedded
 * database, a developer's PostgreSQL); the exclusion constraint, an index, is checked as always.
 */
async function insertAppointments(db: Queryable, rows: readonly unknown[][]): Promise<void> {
  const names = APPOINTMENT_COLUMNS.map(([n]) => n).join(', ');
  const record = APPOINTMENT_COLUMNS.map(([n, t]) => `${n} ${t}`).join(', ');
  const replicationRole = (role: 'replica' | 'origin') =>
    db.query(`select set_config('session_replication_role', $1, true) where current_setting('is_superuser') = 'on'`, [role]);
  await replicationRole('replica');
  for (let i = 0; i < rows.length; i += 10_000) {
    const batch = rows.slice(i, i + 10_000).map((r) => Object.fromEntries(APPOINTMENT_COLUMNS.map(([n], k) => [n, r[k]])));
    await db.query(`insert into appointments (${names}) select ${names} from json_to_recordset($1::json) as x(${record})`, [JSON.stringify(batch)]);
  }
  await replicationRole('origin');
}

function appointmentRow(
  rng: Rng,
  a: {
    org: string;
    p: DemoPractitioner;
    range: Range;
    motifId: string;
    start: number;
    stop: number;
    past: boolean;
    now: number;
    patients: readonly string[];
    agentsByPractice: ReadonlyMap<string, string[]>;
    practitionerUsers: ReadonlyMap<string, string>;
  },
): unknown[] {
  const channel = a.range.urgent
    ? 'phone'
    : rng.weighted([
        ['phone', 65],
        ['online', 25],
        ['practitioner', 6],
        ['desk', 4],
      ] as const);
  const agents = a.agentsByPractice.get(a.range.practiceId) ?? [];
  const bookedBy = channel === 'phone' && agents.length > 0 ? rng.pick(agents) : channel === 'practitioner' ? (a.practitionerUsers.get(a.p.id) ?? null) : null;
  const created = Math.min(a.now, a.start - (a.range.urgent ? rng.int(1, 4) * 3_600_000 : rng.int(1, 40) * 86_400_000));
  let status = 'booked';
  let excused: boolean | null = null;
  let cancelledAt: string | null = null;
  let cancelledByKind: string | null = null;
  let reason: string | null = null;
  const roll = rng.next();
  if (a.past) {
    if (roll < 0.05) status = 'no_show';
    else if (roll < 0.1) status = 'cancelled';
    else status = 'honoured';
  } else if (roll < 0.06) status = 'cancelled';
  if (status === 'no_show') excused = rng.chance(0.35);
  if (status === 'cancelled') {
    cancelledAt = new Date(Math.min(a.now, created + (a.start - created) * rng.next())).toISOString();
    cancelledByKind = rng.weighted([
      ['patient', 80],
      ['practitioner', 12],
      ['secretariat', 8],
    ] as const);
    reason = rng.pick(CANCEL_REASONS);
  }
  const createdAt = new Date(created).toISOString();
  return [
    a.org,
    a.range.practiceId,
    a.p.id,
    rng.pick(a.patients),
    a.motifId,
    `[${new Date(a.start).toISOString()},${new Date(a.stop).toISOString()})`,
    status,
    excused,
    bookedBy,
    channel,
    cancelledAt,
    cancelledByKind,
    reason,
    createdAt,
    cancelledAt ?? createdAt,
  ];
}

export const agendaPart: DemoPart = {
  name: 'agenda',
  async run(db, rng, state) {
    await seedAgenda(db, rng, state);
  },
};
