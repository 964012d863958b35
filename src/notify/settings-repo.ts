/** SQL for the notification settings of practices and motifs, and patients' preferences. */
import type { Actor } from '../core/auth/actor.ts';
import type { Queryable } from '../core/db/types.ts';
import type { Locale } from './format.ts';

export interface PracticeNotifySettings {
  practiceId: string;
  remindersEnabled: boolean;
  longLeadDays: number;
  longRemindDays: number;
  shortRemindDays: number;
  remindTime: string;
  changeDeadlineMinutes: number;
  offerTtlMinutes: number;
  locale: Locale;
}

export const SETTINGS_DEFAULTS: Omit<PracticeNotifySettings, 'practiceId'> = {
  remindersEnabled: true,
  longLeadDays: 7,
  longRemindDays: 2,
  shortRemindDays: 1,
  remindTime: '10:00',
  changeDeadlineMinutes: 240,
  offerTtlMinutes: 720,
  locale: 'fr',
};

interface SettingsRow {
  reminders_enabled: boolean;
  long_lead_days: number;
  long_remind_days: number;
  short_remind_days: number;
  remind_time: string;
  change_deadline_minutes: number;
  offer_ttl_minutes: number;
  locale: Locale;
}

/** The settings columns of notify_practice_settings under `alias`. */
export function settingsColumns(alias: string): string {
  const c = (name: string) => `${alias}.${name}`;
  return `${c('reminders_enabled')}, ${c('long_lead_days')}, ${c('long_remind_days')}, ${c('short_remind_days')},
    to_char(${c('remind_time')}, 'HH24:MI') as remind_time, ${c('change_deadline_minutes')}, ${c('offer_ttl_minutes')}, ${c('locale')}`;
}

export function settingsFromRow(practiceId: string, r: SettingsRow | undefined): PracticeNotifySettings {
  if (!r) return { practiceId, ...SETTINGS_DEFAULTS };
  return {
    practiceId,
    remindersEnabled: r.reminders_enabled,
    longLeadDays: r.long_lead_days,
    longRemindDays: r.long_remind_days,
    shortRemindDays: r.short_remind_days,
    remindTime: r.remind_time,
    changeDeadlineMinutes: r.change_deadline_minutes,
    offerTtlMinutes: r.offer_ttl_minutes,
    locale: r.locale,
  };
}

export async function getPracticeSettings(q: Queryable, practiceId: string): Promise<PracticeNotifySettings> {
  const { rows } = await q.query<SettingsRow>(`select ${settingsColumns('s')} from notify_practice_settings s where practice_id = $1`, [practiceId]);
  return settingsFromRow(practiceId, rows[0]);
}

export async function upsertPracticeSettings(q: Queryable, organisationId: string, s: PracticeNotifySettings): Promise<void> {
  await q.query(
    `insert into notify_practice_settings (practice_id, organisation_id, reminders_enabled, long_lead_days, long_remind_days, short_remind_days,
       remind_time, change_deadline_minutes, offer_ttl_minutes, locale)
     values ($1, $2, $3, $4, $5, $6, $7::time, $8, $9, $10)
     on conflict (practice_id) do update set reminders_enabled = excluded.reminders_enabled, long_lead_days = excluded.long_lead_days,
       long_remind_days = excluded.long_remind_days, short_remind_days = excluded.short_remind_days, remind_time = excluded.remind_time,
       change_deadline_minutes = excluded.change_deadline_minutes, offer_ttl_minutes = excluded.offer_ttl_minutes, locale = excluded.locale,
       updated_at = now()`,
    [
      s.practiceId,
      organisationId,
      s.remindersEnabled,
      s.longLeadDays,
      s.longRemindDays,
      s.shortRemindDays,
      s.remindTime,
      s.changeDeadlineMinutes,
      s.offerTtlMinutes,
      s.locale,
    ],
  );
}

export interface MotifNotifySettings {
  motifId: string;
  remindersEnabled: boolean;
  remindDaysBefore: number | null;
}

export async function upsertMotifSettings(q: Queryable, organisationId: string, s: MotifNotifySettings): Promise<void> {
  await q.query(
    `insert into notify_motif_settings (motif_id, organisation_id, reminders_enabled, remind_days_before) values ($1, $2, $3, $4)
     on conflict (motif_id) do update set reminders_enabled = excluded.reminders_enabled, remind_days_before = excluded.remind_days_before, updated_at = now()`,
    [s.motifId, organisationId, s.remindersEnabled, s.remindDaysBefore],
  );
}

/** The motif, if the actor's organisation owns it and one of the actor's practices holds its practitioner. */
export async function findMotifInScope(
  q: Queryable,
  organisationId: string,
  practiceIds: readonly string[],
  motifId: string,
): Promise<{ id: string } | undefined> {
  const { rows } = await q.query<{ id: string }>(
    `select m.id from motifs m
      where m.id = $1 and m.organisation_id = $2
        and exists (select 1 from practice_practitioners pp where pp.practitioner_id = m.practitioner_id and pp.practice_id = any($3::uuid[]))`,
    [motifId, organisationId, practiceIds],
  );
  return rows[0];
}

export async function getMotifSettings(q: Queryable, motifId: string): Promise<MotifNotifySettings> {
  const { rows } = await q.query<{ reminders_enabled: boolean; remind_days_before: number | null }>(
    'select reminders_enabled, remind_days_before from notify_motif_settings where motif_id = $1',
    [motifId],
  );
  const r = rows[0];
  return { motifId, remindersEnabled: r?.reminders_enabled ?? true, remindDaysBefore: r?.remind_days_before ?? null };
}

export interface PatientNotifyPrefs {
  patientId: string;
  remindersOptOut: boolean;
  smsOptOut: boolean;
  emailOptOut: boolean;
  locale: Locale | null;
}

export async function getPatientPrefs(q: Queryable, patientId: string): Promise<PatientNotifyPrefs> {
  const { rows } = await q.query<{ reminders_opt_out: boolean; sms_opt_out: boolean; email_opt_out: boolean; locale: Locale | null }>(
    'select reminders_opt_out, sms_opt_out, email_opt_out, locale from notify_patient_prefs where patient_id = $1',
    [patientId],
  );
  const r = rows[0];
  return {
    patientId,
    remindersOptOut: r?.reminders_opt_out ?? false,
    smsOptOut: r?.sms_opt_out ?? false,
    emailOptOut: r?.email_opt_out ?? false,
    locale: r?.locale ?? null,
  };
}

export async function upsertPatientPrefs(q: Queryable, o: { organisationId: string; practiceId: string }, p: PatientNotifyPrefs): Promise<void> {
  await q.query(
    `insert into notify_patient_prefs (patient_id, organisation_id, practice_id, reminders_opt_out, sms_opt_out, email_opt_out, locale)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (patient_id) do update set reminders_opt_out = excluded.reminders_opt_out, sms_opt_out = excluded.sms_opt_out,
       email_opt_out = excluded.email_opt_out, locale = excluded.locale, updated_at = now()`,
    [p.patientId, o.organisationId, o.practiceId, p.remindersOptOut, p.smsOptOut, p.emailOptOut, p.locale],
  );
}

/** The patient, if in the actor's scope. */
export async function findPatientInScope(
  q: Queryable,
  organisationId: string,
  practiceIds: readonly string[],
  patientId: string,
): Promise<{ id: string; practiceId: string } | undefined> {
  const { rows } = await q.query<{ id: string; practice_id: string }>(
    'select id, practice_id from patients where id = $1 and organisation_id = $2 and practice_id = any($3::uuid[])',
    [patientId, organisationId, practiceIds],
  );
  return rows[0] ? { id: rows[0].id, practiceId: rows[0].practice_id } : undefined;
}

export async function practiceInScope(q: Queryable, actor: Actor, practiceId: string): Promise<boolean> {
  const { rows } = await q.query('select 1 from practices where id = $1 and organisation_id = $2 and id = any($3::uuid[])', [
    practiceId,
    actor.organisationId,
    actor.practiceIds,
  ]);
  return rows.length > 0;
}
