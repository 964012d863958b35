/**
 * Absences (congés). Entering one over booked appointments lists them (they stay booked: the
 * secretariat calls the patients) or, with `cancelImpacted`, cancels them all in the same transaction,
 * each with an `appointment.cancelled` event (cause 'absence') for the notifications capability.
 */
import { notFound } from '../core/errors/catalogue.ts';
import type { RequestContext } from '../core/auth/actor.ts';
import type { Db } from '../core/db/types.ts';
import { audit } from '../core/audit.ts';
import { requireOwner } from './availability-service.ts';
import { ownerForChange } from './config-service.ts';
import { deleteAbsence, insertAbsence, listAbsences } from './config-repo.ts';
import { activeOverlapping, cancelAppointment } from './appointments-repo.ts';
import { emitEvents } from './events-repo.ts';
import { appointmentEvent } from './booking-service.ts';
import type { AbsenceDto, AbsenceInput, AppointmentListItemDto } from './schemas.ts';

export async function getAbsences(db: Db, ctx: RequestContext, practitionerId: string, from?: string, to?: string): Promise<AbsenceDto[]> {
  const owner = await requireOwner(db, ctx, practitionerId);
  return listAbsences(db, owner.id, from ?? null, to ?? null);
}

/** The booked appointments an absence over [start, end) would cover (one audit row: a read of patient data). */
export async function absenceImpact(db: Db, ctx: RequestContext, practitionerId: string, start: string, end: string): Promise<AppointmentListItemDto[]> {
  return db.transaction(async (tx) => {
    const owner = await requireOwner(tx, ctx, practitionerId);
    const impacted = await activeOverlapping(tx, ctx.actor, owner.id, start, end, false);
    await audit(tx, ctx, { action: 'appointment.list', outcome: 'ok', detail: { practitionerId: owner.id, absenceImpact: impacted.map((a) => a.id) } });
    return impacted;
  });
}

export async function createAbsence(
  db: Db,
  ctx: RequestContext,
  practitionerId: string,
  input: AbsenceInput,
): Promise<{ absence: AbsenceDto; impacted: AppointmentListItemDto[]; cancelled: boolean }> {
  return db.transaction(async (tx) => {
    const owner = await ownerForChange(tx, ctx, practitionerId);
    const absence = await insertAbsence(tx, {
      organisationId: owner.organisationId,
      practitionerId: owner.id,
      start: input.start,
      end: input.end,
      reason: input.reason ?? null,
      createdBy: ctx.actor.userId,
    });
    const cancel = input.cancelImpacted ?? false;
    const impacted = await activeOverlapping(tx, ctx.actor, owner.id, absence.start, absence.end, cancel);
    if (!cancel) {
      if (impacted.length > 0) {
        await audit(tx, ctx, { action: 'appointment.list', outcome: 'ok', detail: { absenceId: absence.id, absenceImpact: impacted.map((a) => a.id) } });
      }
      return { absence, impacted, cancelled: false };
    }
    const reason = input.cancelReason ?? input.reason ?? '';
    const cancelled: AppointmentListItemDto[] = [];
    for (const a of impacted) {
      const after = await cancelAppointment(tx, a.id, { by: ctx.actor.userId, byKind: 'practitioner', reason });
      cancelled.push({ ...a, ...after });
      await audit(tx, ctx, {
        action: 'appointment.cancel',
        outcome: 'ok',
        practiceId: a.practiceId,
        patientId: a.patientId,
        detail: { appointmentId: a.id, absenceId: absence.id },
      });
    }
    await emitEvents(
      tx,
      cancelled.map((a) => appointmentEvent(ctx, 'appointment.cancelled', a, { cause: 'absence', absenceId: absence.id, cancelledByKind: 'practitioner' })),
    );
    return { absence, impacted: cancelled, cancelled: true };
  });
}

export async function removeAbsence(db: Db, ctx: RequestContext, practitionerId: string, absenceId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const owner = await ownerForChange(tx, ctx, practitionerId);
    if (!(await deleteAbsence(tx, owner.id, absenceId))) throw notFound();
  });
}
