/**
 * Sending a message's notice beyond Relais itself: to the practitioner by the channels he chose, or to
 * an escalation contact. The view carries no message text and no patient (it leaves the platform).
 */
import type { Queryable } from '../core/db/types.ts';
import type { Jobs } from '../core/jobs/jobs.ts';
import type { Locale } from '../core/http/locale.ts';
import { queueDelivery } from '../core/delivery/delivery-service.ts';
import type { Tuning } from '../core/delivery/queues.ts';
import { practiceInfo, practitionerContact, type EscalationContact, type MessageRecord } from './repo.ts';

export interface NoticeDeps {
  jobs: Jobs;
  tuning: Tuning;
}

/**
 * What a staff notice carries in its delivery's params (`view`): the contract with the renderer of the
 * staff templates (notify/templates.ts, `MessageView` without the link, signed at send time).
 */
export interface StoredView {
  locale: Locale;
  zone: string;
  practiceName: string;
  practitioner: { title: string | null; firstName: string; lastName: string };
  messageType: MessageRecord['type'];
  createdAt: number;
  callbackNumber: string | null;
  contactName?: string | null;
  minutesWaiting?: number | null;
}

async function viewOf(
  q: Queryable,
  m: MessageRecord,
): Promise<{ view: StoredView; contact: NonNullable<Awaited<ReturnType<typeof practitionerContact>>> } | undefined> {
  const pc = await practitionerContact(q, m.practitionerId);
  const practice = await practiceInfo(q, m.practiceId);
  if (!pc || !practice) return undefined;
  return {
    contact: pc,
    view: {
      locale: pc.locale,
      zone: practice.timeZone,
      practiceName: practice.name,
      practitioner: { title: pc.title, firstName: pc.firstName, lastName: pc.lastName },
      messageType: m.type,
      createdAt: Date.parse(m.createdAt),
      callbackNumber: m.callbackNumber,
    },
  };
}

/** Queues the practitioner's notices; answers the channels used besides Relais itself. */
export async function noticeToPractitioner(
  tx: Queryable,
  deps: NoticeDeps,
  n: { m: MessageRecord; template: 'message_new' | 'message_renotify'; key: string },
): Promise<string[]> {
  const { m, template, key } = n;
  const v = await viewOf(tx, m);
  if (!v) return [];
  const targets: { channel: 'email' | 'sms'; address: string }[] = [];
  if (v.contact.email && v.contact.emailAddress) targets.push({ channel: 'email', address: v.contact.emailAddress });
  if (v.contact.sms && v.contact.mobilePhone) targets.push({ channel: 'sms', address: v.contact.mobilePhone });
  for (const t of targets) {
    await queueDelivery(tx, deps, {
      organisationId: m.organisationId,
      practiceId: m.practiceId,
      messageId: m.id,
      recipientKind: 'practitioner',
      channel: t.channel,
      address: t.address,
      template,
      locale: v.view.locale,
      params: { messageId: m.id, party: m.practitionerId, view: v.view },
      dedupeKey: `${key}:${t.channel}`,
    });
  }
  return targets.map((t) => t.channel);
}

export async function noticeToContact(
  tx: Queryable,
  deps: NoticeDeps,
  n: { m: MessageRecord; contact: EscalationContact; step: number; now: number },
): Promise<void> {
  const { m, contact, step, now } = n;
  const v = await viewOf(tx, m);
  if (!v) return;
  const view: StoredView = { ...v.view, locale: 'fr', contactName: contact.name, minutesWaiting: Math.round((now - Date.parse(m.createdAt)) / 60_000) };
  await queueDelivery(tx, deps, {
    organisationId: m.organisationId,
    practiceId: m.practiceId,
    messageId: m.id,
    recipientKind: 'contact',
    channel: contact.channel,
    address: contact.address,
    template: 'message_escalation',
    locale: 'fr',
    params: { messageId: m.id, party: contact.id, view },
    dedupeKey: `message:${m.id}:escalation:${step}:${contact.channel}`,
  });
}
