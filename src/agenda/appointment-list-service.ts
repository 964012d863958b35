/** Lists appointments of a practitioner's agenda or of a patient: one audit row per request. */
import { AppError } from '../core/errors/catalogue.ts';
import type { RequestContext } from '../core/auth/actor.ts';
import type { Db, Queryable } from '../core/db/types.ts';
import { audit } from '../core/audit.ts';
import { DAY_MS } from '../core/time/local-time.ts';
import { requireOwner } from './availability-service.ts';
import { PatientNotFound } from './booking-rules.ts';
import { requirePatient } from './booking-checks-service.ts';
import { appointmentAtPractice, listForPatient, listForPractitioner } from './appointments-repo.ts';
import type { AppointmentListItemDto, AppointmentListQuery } from './schemas.ts';

export const MAX_LIST_WINDOW_DAYS = 366;

export async function listAppointments(db: Db, ctx: RequestContext, query: AppointmentListQuery): Promise<AppointmentListItemDto[]> {
  const includeCancelled = query.includeCancelled ?? false;
  if (query.from && query.to) {
    const span = Date.parse(query.to) - Date.parse(query.from);
    if (!(span > 0) || span > MAX_LIST_WINDOW_DAYS * DAY_MS) {
      throw new AppError('validation_failed', { field: 'to', issues: [{ field: 'to', message: `to after from, at most ${MAX_LIST_WINDOW_DAYS} days` }] });
    }
  }
  try {
    return await db.transaction(async (tx) => {
      if (query.practitionerId !== undefined) {
        const owner = await requireOwner(tx, ctx, query.practitionerId);
        const items = await listForPractitioner(tx, ctx.actor, owner.id, query.from!, query.to!, includeCancelled);
        await audit(tx, ctx, {
          action: 'appointment.list',
          outcome: 'ok',
          detail: { practitionerId: owner.id, from: query.from, to: query.to, count: items.length },
        });
        return items;
      }
      const patient = await requirePatient(tx, ctx, query.patientId!);
      const items = await listForPatient(tx, patient.id, query.from ?? null, query.to ?? null, includeCancelled);
      await audit(tx, ctx, {
        action: 'appointment.list',
        outcome: 'ok',
        practiceId: patient.practiceId,
        patientId: patient.id,
        detail: { count: items.length },
      });
      return items;
    });
  } catch (error) {
    if (error instanceof PatientNotFound) await audit(db, ctx, { action: 'appointment.list', outcome: 'not_found', patientId: error.patientId });
    throw error;
  }
}

/** True when the appointment exists at this practice (another feature links to it: a call's outcome). */
export async function isAppointmentOfPractice(q: Queryable, a: { appointmentId: string; practiceId: string }): Promise<boolean> {
  return appointmentAtPractice(q, a);
}
