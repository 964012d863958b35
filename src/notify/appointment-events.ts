/**
 * What each agenda event means for the patient, decided inside the outbox consumer's transaction:
 * booked → confirmation and reminder; moved → change notice and the reminder planned again;
 * cancelled → cancellation notice (its own wording when an absence caused it), reminders dropped and
 * the freed slot offered to the waitlist. Every delivery has a once-only key derived from the event.
 */
import type { Queryable } from '../core/db/types.ts';
import type { Jobs } from '../core/jobs/jobs.ts';
import { loadAppointmentContext, type AppointmentContext } from './context-repo.ts';
import { localeOf, patientChannels, queueDelivery } from './delivery-service.ts';
import { planReminder } from './reminder-rules.ts';
import { cancelScheduledReminders, upsertReminder } from './reminders-repo.ts';
import { QUEUE, type Tuning } from './queues.ts';
import type { PatientTemplate } from './templates.ts';

export interface OutboxEvent {
  id: number;
  organisationId: string;
  practiceId: string | null;
  type: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

export interface EventDeps {
  jobs: Jobs;
  tuning: Tuning;
}

async function notifyPatient(
  tx: Queryable,
  deps: EventDeps,
  c: AppointmentContext,
  template: PatientTemplate,
  key: string,
  params: Record<string, unknown> = {},
): Promise<void> {
  const locale = localeOf(c.prefs.locale, c.settings.locale);
  for (const { channel, address } of patientChannels({ ...c.patient, ...c.prefs })) {
    await queueDelivery(
      tx,
      deps.jobs,
      {
        organisationId: c.organisationId,
        practiceId: c.practiceId,
        patientId: c.patientId,
        appointmentId: c.appointmentId,
        recipientKind: 'patient',
        channel,
        address,
        template,
        locale,
        params: { appointmentId: c.appointmentId, ...params },
        dedupeKey: `${key}:${channel}`,
      },
      deps.tuning,
    );
  }
}

/** Plans (or plans again) the appointment's reminder from `at`, dropping the ones another rule replaced. */
export async function scheduleReminder(tx: Queryable, deps: EventDeps, c: AppointmentContext, at: number): Promise<void> {
  const plan = planReminder({
    zone: c.zone,
    bookedAt: at,
    start: c.start,
    settings: { ...c.settings, enabled: c.settings.remindersEnabled },
    motif: c.motifReminders,
    optedOut: c.prefs.remindersOptOut,
  });
  await cancelScheduledReminders(tx, c.appointmentId, plan?.rule ?? null);
  if (!plan) return;
  const armed = await upsertReminder(tx, { appointmentId: c.appointmentId, rule: plan.rule, organisationId: c.organisationId, practiceId: c.practiceId, dueAt: new Date(plan.dueAt) });
  if (armed) await deps.jobs.send(tx, QUEUE.reminder, { appointmentId: c.appointmentId, rule: plan.rule }, { startAfter: new Date(plan.dueAt) });
}

async function seriesSize(tx: Queryable, seriesId: string): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(`select count(*)::int as n from appointments where series_id = $1 and status = 'booked'`, [seriesId]);
  return rows[0]?.n ?? 1;
}

export async function onAppointmentEvent(tx: Queryable, deps: EventDeps, e: OutboxEvent): Promise<void> {
  const appointmentId = typeof e.payload['appointmentId'] === 'string' ? e.payload['appointmentId'] : undefined;
  if (!appointmentId) return;
  const c = await loadAppointmentContext(tx, appointmentId);
  if (!c) return;
  const at = e.createdAt.getTime();
  switch (e.type) {
    case 'appointment.booked': {
      if (c.status === 'booked') {
        // A series is confirmed once, with its number of sessions.
        if (c.seriesId) await notifyPatient(tx, deps, c, 'appointment_confirmation', `confirm-series:${c.seriesId}`, { seriesCount: await seriesSize(tx, c.seriesId) });
        else await notifyPatient(tx, deps, c, 'appointment_confirmation', `event:${e.id}`);
        await scheduleReminder(tx, deps, c, at);
      }
      return;
    }
    case 'appointment.moved': {
      const previous = e.payload['previous'] as { start?: string } | undefined;
      const previousStart = previous?.start ? Date.parse(previous.start) : null;
      if (c.status === 'booked') {
        await notifyPatient(tx, deps, c, 'appointment_change', `event:${e.id}`, { previousStart });
        await scheduleReminder(tx, deps, c, at);
      }
      await deps.jobs.send(tx, QUEUE.waitlist, { appointmentId, eventId: e.id });
      return;
    }
    case 'appointment.cancelled': {
      const template = e.payload['cause'] === 'absence' ? 'appointment_cancellation_absence' : 'appointment_cancellation';
      if (c.start > at) await notifyPatient(tx, deps, c, template, `event:${e.id}`);
      await cancelScheduledReminders(tx, appointmentId, null);
      await deps.jobs.send(tx, QUEUE.waitlist, { appointmentId, eventId: e.id });
      return;
    }
  }
}
