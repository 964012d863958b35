/**
 * One escalation step of an unacknowledged urgent message, run by a job due at
 * created_at + step × the practice's delay. Steps 1..renotifyCount notify the practitioner again; the
 * next ones alert the escalation contacts in order; then the exhaustion is logged. Each step is logged
 * in message_events and schedules the next in the same transaction. An acknowledged (or processed)
 * message stops here, and a step already taken (a job run twice) is not taken again.
 */
import type { Db } from '../core/db/types.ts';
import type { Jobs } from '../core/jobs/jobs.ts';
import type { Clock } from '../core/time/clock.ts';
import type { Tuning } from '../core/delivery/queues.ts';
import { ESCALATE_QUEUE } from './queues.ts';
import { addEvent, getSettings, messageById, setEscalationStep } from './repo.ts';
import { noticeToContact, noticeToPractitioner } from './notice-service.ts';
import { escalationStartAfter } from './service.ts';

export type EscalationOutcome = 'stopped' | 'duplicate' | 'renotified' | 'escalated' | 'exhausted' | 'gone';

export async function escalate(
  db: Db,
  deps: { jobs: Jobs; tuning: Tuning; clock: Clock },
  due: { messageId: string; step: number },
): Promise<EscalationOutcome> {
  const { messageId, step } = due;
  return db.transaction(async (tx) => {
    const m = await messageById(tx, messageId, true);
    if (!m) return 'gone';
    if (m.acknowledgedAt || m.status === 'processed') return 'stopped';
    if (m.escalationStep >= step) return 'duplicate';
    const s = await getSettings(tx, m.practiceId);
    const contactIndex = step - s.renotifyCount - 1;
    let outcome: EscalationOutcome;
    if (step <= s.renotifyCount) {
      const channels = await noticeToPractitioner(tx, deps, { m, template: 'message_renotify', key: `message:${m.id}:renotify:${step}` });
      await addEvent(tx, m, 'renotified', null, { step, channels: ['in_app', ...channels] });
      outcome = 'renotified';
    } else if (contactIndex < s.escalationContacts.length) {
      const contact = s.escalationContacts[contactIndex]!;
      await noticeToContact(tx, deps, { m, contact, step, now: deps.clock.nowMs() });
      await addEvent(tx, m, 'escalated', null, { step, contactId: contact.id, channel: contact.channel });
      outcome = 'escalated';
    } else {
      await addEvent(tx, m, 'escalation_exhausted', null, { step });
      await setEscalationStep(tx, m.id, step);
      return 'exhausted';
    }
    await setEscalationStep(tx, m.id, step);
    await deps.jobs.send(tx, ESCALATE_QUEUE, { messageId: m.id, step: step + 1 }, { startAfter: await escalationStartAfter(tx, m, step + 1) });
    return outcome;
  });
}
