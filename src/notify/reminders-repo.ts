/** SQL for reminders. The primary key (appointment_id, rule) is what makes each reminder happen once. */
import type { Actor } from '../core/auth/actor.ts';
import type { Queryable } from '../core/db/types.ts';
import type { ReminderRule } from './reminder-rules.ts';

/** Drops the scheduled reminders of an appointment, except the rule still planned. */
export async function cancelScheduledReminders(q: Queryable, appointmentId: string, keepRule: ReminderRule | null): Promise<void> {
  await q.query(`update appointment_reminders set status = 'cancelled' where appointment_id = $1 and status = 'scheduled' and rule is distinct from $2`, [
    appointmentId,
    keepRule,
  ]);
}

/**
 * Schedules the reminder of a rule, or moves its due time. A rule already sent is never armed again:
 * exactly one reminder per appointment and rule. Answers true when a job must be enqueued.
 */
export async function upsertReminder(
  q: Queryable,
  r: { appointmentId: string; rule: ReminderRule; organisationId: string; practiceId: string; dueAt: Date },
): Promise<boolean> {
  const { rows } = await q.query(
    `insert into appointment_reminders (appointment_id, rule, organisation_id, practice_id, due_at) values ($1, $2, $3, $4, $5)
     on conflict (appointment_id, rule) do update set due_at = excluded.due_at, status = 'scheduled'
       where appointment_reminders.status in ('scheduled', 'cancelled')
     returning 1`,
    [r.appointmentId, r.rule, r.organisationId, r.practiceId, r.dueAt],
  );
  return rows.length > 0;
}

/** Takes the due reminder: answers true exactly once per (appointment, rule), whichever worker asks. */
export async function takeDueReminder(q: Queryable, appointmentId: string, rule: string): Promise<boolean> {
  const { rows } = await q.query(
    `update appointment_reminders set status = 'sent', sent_at = now()
      where appointment_id = $1 and rule = $2 and status = 'scheduled' and due_at <= now() returning 1`,
    [appointmentId, rule],
  );
  return rows.length > 0;
}

export async function markReminderSkipped(q: Queryable, appointmentId: string, rule: string): Promise<void> {
  await q.query(`update appointment_reminders set status = 'skipped' where appointment_id = $1 and rule = $2`, [appointmentId, rule]);
}

export interface ReminderDto {
  appointmentId: string;
  rule: ReminderRule;
  dueAt: string;
  status: 'scheduled' | 'sent' | 'cancelled' | 'skipped';
  sentAt: string | null;
}

export async function remindersOf(q: Queryable, appointmentId: string): Promise<ReminderDto[]> {
  const { rows } = await q.query<{ appointment_id: string; rule: ReminderRule; due_at: Date; status: ReminderDto['status']; sent_at: Date | null }>(
    'select appointment_id, rule, due_at, status, sent_at from appointment_reminders where appointment_id = $1 order by due_at',
    [appointmentId],
  );
  return rows.map((r) => ({
    appointmentId: r.appointment_id,
    rule: r.rule,
    dueAt: r.due_at.toISOString(),
    status: r.status,
    sentAt: r.sent_at?.toISOString() ?? null,
  }));
}

/** The practice and patient of an appointment in the actor's scope. */
export async function appointmentInScope(q: Queryable, actor: Actor, appointmentId: string): Promise<{ practiceId: string; patientId: string } | undefined> {
  const { rows } = await q.query<{ practice_id: string; patient_id: string }>(
    'select practice_id, patient_id from appointments where id = $1 and organisation_id = $2 and practice_id = any($3::uuid[])',
    [appointmentId, actor.organisationId, actor.practiceIds],
  );
  return rows[0] ? { practiceId: rows[0].practice_id, patientId: rows[0].patient_id } : undefined;
}
