/** The waitlist (liste d'attente): patients waiting for an earlier slot. Patient data: audited. */
import { AppError } from '../core/errors/catalogue.ts';
import type { RequestContext } from '../core/auth/actor.ts';
import type { Db } from '../core/db/types.ts';
import { audit } from '../core/audit.ts';
import { requireMotif, requireOwner } from './availability-service.ts';
import { PatientNotFound, violation } from './booking-rules.ts';
import { requirePatient } from './booking-checks-service.ts';
import { findAppointment } from './appointments-repo.ts';
import { findEntryInScope, freedSlotOf, insertEntry, listWaiting, matchesForSlot, withdrawEntry, type FreedSlot } from './waitlist-repo.ts';
import type { WaitlistEntryDto, WaitlistInput } from './schemas.ts';

async function auditedNotFound<T>(db: Db, ctx: RequestContext, action: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof PatientNotFound) await audit(db, ctx, { action, outcome: 'not_found', patientId: error.patientId });
    throw error;
  }
}

export async function addToWaitlist(db: Db, ctx: RequestContext, input: WaitlistInput): Promise<WaitlistEntryDto> {
  return auditedNotFound(db, ctx, 'waitlist.create', () =>
    db.transaction(async (tx) => {
      const owner = await requireOwner(tx, ctx, input.practitionerId);
      const patient = await requirePatient(tx, ctx, input.patientId);
      if (!owner.practiceIds.includes(patient.practiceId)) throw violation('practice_mismatch');
      if (input.motifId !== undefined) await requireMotif(tx, owner.id, input.motifId);
      const entry = await insertEntry(tx, {
        organisationId: ctx.actor.organisationId,
        practiceId: patient.practiceId,
        patientId: patient.id,
        practitionerId: owner.id,
        motifId: input.motifId ?? null,
        from: input.from,
        to: input.to,
        note: input.note ?? null,
        createdBy: ctx.actor.userId,
      });
      await audit(tx, ctx, { action: 'waitlist.create', outcome: 'ok', practiceId: patient.practiceId, patientId: patient.id, detail: { entryId: entry.id } });
      return entry;
    }),
  );
}

export async function getWaitlist(db: Db, ctx: RequestContext, by: { practitionerId?: string; patientId?: string }): Promise<WaitlistEntryDto[]> {
  return auditedNotFound(db, ctx, 'waitlist.list', () =>
    db.transaction(async (tx) => {
      if (by.practitionerId !== undefined) await requireOwner(tx, ctx, by.practitionerId);
      const patient = by.patientId !== undefined ? await requirePatient(tx, ctx, by.patientId) : undefined;
      const entries = await listWaiting(tx, ctx.actor, by);
      await audit(tx, ctx, {
        action: 'waitlist.list',
        outcome: 'ok',
        practiceId: patient?.practiceId ?? null,
        patientId: patient?.id ?? null,
        detail: { practitionerId: by.practitionerId, entries: entries.map((e) => e.id) },
      });
      return entries;
    }),
  );
}

export async function removeFromWaitlist(db: Db, ctx: RequestContext, id: string): Promise<void> {
  const found = await db.transaction(async (tx) => {
    const entry = await findEntryInScope(tx, ctx.actor, id);
    if (!entry) return false;
    await withdrawEntry(tx, id);
    await audit(tx, ctx, { action: 'waitlist.withdraw', outcome: 'ok', practiceId: entry.practiceId, patientId: entry.patientId, detail: { entryId: id } });
    return true;
  });
  if (!found) {
    await audit(db, ctx, { action: 'waitlist.withdraw', outcome: 'not_found', detail: { entryId: id } });
    throw new AppError('not_found');
  }
}

/** The waiting entries the slot of an appointment suits (once it is cancelled or moved away), in order. */
export async function waitlistMatches(db: Db, ctx: RequestContext, appointmentId: string): Promise<WaitlistEntryDto[]> {
  const result = await db.transaction(async (tx) => {
    const a = await findAppointment(tx, ctx.actor, appointmentId);
    if (!a) return undefined;
    // A moved appointment freed its previous slot; a cancelled (or any other) one frees its own.
    const last = a.history[a.history.length - 1];
    const freed =
      a.status !== 'cancelled' && last
        ? { practitionerId: last.previousPractitionerId, start: last.from, end: last.to }
        : { practitionerId: a.practitionerId, start: a.start, end: a.end };
    const matches = await matchesForSlot(tx, ctx.actor, { ...freed, exceptPatientId: a.patientId });
    await audit(tx, ctx, { action: 'waitlist.list', outcome: 'ok', practiceId: a.practiceId, detail: { appointmentId, entries: matches.map((m) => m.id) } });
    return matches;
  });
  if (!result) {
    await audit(db, ctx, { action: 'waitlist.list', outcome: 'not_found', detail: { appointmentId } });
    throw new AppError('not_found');
  }
  return result;
}

/** The slot an appointment freed, for the system's waitlist offers (no scope: the caller is the system). */
export async function freedSlot(db: Db, appointmentId: string): Promise<FreedSlot | undefined> {
  return freedSlotOf(db, appointmentId);
}
