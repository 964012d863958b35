/** A reminder falls due: its deliveries are created once, in the transaction that marks it sent. */
import type { Db } from '../core/db/types.ts';
import { queueDelivery } from '../core/delivery/delivery-service.ts';
import { loadAppointmentContext } from './context-repo.ts';
import { localeOf, patientChannels } from './recipients.ts';
import { markReminderSkipped, takeDueReminder } from './reminders-repo.ts';
import type { EventDeps } from './appointment-events-service.ts';

export async function fireReminder(db: Db, deps: EventDeps, due: { appointmentId: string; rule: string }): Promise<'sent' | 'skipped' | 'not_due'> {
  const { appointmentId, rule } = due;
  return db.transaction(async (tx) => {
    if (!(await takeDueReminder(tx, appointmentId, rule))) return 'not_due';
    const c = await loadAppointmentContext(tx, appointmentId);
    if (!c || c.status !== 'booked' || c.start <= deps.clock.nowMs() || c.prefs.remindersOptOut) {
      await markReminderSkipped(tx, appointmentId, rule);
      return 'skipped';
    }
    const locale = localeOf(c.prefs.locale, c.settings.locale);
    for (const { channel, address } of patientChannels({ ...c.patient, ...c.prefs })) {
      await queueDelivery(tx, deps, {
        organisationId: c.organisationId,
        practiceId: c.practiceId,
        patientId: c.patientId,
        appointmentId,
        recipientKind: 'patient',
        channel,
        address,
        template: 'appointment_reminder',
        locale,
        params: { appointmentId },
        dedupeKey: `reminder:${appointmentId}:${rule}:${channel}`,
      });
    }
    return 'sent';
  });
}
