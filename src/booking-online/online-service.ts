/**
 * Public online booking: a patient with no account picks a practitioner, an online motif and a free slot,
 * gives his identity and mobile, and confirms with a code sent by SMS. Only then is he matched to an existing
 * patient (no enumeration: the answer before the code is the same whoever asks) or created as a provisional
 * identity, and the appointment booked through the agenda's own service (its rules, exclusion constraint,
 * events and audit) on behalf of the organisation's patient actor, with the channel 'online'.
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { RequestContext } from '../core/auth/actor.ts';
import type { Db } from '../core/db/types.ts';
import { AppError, notFound } from '../core/errors/catalogue.ts';
import type { Clock } from '../core/time/clock.ts';
import { DAY_MS } from '../core/time/local-time.ts';
import { book } from '../agenda/booking-service.ts';
import { listSlots } from '../agenda/availability-service.ts';
import { createPatient } from '../patients/service.ts';
import { getPractice } from '../practices/service.ts';
import { systemContext } from '../core/delivery/system-actor.ts';
import { codeSms, hashCode, LIMITS, newCode } from './limits.ts';
import {
  counters,
  countWrongCode,
  insertRequest,
  lockRequest,
  markBooked,
  onlineMotifs,
  practiceBySlug,
  setPatient,
  type OnlineMotif,
  type OnlinePractice,
} from './online-repo.ts';

export interface OnlineDeps {
  clock: Clock;
  sendSms(to: string, body: string, reference: string): Promise<void>;
  /** The patient's move/cancel link for an appointment (the notifications' signed link). */
  manageUrl(appointmentId: string, start: string): Promise<string>;
}

const SLOT_DAYS = 14;

async function open(db: Db, o: { slug: string; requestId: string; clock: Clock }): Promise<{ practice: OnlinePractice; ctx: RequestContext }> {
  const practice = await practiceBySlug(db, o.slug);
  if (!practice) throw notFound();
  const ctx = await systemContext(db, { organisationId: practice.organisationId, practiceId: practice.practiceId, requestId: o.requestId, clock: o.clock });
  return { practice, ctx };
}

const publicSite = (s: { label: string; addressLine: string; postalCode: string; city: string; transport: string | null; parking: string | null }) => ({
  label: s.label,
  addressLine: s.addressLine,
  postalCode: s.postalCode,
  city: s.city,
  transport: s.transport,
  parking: s.parking,
});

/** What anyone may see: the practice, its sites' addresses, its practitioners and their online motifs. */
export async function getBookingPage(db: Db, o: { slug: string; requestId: string; clock: Clock }) {
  const { practice, ctx } = await open(db, o);
  const file = await getPractice(db, ctx, practice.practiceId);
  const motifs = await onlineMotifs(db, practice.practiceId);
  return {
    name: file.name,
    timeZone: file.timeZone,
    requiresConfirmation: practice.requiresConfirmation,
    sites: file.sites.map(publicSite),
    practitioners: file.practitioners
      .map((p) => ({
        id: p.id,
        name: [p.title, p.firstName, p.lastName].filter(Boolean).join(' '),
        specialty: p.specialty,
        motifs: motifs
          .filter((m) => m.practitionerId === p.id)
          .map((m) => ({ id: m.id, label: m.label, durationMinutes: m.durationMinutes, newPatientsAllowed: m.newPatientsAllowed })),
      }))
      .filter((p) => p.motifs.length > 0),
  };
}

async function requireOnlineMotif(db: Db, practiceId: string, practitionerId: string, motifId: string): Promise<OnlineMotif> {
  const motif = (await onlineMotifs(db, practiceId)).find((m) => m.id === motifId && m.practitionerId === practitionerId);
  if (!motif) throw new AppError('not_found', { field: 'motifId' });
  return motif;
}

/** Free slots of the next two weeks from the same engine the secretaries use (urgent slots held back). */
export async function getOnlineSlots(
  db: Db,
  deps: Pick<OnlineDeps, 'clock'>,
  o: { slug: string; practitionerId: string; motifId: string; requestId: string; from?: string },
) {
  const { practice, ctx } = await open(db, { slug: o.slug, requestId: o.requestId, clock: deps.clock });
  await requireOnlineMotif(db, practice.practiceId, o.practitionerId, o.motifId);
  const now = deps.clock.nowMs();
  const from = Math.max(now, o.from ? Date.parse(o.from) : now);
  const slots = await listSlots(db, ctx, o.practitionerId, {
    motifId: o.motifId,
    from: new Date(from).toISOString(),
    to: new Date(from + SLOT_DAYS * DAY_MS).toISOString(),
  });
  return slots.map((s) => ({ start: s.start, end: s.end }));
}

export interface CodeRequestInput {
  practitionerId: string;
  motifId: string;
  start: string;
  birthName: string;
  firstGivenName: string;
  birthDate: string;
  sex: 'F' | 'M' | 'I';
  mobilePhone: string;
  email?: string | null;
}

export function normaliseMobile(value: string): string {
  const phone = parsePhoneNumberFromString(value, 'FR');
  // The bundled metadata may not tell the line type: refuse only what is known not to be a mobile.
  const type = phone?.getType();
  if (!phone || !phone.isValid() || (type !== undefined && type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE')) {
    throw new AppError('validation_failed', {
      field: 'mobilePhone',
      issues: [{ field: 'mobilePhone', message: 'numéro de mobile attendu / mobile number expected' }],
    });
  }
  return phone.number;
}

/** Checks the limits, stores the request, sends the code. The answer does not depend on who the patient is. */
export async function requestCode(db: Db, deps: OnlineDeps, o: { slug: string; input: CodeRequestInput; clientAddress: string; requestId: string }) {
  const { practice } = await open(db, { slug: o.slug, requestId: o.requestId, clock: deps.clock });
  const mobile = normaliseMobile(o.input.mobilePhone);
  await requireOnlineMotif(db, practice.practiceId, o.input.practitionerId, o.input.motifId);
  const at = deps.clock.now();
  const c = await counters(db, { practiceId: practice.practiceId, phone: mobile, address: o.clientAddress, at });
  if (c.phoneLastHour >= LIMITS.perPhonePerHour || c.addressLastHour >= LIMITS.perAddressPerHour) throw new AppError('rate_limited');
  if (c.pendingForPhone >= LIMITS.pendingPerPhone || c.upcomingOnlineForPhone >= LIMITS.upcomingOnlinePerPhone) throw new AppError('online_booking_cap');
  const id = randomUUID();
  const code = newCode();
  const expiresAt = new Date(at.getTime() + LIMITS.codeTtlMinutes * 60_000);
  await insertRequest(db, {
    id,
    organisationId: practice.organisationId,
    practiceId: practice.practiceId,
    practitionerId: o.input.practitionerId,
    motifId: o.input.motifId,
    start: o.input.start,
    birthName: o.input.birthName,
    firstGivenName: o.input.firstGivenName,
    birthDate: o.input.birthDate,
    sex: o.input.sex,
    mobilePhone: mobile,
    email: o.input.email ?? null,
    clientAddress: o.clientAddress,
    codeHash: hashCode(id, code),
    at,
    expiresAt,
  });
  try {
    await deps.sendSms(mobile, codeSms(code), `online-${id}`);
  } catch (error) {
    throw new AppError('service_unavailable', { cause: error });
  }
  return { requestId: id, expiresAt: expiresAt.toISOString() };
}

const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Checks the code, then finds or creates the patient and books. A slot taken meanwhile answers 409
 * slot_taken with the next slots; the same code then books one of them (`start`) while the request lives.
 */
export async function confirmRequest(db: Db, deps: OnlineDeps, o: { slug: string; requestId: string; code: string; start?: string; httpRequestId: string }) {
  const { practice, ctx } = await open(db, { slug: o.slug, requestId: o.httpRequestId, clock: deps.clock });
  const at = deps.clock.now();
  const request = await db.transaction(async (tx) => {
    const r = await lockRequest(tx, { id: o.requestId, practiceId: practice.practiceId, at });
    if (!r || r.status === 'failed') return null;
    if (r.status === 'booked') throw new AppError('conflict', { details: { reason: 'already_booked' } });
    if (r.expired) throw new AppError('booking_request_expired');
    if (!sameHash(hashCode(r.id, o.code), r.codeHash)) {
      await countWrongCode(tx, r.id, LIMITS.codeAttempts);
      return 'wrong' as const;
    }
    return r;
  });
  if (request === null) throw notFound();
  if (request === 'wrong') throw new AppError('booking_code_invalid', { field: 'code' });

  let patientId = request.patientId;
  if (!patientId) {
    patientId = await findOrCreatePatient(db, ctx, { ...request, practiceId: practice.practiceId });
    await setPatient(db, request.id, patientId);
  }
  const start = o.start ?? request.start;
  const { appointment } = await book(db, ctx, {
    practitionerId: request.practitionerId,
    patientId,
    motifId: request.motifId,
    start,
    practiceId: practice.practiceId,
    channel: 'online',
  });
  await markBooked(db, { id: request.id, appointmentId: appointment.id, start: appointment.start });

  const file = await getPractice(db, ctx, practice.practiceId);
  const motif = (await onlineMotifs(db, practice.practiceId)).find((m) => m.id === request.motifId);
  const practitioner = file.practitioners.find((p) => p.id === request.practitionerId);
  return {
    appointment: { id: appointment.id, start: appointment.start, end: appointment.end },
    awaitingConfirmation: practice.requiresConfirmation,
    practice: { name: file.name, timeZone: file.timeZone, phone: file.phone ?? null, sites: file.sites },
    practitioner: practitioner ? [practitioner.title, practitioner.firstName, practitioner.lastName].filter(Boolean).join(' ') : '',
    motif: { label: motif?.label ?? '', instructions: motif?.instructions ?? null },
    manageUrl: await deps.manageUrl(appointment.id, appointment.start),
  };
}

/** The code proved the phone: an identical identity in the practice is the same patient; else a provisional one. */
async function findOrCreatePatient(
  db: Db,
  ctx: RequestContext,
  r: { practiceId: string; birthName: string; firstGivenName: string; birthDate: string; sex: 'F' | 'M' | 'I'; mobilePhone: string; email: string | null },
): Promise<string> {
  try {
    const p = await createPatient(db, ctx, {
      practiceId: r.practiceId,
      birthName: r.birthName,
      firstGivenName: r.firstGivenName,
      birthDate: r.birthDate,
      sex: r.sex,
      mobilePhone: r.mobilePhone,
      ...(r.email ? { email: r.email } : {}),
    });
    return p.id;
  } catch (error) {
    const existing = error instanceof AppError && error.code === 'patient_duplicate' ? error.options.details?.['existingId'] : undefined;
    if (typeof existing === 'string') return existing;
    throw error;
  }
}
