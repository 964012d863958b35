/**
 * Waitlist offers. When a slot frees, the waiting patients it suits (agenda's waitlist service, in
 * their order) are offered it at once; the first to accept books it THROUGH the agenda's booking
 * service, so its rules hold and the database refuses a double booking. Whoever comes second gets a
 * polite refusal (an answer and a message) and stays on the waitlist.
 */
import { AppError } from '../core/errors/catalogue.ts';
import type { Db } from '../core/db/types.ts';
import type { Queryable } from '../core/db/types.ts';
import { audit } from '../core/audit.ts';
import { queueDelivery } from '../core/delivery/delivery-service.ts';
import { systemContext } from '../core/delivery/system-actor.ts';
import { book } from '../agenda/booking-service.ts';
import { freedSlot, waitlistMatches } from '../agenda/waitlist-service.ts';
import type { EventDeps } from './appointment-events-service.ts';
import { getPracticeSettings } from './settings-repo.ts';
import { insertOffer, insertRecipient, loadOfferContext, markTaken, setRecipientStatus, type OfferContext } from './offers-repo.ts';
import { localeOf, patientChannels } from './recipients.ts';
import { recordLinkAction } from './link-actions-repo.ts';

/** At most this many waiting patients are offered one slot. */
const MAX_RECIPIENTS = 5;
/** No offer for a slot starting sooner than this. */
const MIN_LEAD_MS = 30 * 60_000;

/** Offers the slot an appointment freed (cancelled, or moved away) to the waitlist. Idempotent. */
export async function offerFreedSlot(db: Db, deps: EventDeps, o: { appointmentId: string; requestId: string }): Promise<string | null> {
  const { appointmentId, requestId } = o;
  const freed = await freedSlot(db, appointmentId);
  if (!freed) return null;
  const now = deps.clock.nowMs();
  if (Date.parse(freed.start) < now + MIN_LEAD_MS) return null;
  const ctx = await systemContext(db, { organisationId: freed.organisationId, practiceId: freed.practiceId, requestId, clock: deps.clock });
  const matches = (await waitlistMatches(db, ctx, appointmentId)).slice(0, MAX_RECIPIENTS);
  if (matches.length === 0) return null;
  const settings = await getPracticeSettings(db, freed.practiceId);
  const expiresAt = new Date(Math.min(Date.parse(freed.start), now + settings.offerTtlMinutes * 60_000));
  return db.transaction(async (tx) => {
    const offerId = await insertOffer(tx, {
      organisationId: freed.organisationId,
      practiceId: freed.practiceId,
      practitionerId: freed.practitionerId,
      freedAppointmentId: appointmentId,
      start: freed.start,
      end: freed.end,
      expiresAt,
    });
    if (!offerId) return null;
    for (const m of matches) {
      await insertRecipient(tx, { offerId, entryId: m.id, patientId: m.patientId, motifId: m.motifId ?? freed.motifId });
      const offer = (await loadOfferContext(tx, offerId, m.id))!;
      await notifyRecipient(tx, deps, { o: offer, template: 'waitlist_offer', key: `offer:${offerId}:${m.id}` });
    }
    await audit(tx, ctx, {
      action: 'waitlist.offer',
      outcome: 'ok',
      practiceId: freed.practiceId,
      detail: { offerId, appointmentId, entries: matches.map((m) => m.id) },
    });
    return offerId;
  });
}

async function notifyRecipient(
  tx: Queryable,
  deps: Pick<EventDeps, 'jobs' | 'tuning'>,
  n: { o: OfferContext; template: 'waitlist_offer' | 'waitlist_refusal'; key: string },
): Promise<void> {
  const { o, template, key } = n;
  for (const { channel, address } of patientChannels({ ...o.patient, ...o.prefs })) {
    await queueDelivery(tx, deps, {
      organisationId: o.organisationId,
      practiceId: o.practiceId,
      patientId: o.patientId,
      recipientKind: 'patient',
      channel,
      address,
      template,
      locale: localeOf(o.prefs.locale, o.settings.locale),
      params: { offerId: o.offerId, entryId: o.entryId },
      dedupeKey: `${key}:${channel}`,
    });
  }
}

export interface OfferAnswer {
  outcome: 'booked' | 'declined';
  appointmentId: string | null;
  start: string;
}

/** The patient accepts: booked through the booking rules, or a polite refusal (409 offer_unavailable). */
export interface OfferRef {
  offerId: string;
  entryId: string;
  requestId: string;
}

export async function acceptOffer(db: Db, deps: EventDeps, ref: OfferRef): Promise<OfferAnswer> {
  const { offerId, entryId, requestId } = ref;
  const o = await loadOfferContext(db, offerId, entryId);
  if (!o) throw new AppError('not_found');
  const ctx = await systemContext(db, { organisationId: o.organisationId, practiceId: o.practiceId, requestId, clock: deps.clock });
  if (o.recipientStatus === 'accepted' && o.takenAppointmentId)
    return { outcome: 'booked', appointmentId: o.takenAppointmentId, start: new Date(o.start).toISOString() };
  let appointmentId: string | null = null;
  let failure: AppError | null = null;
  if (o.status !== 'open' || o.expiresAt <= deps.clock.nowMs() || o.recipientStatus !== 'offered') {
    failure = new AppError('offer_unavailable', { details: { reason: o.status === 'open' ? 'closed' : o.status } });
  } else {
    try {
      const { appointment } = await book(db, ctx, {
        practitionerId: o.practitionerId,
        patientId: o.patientId,
        motifId: o.motifId,
        practiceId: o.practiceId,
        start: new Date(o.start).toISOString(),
        // The secretariat put the patient on its waitlist: the agenda's rules apply, not the online-booking limits.
        channel: 'phone',
      });
      appointmentId = appointment.id;
    } catch (error) {
      if (!(error instanceof AppError) || (error.code !== 'slot_taken' && error.code !== 'rule_violation')) throw error;
      failure = new AppError('offer_unavailable', {
        details: { reason: error.code === 'slot_taken' ? 'taken' : 'rules', cause: error.options.details?.['reason'] },
      });
    }
  }
  const patientAction = { organisationId: o.organisationId, practiceId: o.practiceId, patientId: o.patientId };
  const booked = await db.transaction(async (tx) => {
    // Locked: the same patient answering twice at once sees one outcome.
    const current = (await loadOfferContext(tx, offerId, entryId, true))!;
    if (appointmentId) {
      await markTaken(tx, offerId, appointmentId);
      await setRecipientStatus(tx, offerId, entryId, 'accepted');
      await recordLinkAction(tx, { ...patientAction, offerId, appointmentId, action: 'accept' });
    } else if (current.recipientStatus === 'accepted') {
      return current.takenAppointmentId;
    } else {
      await setRecipientStatus(tx, offerId, entryId, 'refused');
      await recordLinkAction(tx, { ...patientAction, offerId, appointmentId: null, action: 'refused' });
      await notifyRecipient(tx, deps, { o, template: 'waitlist_refusal', key: `refusal:${offerId}:${entryId}` });
    }
    await audit(tx, ctx, {
      action: 'waitlist.offer.answer',
      outcome: appointmentId ? 'ok' : 'failed',
      practiceId: o.practiceId,
      patientId: o.patientId,
      detail: { offerId, entryId, appointmentId },
    });
    return appointmentId;
  });
  if (booked && !appointmentId) return { outcome: 'booked', appointmentId: booked, start: new Date(o.start).toISOString() };
  if (failure) throw failure;
  return { outcome: 'booked', appointmentId, start: new Date(o.start).toISOString() };
}

export async function declineOffer(db: Db, deps: Pick<EventDeps, 'clock'>, ref: OfferRef): Promise<OfferAnswer> {
  const { offerId, entryId, requestId } = ref;
  const o = await loadOfferContext(db, offerId, entryId);
  if (!o) throw new AppError('not_found');
  const ctx = await systemContext(db, { organisationId: o.organisationId, practiceId: o.practiceId, requestId, clock: deps.clock });
  await db.transaction(async (tx) => {
    if (o.recipientStatus === 'offered') await setRecipientStatus(tx, offerId, entryId, 'declined');
    await recordLinkAction(tx, {
      organisationId: o.organisationId,
      practiceId: o.practiceId,
      patientId: o.patientId,
      offerId,
      appointmentId: null,
      action: 'decline',
    });
    await audit(tx, ctx, {
      action: 'waitlist.offer.answer',
      outcome: 'ok',
      practiceId: o.practiceId,
      patientId: o.patientId,
      detail: { offerId, entryId, declined: true },
    });
  });
  return { outcome: 'declined', appointmentId: null, start: new Date(o.start).toISOString() };
}
