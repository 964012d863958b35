/**
 * Renders a claimed delivery from the current data, at send time: a reminder of an appointment
 * cancelled meanwhile is not sent, a link is signed with its expiry then. Staff messages carry their
 * view in the delivery's params (the messages capability wrote it); only the link is signed here.
 * Registered with the delivery workers for every template notify writes (see background-service.ts).
 */
import type { Queryable } from '../core/db/types.ts';
import type { ClaimedDelivery, RenderDeps, RenderOutcome } from '../core/delivery/delivery-service.ts';
import { signLink, type LinkAction } from '../core/delivery/links.ts';
import { loadAppointmentContext } from './context-repo.ts';
import { loadOfferContext } from './offers-repo.ts';
import { renderPatient, renderStaff, STAFF_TEMPLATES, type MessageView, type PatientTemplate, type StaffTemplate } from './templates.ts';

const APPOINTMENT_LINKED = new Set(['appointment_confirmation', 'appointment_change', 'appointment_reminder']);

export function linkUrl(deps: RenderDeps, link: { action: LinkAction; subject: string; expiresAt: number; party?: string | undefined }): string {
  const { party, ...claims } = link;
  return `${deps.baseUrl}/l/${signLink(deps.secret, { ...claims, ...(party ? { party } : {}) })}`;
}

function pick(channel: ClaimedDelivery['channel'], r: { sms: string; email: { subject: string; text: string } }) {
  return channel === 'sms' ? { subject: null, body: r.sms } : { subject: r.email.subject, body: r.email.text };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

export async function renderDelivery(q: Queryable, d: ClaimedDelivery, deps: RenderDeps): Promise<RenderOutcome> {
  if ((STAFF_TEMPLATES as readonly string[]).includes(d.template)) {
    const view = d.params['view'] as Omit<MessageView, 'link' | 'now'> | undefined;
    const messageId = str(d.params['messageId']);
    if (!view || !messageId) return { obsolete: 'missing_view' };
    const link = linkUrl(deps, { action: 'ack', subject: messageId, expiresAt: deps.now + 7 * 86_400_000, party: str(d.params['party']) });
    return pick(d.channel, renderStaff(d.template as StaffTemplate, { ...view, link, now: deps.now }));
  }
  const template = d.template as PatientTemplate;
  if (template === 'waitlist_offer' || template === 'waitlist_refusal') {
    const offerId = str(d.params['offerId']);
    const entryId = str(d.params['entryId']);
    const o = offerId && entryId ? await loadOfferContext(q, offerId, entryId) : undefined;
    if (!o) return { obsolete: 'offer_gone' };
    if (template === 'waitlist_offer' && (o.status !== 'open' || o.expiresAt <= deps.now)) return { obsolete: 'offer_closed' };
    const link = template === 'waitlist_offer' ? linkUrl(deps, { action: 'offer', subject: o.offerId, expiresAt: o.expiresAt, party: o.entryId }) : null;
    return pick(
      d.channel,
      renderPatient(template, {
        locale: d.locale,
        zone: o.zone,
        place: o.place,
        practitioner: o.practitioner,
        patient: o.patient,
        start: o.start,
        link,
        offerExpiresAt: o.expiresAt,
        now: deps.now,
      }),
    );
  }
  const appointmentId = str(d.params['appointmentId']);
  const c = appointmentId ? await loadAppointmentContext(q, appointmentId) : undefined;
  if (!c) return { obsolete: 'appointment_gone' };
  if (template === 'appointment_reminder' && (c.status !== 'booked' || c.start <= deps.now)) return { obsolete: 'appointment_not_booked' };
  const linked = APPOINTMENT_LINKED.has(template) && c.status === 'booked' && c.start > deps.now;
  return pick(
    d.channel,
    renderPatient(template, {
      locale: d.locale,
      zone: c.zone,
      place: c.place,
      practitioner: c.practitioner,
      patient: c.patient,
      start: c.start,
      previousStart: num(d.params['previousStart']),
      seriesCount: num(d.params['seriesCount']),
      link: linked ? linkUrl(deps, { action: 'appointment', subject: c.appointmentId, expiresAt: c.start }) : null,
      changeDeadline: linked ? c.start - c.settings.changeDeadlineMinutes * 60_000 : null,
      now: deps.now,
    }),
  );
}
