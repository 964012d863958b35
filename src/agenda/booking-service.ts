/**
 * Booking use cases: book, move, cancel, set the outcome, read. Each runs in one transaction with its
 * audit row and its domain event. A double booking is refused by the database (SQLSTATE 23P01), never
 * by a check-then-insert; the 409 then carries the next free slots computed by the engine.
 */
import { randomUUID } from 'node:crypto';
import { AppError, notFound } from '../core/errors/catalogue.ts';
import type { RequestContext } from '../core/auth/actor.ts';
import type { Db, Queryable } from '../core/db/types.ts';
import { sqlState } from '../core/db/types.ts';
import { audit } from '../core/audit.ts';
import type { AgendaOwner } from './owners-repo.ts';
import { searchNextSlots } from './availability-service.ts';
import { appointmentPractice, PatientNotFound, violation } from './booking-rules.ts';
import { checkRules, requireMotif, requireOwner } from './booking-checks-service.ts';
import { cancelAppointment, findAppointment, insertBooked, moveAppointment, setOutcome } from './appointments-repo.ts';
import { loadBookingContext } from './booking-context-repo.ts';
import { rulesFromRows } from './rules-repo.ts';
import { emitEvents, type AgendaEventType, type DomainEvent } from './events-repo.ts';
import { matchesForSlot } from './waitlist-repo.ts';
import { motifsForSet } from './availability-service.ts';
import { once, type Idempotency } from './idempotency-service.ts';
import type { AppointmentDto, BookInput, CancelInput, MotifDto, MoveInput, OutcomeInput, WaitlistEntryDto } from './schemas.ts';

const NEXT_SLOTS_ON_CONFLICT = 5;
const NEXT_SLOTS_HORIZON_DAYS = 28;

export const isOverlap = (error: unknown) => sqlState(error) === '23P01';

/** The 409 `slot_taken` answer, with the next free slots from the wanted start. */
export async function slotTaken(
  db: Queryable,
  owner: AgendaOwner,
  motif: MotifDto,
  from: number,
  now: number,
  exceptAppointmentId?: string,
): Promise<AppError> {
  const nextSlots = await searchNextSlots(db, {
    owners: [owner],
    motifs: new Map([[owner.id, motif]]),
    from: Math.max(from, now),
    limit: NEXT_SLOTS_ON_CONFLICT,
    horizonDays: NEXT_SLOTS_HORIZON_DAYS,
    now,
    ...(exceptAppointmentId ? { exceptAppointmentId } : {}),
  });
  return new AppError('slot_taken', { details: { nextSlots } });
}

/** Audits a failed attempt on a patient in its own statement (the use case's transaction rolled back). */
async function auditFailure(db: Db, ctx: RequestContext, action: string, error: unknown, patientId: string | null, practiceId: string | null) {
  if (error instanceof PatientNotFound) {
    await audit(db, ctx, { action, outcome: 'not_found', patientId: error.patientId });
  } else if (error instanceof AppError && patientId && (error.code === 'rule_violation' || error.code === 'slot_taken')) {
    await audit(db, ctx, { action, outcome: 'failed', patientId, practiceId, detail: { code: error.code, reason: error.options.details?.['reason'] } });
  }
}

export interface BookOptions {
  idempotency?: Idempotency;
}

const MAX_MOTIF_MS = 12 * 3_600_000;

/**
 * Books one appointment. Without an Idempotency-Key it takes two round trips in autocommit: one query
 * loads the context, then ONE statement writes appointment, waitlist, event and audit row — a single
 * statement is atomic, so the audit row and the data stand or fall together (DESIGN invariant 2).
 * No explicit transaction surrounds the two: under READ COMMITTED (the isolation of Db.transaction) it
 * would add no isolation — the write would not see the read's snapshot anyway — only BEGIN and COMMIT
 * round trips. A concurrent overlap is refused by the exclusion constraint at the write (23P01 → 409
 * slot_taken, its next slots computed after the failure); a rule changed between the read and the write
 * is the same race as with a transaction.
 * With a key, the same runs inside a transaction that first claims the key, and a replay answers the
 * stored appointment. A refused booking (404 patient, 409, 422) is audited in its own statement.
 */
export async function book(db: Db, ctx: RequestContext, input: BookInput, opts: BookOptions = {}): Promise<{ appointment: AppointmentDto; replayed: boolean }> {
  const now = ctx.clock.nowMs();
  const start = Date.parse(input.start);
  let owner: AgendaOwner | undefined;
  let motif: MotifDto | undefined;
  let patientPractice: string | null = null;
  const attempt = async (q: Queryable): Promise<AppointmentDto> => {
    const c = await loadBookingContext(q, ctx.actor, { ...input, start, end: start + MAX_MOTIF_MS });
    if (!c.owner) throw notFound();
    owner = c.owner;
    if (!c.patient) throw new PatientNotFound(input.patientId);
    patientPractice = c.patient.practiceId;
    if (!c.motif) throw new AppError('not_found', { field: 'motifId' });
    motif = c.motif;
    const practiceId = appointmentPractice(owner, c.patient, input.practiceId);
    const channel = input.channel ?? 'phone';
    const window = { from: start, to: start + MAX_MOTIF_MS };
    const rules = rulesFromRows(owner, c.ranges, c.absences, window);
    const end = await checkRules(q, { owner, motif, start, channel, force: input.force !== undefined, patientId: c.patient.id, now }, rules);
    const id = randomUUID();
    const appointment = {
      id,
      organisationId: ctx.actor.organisationId,
      practiceId,
      practitionerId: owner.id,
      patientId: c.patient.id,
      motifId: motif.id,
      start,
      end,
      bookedBy: ctx.actor.userId,
      channel,
      forcedReason: input.force?.reason ?? null,
      seriesId: null,
    };
    const event = appointmentEvent(
      ctx,
      'appointment.booked',
      { ...appointment, start: new Date(start).toISOString(), end: new Date(end).toISOString() },
      { channel },
    );
    return insertBooked(q, appointment, {
      event: { type: event.type, payload: event.payload },
      audit: { requestId: ctx.requestId, userId: ctx.actor.userId, role: ctx.actor.role, detail: { appointmentId: id } },
    });
  };
  try {
    if (!opts.idempotency) return { appointment: await attempt(db), replayed: false };
    const result = await db.transaction((tx) => once(tx, opts.idempotency, 201, () => attempt(tx)));
    return { appointment: result.body, replayed: result.replayed };
  } catch (error) {
    const failure = isOverlap(error) && owner && motif ? await slotTaken(db, owner, motif, start, now) : error;
    await auditFailure(db, ctx, 'appointment.create', failure, patientPractice ? input.patientId : null, patientPractice);
    throw failure;
  }
}

/** An appointment event: ids and instants only (no names, no motif wording: DESIGN invariant 7). */
export function appointmentEvent(
  ctx: RequestContext,
  type: AgendaEventType,
  a: Pick<AppointmentDto, 'id' | 'practiceId' | 'patientId' | 'practitionerId' | 'start' | 'end' | 'seriesId'>,
  extra: Record<string, unknown> = {},
): DomainEvent {
  return {
    organisationId: ctx.actor.organisationId,
    practiceId: a.practiceId,
    type,
    payload: {
      appointmentId: a.id,
      patientId: a.patientId,
      practitionerId: a.practitionerId,
      start: a.start,
      end: a.end,
      seriesId: a.seriesId,
      byUserId: ctx.actor.userId,
      ...extra,
    },
  };
}

/** The appointment in scope, locked, or a 404 (audited as not_found by the caller's catch). */
class AppointmentNotFound extends AppError {
  constructor(readonly appointmentId: string) {
    super('not_found');
  }
}

async function lockAppointment(tx: Queryable, ctx: RequestContext, id: string): Promise<AppointmentDto> {
  const a = await findAppointment(tx, ctx.actor, id, true);
  if (!a) throw new AppointmentNotFound(id);
  return a;
}

/** Runs an update of one appointment in a transaction; a 404 is audited in its own statement. */
async function onAppointment<T>(db: Db, ctx: RequestContext, action: string, id: string, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(fn);
  } catch (error) {
    if (error instanceof AppointmentNotFound) await audit(db, ctx, { action, outcome: 'not_found', detail: { appointmentId: error.appointmentId } });
    throw error;
  }
}

export async function getAppointment(db: Db, ctx: RequestContext, id: string): Promise<AppointmentDto> {
  return onAppointment(db, ctx, 'appointment.read', id, async (tx) => {
    const a = await findAppointment(tx, ctx.actor, id);
    if (!a) throw new AppointmentNotFound(id);
    await audit(tx, ctx, { action: 'appointment.read', outcome: 'ok', practiceId: a.practiceId, patientId: a.patientId, detail: { appointmentId: id } });
    return a;
  });
}

export interface ChangeResult {
  appointment: AppointmentDto;
  /** Waitlist entries the freed slot suits, in order. */
  waitlistMatches: WaitlistEntryDto[];
}

/** Moves an active appointment to another start (and optionally practitioner or motif). */
export async function move(db: Db, ctx: RequestContext, id: string, input: MoveInput): Promise<ChangeResult> {
  const now = ctx.clock.nowMs();
  const start = Date.parse(input.start);
  let target: { owner: AgendaOwner; motif: MotifDto } | undefined;
  try {
    return await onAppointment(db, ctx, 'appointment.move', id, async (tx) => {
      const before = await lockAppointment(tx, ctx, id);
      if (before.status !== 'booked') throw new AppError('appointment_not_active', { details: { status: before.status } });
      const owner = await requireOwner(tx, ctx, input.practitionerId ?? before.practitionerId);
      if (!owner.practiceIds.includes(before.practiceId)) throw violation('practice_mismatch');
      const motif = await targetMotif(tx, owner, before, input.motifId);
      target = { owner, motif };
      const end = await checkRules(tx, { owner, motif, start, channel: before.channel, force: input.force !== undefined, patientId: before.patientId, now });
      const appointment = await moveAppointment(tx, id, {
        practitionerId: owner.id,
        motifId: motif.id,
        start,
        end,
        forcedReason: input.force?.reason ?? null,
        historyEntry: {
          from: before.start,
          to: before.end,
          previousPractitionerId: before.practitionerId,
          practitionerId: owner.id,
          at: new Date(now).toISOString(),
          by: ctx.actor.userId,
        },
      });
      const waitlistMatches = await matchesForSlot(tx, ctx.actor, {
        practitionerId: before.practitionerId,
        start: before.start,
        end: before.end,
        exceptPatientId: before.patientId,
      });
      await emitEvents(tx, [
        appointmentEvent(ctx, 'appointment.moved', appointment, {
          previous: { start: before.start, end: before.end, practitionerId: before.practitionerId },
        }),
      ]);
      await audit(tx, ctx, {
        action: 'appointment.move',
        outcome: 'ok',
        practiceId: appointment.practiceId,
        patientId: appointment.patientId,
        detail: { appointmentId: id, waitlistMatches: waitlistMatches.map((w) => w.id) },
      });
      return { appointment, waitlistMatches };
    });
  } catch (error) {
    if (isOverlap(error) && target) throw await slotTaken(db, target.owner, target.motif, start, now, id);
    throw error;
  }
}

/** The motif after a move: the one asked for, else the same, else the new practitioner's motif of the same label. */
async function targetMotif(tx: Queryable, owner: AgendaOwner, before: AppointmentDto, motifId: string | undefined): Promise<MotifDto> {
  if (motifId !== undefined) return requireMotif(tx, owner.id, motifId);
  if (owner.id === before.practitionerId) return requireMotif(tx, owner.id, before.motifId);
  const chosen = (await motifsForSet(tx, [owner, { ...owner, id: before.practitionerId }], [before.motifId])).get(owner.id);
  if (!chosen)
    throw new AppError('validation_failed', { field: 'motifId', issues: [{ field: 'motifId', message: 'motifId required for another practitioner' }] });
  return chosen;
}

export async function cancel(db: Db, ctx: RequestContext, id: string, input: CancelInput): Promise<ChangeResult> {
  return onAppointment(db, ctx, 'appointment.cancel', id, async (tx) => {
    const before = await lockAppointment(tx, ctx, id);
    if (before.status !== 'booked') throw new AppError('appointment_not_active', { details: { status: before.status } });
    const appointment = await cancelAppointment(tx, id, { by: ctx.actor.userId, byKind: input.by, reason: input.reason });
    const waitlistMatches = await matchesForSlot(tx, ctx.actor, {
      practitionerId: before.practitionerId,
      start: before.start,
      end: before.end,
      exceptPatientId: before.patientId,
    });
    await emitEvents(tx, [appointmentEvent(ctx, 'appointment.cancelled', appointment, { cause: input.by, cancelledByKind: input.by })]);
    await audit(tx, ctx, {
      action: 'appointment.cancel',
      outcome: 'ok',
      practiceId: appointment.practiceId,
      patientId: appointment.patientId,
      detail: { appointmentId: id, waitlistMatches: waitlistMatches.map((w) => w.id) },
    });
    return { appointment, waitlistMatches };
  });
}

export async function setAppointmentOutcome(db: Db, ctx: RequestContext, id: string, input: OutcomeInput): Promise<AppointmentDto> {
  const now = ctx.clock.nowMs();
  return onAppointment(db, ctx, 'appointment.outcome', id, async (tx) => {
    const before = await lockAppointment(tx, ctx, id);
    if (before.status === 'cancelled') throw new AppError('appointment_not_active', { details: { status: before.status } });
    if (Date.parse(before.start) > now) throw new AppError('outcome_too_early');
    const appointment = await setOutcome(tx, id, input.outcome, input.outcome === 'no_show' ? (input.excused ?? false) : null);
    await emitEvents(tx, [appointmentEvent(ctx, 'appointment.outcome', appointment, { outcome: input.outcome, excused: appointment.noShowExcused })]);
    await audit(tx, ctx, {
      action: 'appointment.outcome',
      outcome: 'ok',
      practiceId: appointment.practiceId,
      patientId: appointment.patientId,
      detail: { appointmentId: id, outcome: input.outcome },
    });
    return appointment;
  });
}
