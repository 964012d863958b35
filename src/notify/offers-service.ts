/**
 * Waitlist offers. When a slot frees, the waiting patients it suits (agenda's waitlist service, in
 * their order) are offered it at once; the first to accept books it THROUGH the agenda's booking
 * service, so its rules hold and the database refuses a double booking. Whoever comes second gets a
 * polite refusal (an answer and a message) and stays on the waitlist.
 */
import { AppError } from '../core/errors/catalogue.ts';
import type { Db } from '../core/db/types.ts';
import type { Jobs } from '../core/jobs/jobs.ts';
import { audit } from '../core/audit.ts';
import { book } from '../agenda/booking-service.ts';
import { waitlistMatches } from '../agenda/waitlist-service.ts';
import { getPracticeSettings } from './settings-repo.ts';
import { insertOffer, insertRecipient, loadOfferContext, markTaken, setRecipientStatus, type OfferContext } from './offers-repo.ts';
import { localeOf, patientChannels, queueDelivery } from './delivery-service.ts';
import { systemContext } from './system-actor.ts';
import { recordLinkAction } from './link-actions-repo.ts';
import type { Tuning } from './queues.ts';

/** At most this many waiting patients are offered one slot. */
const MAX_RECIPIENTS = 5;
/** No offer for a slot starting sooner than this. */
const MIN_LEAD_MS = 30 * 60_000;

interface FreedRow {
  organisation_id: string;
  practice_id: string;
  practitioner_id: string;
  motif_id: string;
  status: string;
  start_at: Date;
  end_at: Date;
  history: { from: string; to: string; previousPractitionerId: string }[];
}

/** Offers the slot an appointment freed (cancelled, or moved away) to the waitlist. Idempotent. */
export async function offerFreedSlot(db: Db, deps: { jobs: Jobs; tuning: Tuning }, appointmentId: string, requestId: string): Promise<string | null> {
  const { rows } = await db.query<FreedRow>(
    `select organisation_id, practice_id, practitioner_id, motif_id, status, lower(during) as start_at, upper(during) as end_at, history
       from appointments where id = $1`,
    [appointmentId],
  );
  const a = rows[0];
  if (!a) return null;
  const last = a.history[a.history.length - 1];
  const freed =
    a.status !== 'cancelled' && last
      ? { practitionerId: last.previousPractitionerId, start: last.from, end: last.to }
      : { practitionerId: a.practitioner_id, start: a.start_at.toISOString(), end: a.end_at.toISOString() };
  const now = Date.now();
  if (Date.parse(freed.start) < now + MIN_LEAD_MS) return null;
  const ctx = await systemContext(db, { organisationId: a.organisation_id, practiceId: a.practice_id, requestId });
  const matches = (await waitlistMatches(db, ctx, appointmentId)).slice(0, MAX_RECIPIENTS);
  if (matches.length === 0) return null;
  const settings = await getPracticeSettings(db, a.practice_id);
  const expiresAt = new Date(Math.min(Date.parse(freed.start), now + settings.offerTtlMinutes * 60_000));
  return db.transaction(async (tx) => {
    const offerId = await insertOffer(tx, {
      organisationId: a.organisation_id,
      practiceId: a.practice_id,
      practitionerId: freed.practitionerId,
      freedAppointmentId: appointmentId,
      start: freed.start,
      end: freed.end,
      expiresAt,
    });
    if (!offerId) return null;
    for (const m of matches) {
      await insertRecipient(tx, { offerId, entryId: m.id, patientId: m.patientId, motifId: m.motifId ?? a.motif_id });
      const o = (await loadOfferContext(tx, offerId, m.id))!;
      await notifyRecipient(tx, deps, o, 'waitlist_offer', `offer:${offerId}:${m.id}`);
    }
    await audit(tx, ctx, { action: 'waitlist.offer', outcome: 'ok', practiceId: a.practice_id, detail: { offerId, appointmentId, entries: matches.map((m) => m.id) } });
    return offerId;
  });
}

async function notifyRecipient(
  tx: Parameters<typeof queueDelivery>[0],
  deps: { jobs: Jobs; tuning: Tuning },
  o: OfferContext,
  template: 'waitlist_offer' | 'waitlist_refusal',
  key: string,
): Promise<void> {
  for (const { channel, address } of patientChannels({ ...o.patient, ...o.prefs })) {
    await queueDelivery(
      tx,
      deps.jobs,
      {
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
      },
      deps.tuning,
    );
  }
}

export interface OfferAnswer {
  outcome: 'booked' | 'declined';
  appointmentId: string | null;
  start: string;
}

/** The patient accepts: booked through the booking rules, or a polite refusal (409 offer_unavailable). */
export async function acceptOffer(db: Db, deps: { jobs: Jobs; tuning: Tuning }, offerId: string, entryId: string, requestId: string): Promise<OfferAnswer> {
  const o = await loadOfferContext(db, offerId, entryId);
  if (!o) throw new AppError('not_found');
  const ctx = await systemContext(db, { organisationId: o.organisationId, practiceId: o.practiceId, requestId });
  if (o.recipientStatus === 'accepted' && o.takenAppointmentId) return { outcome: 'booked', appointmentId: o.takenAppointmentId, start: new Date(o.start).toISOString() };
  let appointmentId: string | null = null;
  let failure: AppError | null = null;
  if (o.status !== 'open' || o.expiresAt <= Date.now() || o.recipientStatus !== 'offered') {
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
      failure = new AppError('offer_unavailable', { details: { reason: error.code === 'slot_taken' ? 'taken' : 'rules', cause: error.options.details?.['reason'] } });
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
      await notifyRecipient(tx, deps, o, 'waitlist_refusal', `refusal:${offerId}:${entryId}`);
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

export async function declineOffer(db: Db, offerId: string, entryId: string, requestId: string): Promise<OfferAnswer> {
  const o = await loadOfferContext(db, offerId, entryId);
  if (!o) throw new AppError('not_found');
  const ctx = await systemContext(db, { organisationId: o.organisationId, practiceId: o.practiceId, requestId });
  await db.transaction(async (tx) => {
    if (o.recipientStatus === 'offered') await setRecipientStatus(tx, offerId, entryId, 'declined');
    await recordLinkAction(tx, { organisationId: o.organisationId, practiceId: o.practiceId, patientId: o.patientId, offerId, appointmentId: null, action: 'decline' });
    await audit(tx, ctx, { action: 'waitlist.offer.answer', outcome: 'ok', practiceId: o.practiceId, patientId: o.patientId, detail: { offerId, entryId, declined: true } });
  });
  return { outcome: 'declined', appointmentId: null, start: new Date(o.start).toISOString() };
}

