/**
 * Notify's background work, registered with the workers at start (src/background.ts): the agenda's
 * outbox events become patients' notices, due reminders and freed slots are acted upon, and every
 * template notify writes (patients' notices, and the staff notices messages queues) is rendered here.
 */
import type { BackgroundFeature } from '../core/delivery/workers.ts';
import { onAppointmentEvent } from './appointment-events-service.ts';
import { offerFreedSlot } from './offers-service.ts';
import { NOTIFY_QUEUE, notifyQueues } from './queues.ts';
import { fireReminder } from './reminder-service.ts';
import { renderDelivery } from './render-service.ts';
import { PATIENT_TEMPLATES, STAFF_TEMPLATES } from './templates.ts';

export const notifyBackground: BackgroundFeature = {
  name: 'notify',
  queues: notifyQueues,
  renderers: Object.fromEntries([...PATIENT_TEMPLATES, ...STAFF_TEMPLATES].map((t) => [t, renderDelivery])),
  outbox: (ctx) => (tx, event) => onAppointmentEvent(tx, ctx, event),
  async start(ctx) {
    await ctx.jobs.work<{ appointmentId: string; rule: string }>(NOTIFY_QUEUE.reminder, ctx.work, async (job) => {
      await fireReminder(ctx.db, ctx, job.data);
    });
    await ctx.jobs.work<{ appointmentId: string }>(NOTIFY_QUEUE.waitlist, ctx.work, async (job) => {
      await offerFreedSlot(ctx.db, ctx, { appointmentId: job.data.appointmentId, requestId: `job-${job.id}` });
    });
  },
};
