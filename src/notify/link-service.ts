/**
 * What a signed link lets its holder do, without signing in: see the appointment, confirm it, cancel
 * or move it before the practice's deadline (through the agenda's use cases, as the system actor of
 * the practice, so the booking rules and the audit trail hold); accept or decline a waitlist offer;
 * acknowledge an urgent message. A tampered link is 403 link_invalid, an expired one 410 link_expired.
 */
import { AppError } from '../core/errors/catalogue.ts';
import type { Db } from '../core/db/types.ts';
import type { Jobs } from '../core/jobs/jobs.ts';
import type { Clock } from '../core/time/clock.ts';
import { audit } from '../core/audit.ts';
import { verifyLink, type LinkClaims } from '../core/delivery/links.ts';
import { systemContext } from '../core/delivery/system-actor.ts';
import type { Tuning } from '../core/delivery/queues.ts';
import { cancel, move } from '../agenda/booking-service.ts';
import { nextSlots } from '../agenda/availability-service.ts';
import { acknowledgeByLink, messageLinkView } from '../messages/service.ts';
import { loadAppointmentContext, type AppointmentContext } from './context-repo.ts';
import { loadOfferContext } from './offers-repo.ts';
import { acceptOffer, declineOffer, type OfferAnswer } from './offers-service.ts';
import { confirmedAt, recordLinkAction } from './link-actions-repo.ts';
import type { PlaceView } from './templates.ts';

export interface LinkDeps {
  secret: string;
  jobs: () => Promise<Jobs>;
  tuning: Tuning;
  clock: Clock;
}

/** A link as it reaches a route: the token, and the request it came with (for the audit trail). */
export interface LinkRequest {
  token: string;
  requestId: string;
}

function claimsOf(deps: LinkDeps, token: string, action: LinkClaims['action']): LinkClaims {
  const check = verifyLink(deps.secret, token, deps.clock.nowMs());
  if (!check.ok) throw new AppError(check.reason === 'expired' ? 'link_expired' : 'link_invalid');
  if (check.claims.action !== action) throw new AppError('link_invalid');
  return check.claims;
}

export function linkKind(deps: LinkDeps, token: string): LinkClaims['action'] {
  const check = verifyLink(deps.secret, token, deps.clock.nowMs());
  if (!check.ok) throw new AppError(check.reason === 'expired' ? 'link_expired' : 'link_invalid');
  return check.claims.action;
}

const personName = (p: { title: string | null; firstName: string; lastName: string }) => [p.title, p.firstName, p.lastName].filter(Boolean).join(' ');

export interface AppointmentLinkView {
  kind: 'appointment';
  status: AppointmentContext['status'];
  start: string;
  end: string;
  timeZone: string;
  practitionerName: string;
  place: PlaceView;
  changeDeadline: string;
  canChange: boolean;
  confirmedAt: string | null;
}

async function appointmentFor(db: Db, deps: LinkDeps, r: LinkRequest) {
  const { token, requestId } = r;
  const claims = claimsOf(deps, token, 'appointment');
  const c = await loadAppointmentContext(db, claims.subject);
  if (!c) throw new AppError('link_invalid');
  const ctx = await systemContext(db, { organisationId: c.organisationId, practiceId: c.practiceId, requestId, clock: deps.clock });
  return { c, ctx };
}

export async function viewAppointmentLink(db: Db, deps: LinkDeps, r: LinkRequest): Promise<AppointmentLinkView> {
  const { c, ctx } = await appointmentFor(db, deps, r);
  const now = deps.clock.nowMs();
  const deadline = c.start - c.settings.changeDeadlineMinutes * 60_000;
  const confirmed = await db.transaction(async (tx) => {
    await audit(tx, ctx, {
      action: 'patient_link.read',
      outcome: 'ok',
      practiceId: c.practiceId,
      patientId: c.patientId,
      detail: { appointmentId: c.appointmentId },
    });
    return confirmedAt(tx, c.appointmentId);
  });
  return {
    kind: 'appointment',
    status: c.status,
    start: new Date(c.start).toISOString(),
    end: new Date(c.end).toISOString(),
    timeZone: c.zone,
    practitionerName: personName(c.practitioner),
    place: c.place,
    changeDeadline: new Date(deadline).toISOString(),
    canChange: c.status === 'booked' && now < deadline,
    confirmedAt: confirmed?.toISOString() ?? null,
  };
}

function requireActive(c: AppointmentContext, now: number): void {
  if (c.status !== 'booked' || c.start <= now) throw new AppError('appointment_not_active', { details: { status: c.status } });
}

function requireBeforeDeadline(c: AppointmentContext, now: number): void {
  const deadline = c.start - c.settings.changeDeadlineMinutes * 60_000;
  if (now >= deadline) throw new AppError('change_deadline_passed', { details: { deadline: new Date(deadline).toISOString() } });
}

export async function confirmByLink(db: Db, deps: LinkDeps, r: LinkRequest): Promise<AppointmentLinkView> {
  const { c, ctx } = await appointmentFor(db, deps, r);
  requireActive(c, deps.clock.nowMs());
  await db.transaction(async (tx) => {
    await recordLinkAction(tx, {
      organisationId: c.organisationId,
      practiceId: c.practiceId,
      patientId: c.patientId,
      appointmentId: c.appointmentId,
      action: 'confirm',
    });
    await audit(tx, ctx, {
      action: 'patient_link.confirm',
      outcome: 'ok',
      practiceId: c.practiceId,
      patientId: c.patientId,
      detail: { appointmentId: c.appointmentId },
    });
  });
  return viewAppointmentLink(db, deps, r);
}

export async function cancelByLink(db: Db, deps: LinkDeps, r: LinkRequest): Promise<AppointmentLinkView> {
  const { c, ctx } = await appointmentFor(db, deps, r);
  const now = deps.clock.nowMs();
  requireActive(c, now);
  requireBeforeDeadline(c, now);
  await cancel(db, ctx, c.appointmentId, { by: 'patient', reason: 'Annulé par le patient (lien sécurisé)' });
  await recordLinkAction(db, {
    organisationId: c.organisationId,
    practiceId: c.practiceId,
    patientId: c.patientId,
    appointmentId: c.appointmentId,
    action: 'cancel',
  });
  return viewAppointmentLink(db, deps, r);
}

export async function moveByLink(db: Db, deps: LinkDeps, r: LinkRequest & { start: string }): Promise<AppointmentLinkView> {
  const { start } = r;
  const { c, ctx } = await appointmentFor(db, deps, r);
  const now = deps.clock.nowMs();
  requireActive(c, now);
  requireBeforeDeadline(c, now);
  await move(db, ctx, c.appointmentId, { start });
  await recordLinkAction(db, {
    organisationId: c.organisationId,
    practiceId: c.practiceId,
    patientId: c.patientId,
    appointmentId: c.appointmentId,
    action: 'move',
    detail: { from: new Date(c.start).toISOString(), to: start },
  });
  return viewAppointmentLink(db, deps, r);
}

/** Free slots to move to: the same practitioner and motif, from now. */
export async function slotsForLink(db: Db, deps: LinkDeps, r: LinkRequest): Promise<{ start: string; end: string }[]> {
  const { c, ctx } = await appointmentFor(db, deps, r);
  const slots = await nextSlots(db, ctx, { practitionerIds: [c.practitionerId], motifId: [c.motifId], limit: 12 });
  return slots.map((s) => ({ start: s.start, end: s.end }));
}

export interface OfferLinkView {
  kind: 'offer';
  status: 'open' | 'taken' | 'expired';
  answer: 'offered' | 'accepted' | 'refused' | 'declined';
  start: string;
  end: string;
  expiresAt: string;
  timeZone: string;
  practitionerName: string;
  place: PlaceView;
}

export async function viewOfferLink(db: Db, deps: LinkDeps, token: string): Promise<OfferLinkView> {
  const claims = claimsOf(deps, token, 'offer');
  const o = claims.party ? await loadOfferContext(db, claims.subject, claims.party) : undefined;
  if (!o) throw new AppError('link_invalid');
  const now = deps.clock.nowMs();
  return {
    kind: 'offer',
    status: o.status === 'open' && o.expiresAt <= now ? 'expired' : o.status,
    answer: o.recipientStatus,
    start: new Date(o.start).toISOString(),
    end: new Date(o.end).toISOString(),
    expiresAt: new Date(o.expiresAt).toISOString(),
    timeZone: o.zone,
    practitionerName: personName(o.practitioner),
    place: o.place,
  };
}

export async function answerOfferLink(db: Db, deps: LinkDeps, r: LinkRequest & { accept: boolean }): Promise<OfferAnswer> {
  const claims = claimsOf(deps, r.token, 'offer');
  if (!claims.party) throw new AppError('link_invalid');
  const ref = { offerId: claims.subject, entryId: claims.party, requestId: r.requestId };
  if (!r.accept) return declineOffer(db, deps, ref);
  return acceptOffer(db, { jobs: await deps.jobs(), tuning: deps.tuning, clock: deps.clock }, ref);
}

export async function viewMessageLink(db: Db, deps: LinkDeps, token: string) {
  const claims = claimsOf(deps, token, 'ack');
  const view = await messageLinkView(db, claims.subject);
  if (!view) throw new AppError('link_invalid');
  return view;
}

export async function acknowledgeLink(db: Db, deps: LinkDeps, token: string) {
  const claims = claimsOf(deps, token, 'ack');
  const view = await acknowledgeByLink(db, claims.subject, claims.party ?? null);
  if (!view) throw new AppError('link_invalid');
  return view;
}
