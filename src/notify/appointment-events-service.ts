/**
 * What each agenda event means for the patient, decided inside the outbox consumer's transaction:
 * booked → confirmation and reminder; moved → change notice and the reminder planned again;
 * cancelled → cancellation notice (its own wording when an absence caused it), reminders dropped and
 * the freed slot offered to the waitlist. Every delivery has a once-only key derived from the event.
 */
import type { Queryable } from '../core/db/types.ts';
import type { Jobs } from '../core/jobs/jobs.ts';
import type { Clock } from '../core/time/clock.ts';
import { queueDelivery } from '../core/delivery/delivery-service.ts';
import type { OutboxEvent } from '../core/delivery/outbox-service.ts';
import type { Tuning } from '../core/delivery/queues.ts';
import { loadAppointmentContext, seriesSize, type AppointmentContext } from './context-repo.ts';
import { localeOf, patientChannels } from './recipients.ts';
import { planReminder } from './reminder-rules.ts';
import { cancelScheduledReminders, upsertReminder } from './reminders-repo.ts';
import { NOTIFY_QUEUE } from './queues.ts';
import type { PatientTemplate } from './templates.ts';

export interface EventDeps {
  jobs: Jobs;
  tuning: Tuning;
  clock: Clock;
}

interface Notice {
  c: AppointmentContext;
  template: PatientTemplate;
  /** The once-only key, completed by the channel. */
  key: string;
  params?: Record<string, unknown>;
}

async function notifyPatient(tx: Queryable, deps: EventDeps, notice: Notice): Promise<void> {
  const { c, template, key, params = {} } = notice;
  const locale = localeOf(c.prefs.locale, c.settings.locale);
  for (const { channel, address } of patientChannels({ ...c.patient, ...c.prefs })) {
    await queueDelivery(tx, deps, {
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
    });
  }
}

/** Plans (or plans again) the appointment's reminder from `at`, dropping the ones another rule replaced. */
export async function scheduleReminder(tx: Queryable, deps: EventDeps, o: { c: AppointmentContext; at: number }): Promise<void> {
  const { c, at } = o;
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
  const armed = await upsertReminder(tx, {
    appointmentId: c.appointmentId,
    rule: plan.rule,
    organisationId: c.organisationId,
    practiceId: c.practiceId,
    dueAt: new Date(plan.dueAt),
  });
  if (armed) await deps.jobs.send(tx, NOTIFY_QUEUE.reminder, { appointmentId: c.appointmentId, rule: plan.rule }, { startAfter: new Date(plan.dueAt) });
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
        if (c.seriesId)
          await notifyPatient(tx, deps, {
            c,
            template: 'appointment_confirmation',
            key: `confirm-series:${c.seriesId}`,
            params: { seriesCount: await seriesSize(tx, c.seriesId) },
          });
        else await notifyPatient(tx, deps, { c, template: 'appointment_confirmation', key: `event:${e.id}` });
        await scheduleReminder(tx, deps, { c, at });
      }
      return;
    }
    case 'appointment.moved': {
      const previous = e.payload['previous'] as { start?: string } | undefined;
      const previousStart = previous?.start ? Date.parse(previous.start) : null;
      if (c.status === 'booked') {
        await notifyPatient(tx, deps, { c, template: 'appointment_change', key: `event:${e.id}`, params: { previousStart } });
        await scheduleReminder(tx, deps, { c, at });
      }
      await deps.jobs.send(tx, NOTIFY_QUEUE.waitlist, { appointmentId, eventId: e.id });
      return;
    }
    case 'appointment.cancelled': {
      const template = e.payload['cause'] === 'absence' ? 'appointment_cancellation_absence' : 'appointment_cancellation';
      if (c.start > at) await notifyPatient(tx, deps, { c, template, key: `event:${e.id}` });
      await cancelScheduledReminders(tx, appointmentId, null);
      await deps.jobs.send(tx, NOTIFY_QUEUE.waitlist, { appointmentId, eventId: e.id });
      return;
    }
  }
}
