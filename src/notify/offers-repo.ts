/** SQL for waitlist offers: a freed slot, the waiting patients it was offered to, and who got it. */
import type { Queryable } from '../core/db/types.ts';
import type { Locale } from './format.ts';
import type { PersonView, PlaceView } from './templates.ts';
import { PLACE_SQL, placeFromRow, SITE_JOIN } from './context-repo.ts';
import { settingsColumns, settingsFromRow, type PracticeNotifySettings } from './settings-repo.ts';
import type { NoticeRow } from './notice-row.ts';

export async function insertOffer(
  q: Queryable,
  o: { organisationId: string; practiceId: string; practitionerId: string; freedAppointmentId: string; start: string; end: string; expiresAt: Date },
): Promise<string | null> {
  const { rows } = await q.query<{ id: string }>(
    `insert into waitlist_offers (organisation_id, practice_id, practitioner_id, freed_appointment_id, slot, expires_at)
     values ($1, $2, $3, $4, tstzrange($5::timestamptz, $6::timestamptz, '[)'), $7)
     on conflict (freed_appointment_id, slot) do nothing returning id`,
    [o.organisationId, o.practiceId, o.practitionerId, o.freedAppointmentId, o.start, o.end, o.expiresAt],
  );
  return rows[0]?.id ?? null;
}

export async function insertRecipient(q: Queryable, r: { offerId: string; entryId: string; patientId: string; motifId: string }): Promise<void> {
  await q.query('insert into waitlist_offer_recipients (offer_id, entry_id, patient_id, motif_id) values ($1, $2, $3, $4) on conflict do nothing', [
    r.offerId,
    r.entryId,
    r.patientId,
    r.motifId,
  ]);
}

export interface OfferContext {
  offerId: string;
  organisationId: string;
  practiceId: string;
  practitionerId: string;
  start: number;
  end: number;
  status: 'open' | 'taken' | 'expired';
  expiresAt: number;
  takenAppointmentId: string | null;
  entryId: string;
  patientId: string;
  motifId: string;
  recipientStatus: 'offered' | 'accepted' | 'refused' | 'declined';
  zone: string;
  place: PlaceView;
  practitioner: PersonView;
  patient: PersonView & { mobilePhone: string | null; email: string | null };
  prefs: { smsOptOut: boolean; emailOptOut: boolean; locale: Locale | null };
  settings: PracticeNotifySettings;
}

interface Row extends NoticeRow {
  id: string;
  organisation_id: string;
  practice_id: string;
  practitioner_id: string;
  start_at: Date;
  end_at: Date;
  status: OfferContext['status'];
  expires_at: Date;
  taken_appointment_id: string | null;
  entry_id: string;
  patient_id: string;
  motif_id: string;
  recipient_status: OfferContext['recipientStatus'];
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
}

/** One recipient of an offer with everything its messages need; `lock` locks the offer row. */
export async function loadOfferContext(q: Queryable, offerId: string, entryId: string, lock = false): Promise<OfferContext | undefined> {
  const { rows } = await q.query<Row>(
    `select o.id, o.organisation_id, o.practice_id, o.practitioner_id, lower(o.slot) as start_at, upper(o.slot) as end_at, o.status, o.expires_at,
            o.taken_appointment_id, r.entry_id, r.patient_id, r.motif_id, r.status as recipient_status, ${PLACE_SQL},
            pr.title as pr_title, pr.first_name as pr_first, pr.last_name as pr_last,
            pa.first_given_name as pa_first, coalesce(pa.usual_name, pa.birth_name) as pa_last, pa.mobile_phone, pa.email,
            np.sms_opt_out, np.email_opt_out, np.locale as patient_locale,
            ns.practice_id is not null as has_settings, ${settingsColumns('ns')}
       from waitlist_offers o
       join waitlist_offer_recipients r on r.offer_id = o.id and r.entry_id = $2
       join practices p on p.id = o.practice_id
       ${SITE_JOIN}
       join practitioners pr on pr.id = o.practitioner_id
       join patients pa on pa.id = r.patient_id
       left join notify_patient_prefs np on np.patient_id = r.patient_id
       left join notify_practice_settings ns on ns.practice_id = o.practice_id
      where o.id = $1
      ${lock ? 'for update of o' : ''}`,
    [offerId, entryId],
  );
  const r = rows[0];
  if (!r) return undefined;
  return {
    offerId: r.id,
    organisationId: r.organisation_id,
    practiceId: r.practice_id,
    practitionerId: r.practitioner_id,
    start: r.start_at.getTime(),
    end: r.end_at.getTime(),
    status: r.status,
    expiresAt: r.expires_at.getTime(),
    takenAppointmentId: r.taken_appointment_id,
    entryId: r.entry_id,
    patientId: r.patient_id,
    motifId: r.motif_id,
    recipientStatus: r.recipient_status,
    zone: r.time_zone,
    place: placeFromRow(r),
    practitioner: { title: r.pr_title, firstName: r.pr_first, lastName: r.pr_last },
    patient: { title: null, firstName: r.pa_first, lastName: r.pa_last, mobilePhone: r.mobile_phone, email: r.email },
    prefs: { smsOptOut: r.sms_opt_out ?? false, emailOptOut: r.email_opt_out ?? false, locale: r.patient_locale },
    settings: settingsFromRow(r.practice_id, r.has_settings ? r : undefined),
  };
}

export async function markTaken(q: Queryable, offerId: string, appointmentId: string): Promise<boolean> {
  const { rowCount } = await q.query(
    `update waitlist_offers set status = 'taken', taken_appointment_id = $2, taken_at = now() where id = $1 and status = 'open'`,
    [offerId, appointmentId],
  );
  return rowCount > 0;
}

export async function setRecipientStatus(q: Queryable, offerId: string, entryId: string, status: 'accepted' | 'refused' | 'declined'): Promise<void> {
  await q.query(`update waitlist_offer_recipients set status = $3, responded_at = now() where offer_id = $1 and entry_id = $2 and status = 'offered'`, [
    offerId,
    entryId,
    status,
  ]);
}
