/**
 * What a notification about an appointment needs, read in one query: the appointment, its practice
 * (zone, name, first site and its access directions), practitioner, patient and the patient's and
 * practice's notification settings. No motif: nothing about it may reach a patient's SMS.
 */
import type { Queryable } from '../core/db/types.ts';
import type { Locale } from './format.ts';
import type { PersonView, PlaceView } from './templates.ts';
import { settingsColumns, settingsFromRow, type PracticeNotifySettings } from './settings-repo.ts';
import type { NoticeRow } from './notice-row.ts';

export interface AppointmentContext {
  appointmentId: string;
  organisationId: string;
  practiceId: string;
  practitionerId: string;
  patientId: string;
  motifId: string;
  start: number;
  end: number;
  status: 'booked' | 'honoured' | 'cancelled' | 'no_show';
  seriesId: string | null;
  zone: string;
  place: PlaceView;
  practitioner: PersonView;
  patient: PersonView & { mobilePhone: string | null; email: string | null };
  prefs: { remindersOptOut: boolean; smsOptOut: boolean; emailOptOut: boolean; locale: Locale | null };
  settings: PracticeNotifySettings;
  motifReminders: { enabled: boolean; daysBefore: number | null };
}

interface Row extends NoticeRow {
  id: string;
  organisation_id: string;
  practice_id: string;
  practitioner_id: string;
  patient_id: string;
  motif_id: string;
  start_at: Date;
  end_at: Date;
  status: AppointmentContext['status'];
  series_id: string | null;
  reminders_opt_out: boolean | null;
  sms_opt_out: boolean | null;
  email_opt_out: boolean | null;
  patient_locale: Locale | null;
  has_settings: boolean;
  reminders_enabled: boolean;
  long_lead_days: number;
  long_remind_days: number;
  short_remind_days: number;
  remind_time: string;
  change_deadline_minutes: number;
  offer_ttl_minutes: number;
  locale: Locale;
  motif_reminders: boolean | null;
  motif_days: number | null;
}

/** The practice's place as a patient needs it: name, phone, first site's address and access. */
export const PLACE_SQL = `p.name as practice_name, p.phone as practice_phone, p.time_zone,
  s.address_line, s.postal_code, s.city, s.floor, s.digicode, s.parking, s.transport, s.access_notes`;
export const SITE_JOIN = `left join lateral (select * from practice_sites ps where ps.practice_id = p.id order by ps.position, ps.id limit 1) s on true`;

export function placeFromRow(
  r: Pick<Row, 'practice_name' | 'practice_phone' | 'address_line' | 'postal_code' | 'city' | 'floor' | 'digicode' | 'parking' | 'transport' | 'access_notes'>,
): PlaceView {
  const cityLine = [r.postal_code, r.city].filter(Boolean).join(' ');
  const address = [r.address_line, cityLine].filter(Boolean).join(', ');
  return {
    practiceName: r.practice_name,
    phone: r.practice_phone,
    address: address || null,
    floor: r.floor,
    digicode: r.digicode,
    parking: r.parking,
    transport: r.transport,
    accessNotes: r.access_notes,
  };
}

export async function loadAppointmentContext(q: Queryable, appointmentId: string): Promise<AppointmentContext | undefined> {
  const { rows } = await q.query<Row>(
    `select a.id, a.organisation_id, a.practice_id, a.practitioner_id, a.patient_id, a.motif_id, lower(a.during) as start_at, upper(a.during) as end_at,
            a.status, a.series_id, ${PLACE_SQL},
            pr.title as pr_title, pr.first_name as pr_first, pr.last_name as pr_last,
            pa.first_given_name as pa_first, coalesce(pa.usual_name, pa.birth_name) as pa_last, pa.mobile_phone, pa.email,
            np.reminders_opt_out, np.sms_opt_out, np.email_opt_out, np.locale as patient_locale,
            ns.practice_id is not null as has_settings, ${settingsColumns('ns')},
            nm.reminders_enabled as motif_reminders, nm.remind_days_before as motif_days
       from appointments a
       join practices p on p.id = a.practice_id
       ${SITE_JOIN}
       join practitioners pr on pr.id = a.practitioner_id
       join patients pa on pa.id = a.patient_id
       left join notify_patient_prefs np on np.patient_id = a.patient_id
       left join notify_practice_settings ns on ns.practice_id = a.practice_id
       left join notify_motif_settings nm on nm.motif_id = a.motif_id
      where a.id = $1`,
    [appointmentId],
  );
  const r = rows[0];
  if (!r) return undefined;
  return {
    appointmentId: r.id,
    organisationId: r.organisation_id,
    practiceId: r.practice_id,
    practitionerId: r.practitioner_id,
    patientId: r.patient_id,
    motifId: r.motif_id,
    start: r.start_at.getTime(),
    end: r.end_at.getTime(),
    status: r.status,
    seriesId: r.series_id,
    zone: r.time_zone,
    place: placeFromRow(r),
    practitioner: { title: r.pr_title, firstName: r.pr_first, lastName: r.pr_last },
    patient: { title: null, firstName: r.pa_first, lastName: r.pa_last, mobilePhone: r.mobile_phone, email: r.email },
    prefs: {
      remindersOptOut: r.reminders_opt_out ?? false,
      smsOptOut: r.sms_opt_out ?? false,
      emailOptOut: r.email_opt_out ?? false,
      locale: r.patient_locale,
    },
    settings: settingsFromRow(r.practice_id, r.has_settings ? r : undefined),
    motifReminders: { enabled: r.motif_reminders ?? true, daysBefore: r.motif_days },
  };
}

/** Sessions of a series still booked (a series is confirmed once, with this number). */
export async function seriesSize(q: Queryable, seriesId: string): Promise<number> {
  const { rows } = await q.query<{ n: number }>(`select count(*)::int as n from appointments where series_id = $1 and status = 'booked'`, [seriesId]);
  return rows[0]?.n ?? 1;
}
