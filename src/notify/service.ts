/**
 * Notification use cases behind /api/deliveries and /api/notify: what was sent (scoped; a delivery to
 * a patient is patient data, audited), practice and motif settings, patients' opt-outs.
 */
import { AppError } from '../core/errors/catalogue.ts';
import type { RequestContext } from '../core/auth/actor.ts';
import type { Db } from '../core/db/types.ts';
import { audit } from '../core/audit.ts';
import { findDelivery, listDeliveries, type DeliveryDetailDto, type DeliveryDto } from '../core/delivery/delivery-service.ts';
import { appointmentInScope, remindersOf, type ReminderDto } from './reminders-repo.ts';
import {
  findMotifInScope,
  findPatientInScope,
  getMotifSettings,
  getPatientPrefs,
  getPracticeSettings,
  practiceInScope,
  upsertMotifSettings,
  upsertPatientPrefs,
  upsertPracticeSettings,
  type MotifNotifySettings,
  type PatientNotifyPrefs,
  type PracticeNotifySettings,
} from './settings-repo.ts';
import type { DeliveryListQuery } from './schemas.ts';

export async function getDeliveries(db: Db, ctx: RequestContext, query: DeliveryListQuery): Promise<{ items: DeliveryDto[]; hasMore: boolean }> {
  const limit = query.limit ?? 50;
  return db.transaction(async (tx) => {
    if (query.patientId !== undefined && !(await findPatientInScope(tx, ctx.actor.organisationId, ctx.actor.practiceIds, query.patientId))) {
      throw new AppError('not_found', { field: 'patientId' });
    }
    const rows = await listDeliveries(tx, ctx.actor, {
      ...query,
      limit,
      practitionerId: ctx.actor.role === 'practitioner' ? (ctx.actor.practitionerId ?? undefined) : undefined,
    });
    const items = rows.slice(0, limit);
    const patients = items.filter((d) => d.patientId);
    if (patients.length || query.patientId !== undefined) {
      await audit(tx, ctx, { action: 'delivery.list', outcome: 'ok', patientId: query.patientId ?? null, detail: { deliveryIds: patients.map((d) => d.id) } });
    }
    return { items, hasMore: rows.length > limit };
  });
}

export async function getDelivery(db: Db, ctx: RequestContext, id: string): Promise<DeliveryDetailDto> {
  const found = await db.transaction(async (tx) => {
    const d = await findDelivery(tx, ctx.actor, id);
    if (d?.patientId)
      await audit(tx, ctx, { action: 'delivery.read', outcome: 'ok', practiceId: d.practiceId, patientId: d.patientId, detail: { deliveryId: id } });
    return d;
  });
  if (!found) throw new AppError('not_found');
  return found;
}

async function requirePractice(db: Db, ctx: RequestContext, practiceId: string): Promise<void> {
  if (!(await practiceInScope(db, ctx.actor, practiceId))) throw new AppError('not_found');
}

export async function getNotifySettings(db: Db, ctx: RequestContext, practiceId: string): Promise<PracticeNotifySettings> {
  await requirePractice(db, ctx, practiceId);
  return getPracticeSettings(db, practiceId);
}

export async function setNotifySettings(
  db: Db,
  ctx: RequestContext,
  practiceId: string,
  input: Omit<PracticeNotifySettings, 'practiceId'>,
): Promise<PracticeNotifySettings> {
  await requirePractice(db, ctx, practiceId);
  await upsertPracticeSettings(db, ctx.actor.organisationId, { ...input, practiceId });
  return getPracticeSettings(db, practiceId);
}

export async function setMotifSettings(
  db: Db,
  ctx: RequestContext,
  motifId: string,
  input: Omit<MotifNotifySettings, 'motifId'>,
): Promise<MotifNotifySettings> {
  if (!(await findMotifInScope(db, ctx.actor.organisationId, ctx.actor.practiceIds, motifId))) throw new AppError('not_found');
  await upsertMotifSettings(db, ctx.actor.organisationId, { ...input, motifId });
  return getMotifSettings(db, motifId);
}

export async function getMotifNotifySettings(db: Db, ctx: RequestContext, motifId: string): Promise<MotifNotifySettings> {
  if (!(await findMotifInScope(db, ctx.actor.organisationId, ctx.actor.practiceIds, motifId))) throw new AppError('not_found');
  return getMotifSettings(db, motifId);
}

async function onPatient<T>(
  db: Db,
  ctx: RequestContext,
  action: string,
  patientId: string,
  fn: (practiceId: string, tx: Parameters<Parameters<Db['transaction']>[0]>[0]) => Promise<T>,
): Promise<T> {
  const result = await db.transaction(async (tx) => {
    const p = await findPatientInScope(tx, ctx.actor.organisationId, ctx.actor.practiceIds, patientId);
    if (!p) return { found: false as const };
    const value = await fn(p.practiceId, tx);
    await audit(tx, ctx, { action, outcome: 'ok', practiceId: p.practiceId, patientId });
    return { found: true as const, value };
  });
  if (!result.found) {
    await audit(db, ctx, { action, outcome: 'not_found', patientId });
    throw new AppError('not_found');
  }
  return result.value;
}

export function getPatientNotifyPrefs(db: Db, ctx: RequestContext, patientId: string): Promise<PatientNotifyPrefs> {
  return onPatient(db, ctx, 'patient.notify_prefs.read', patientId, (_practiceId, tx) => getPatientPrefs(tx, patientId));
}

export function setPatientNotifyPrefs(
  db: Db,
  ctx: RequestContext,
  patientId: string,
  input: Omit<PatientNotifyPrefs, 'patientId'>,
): Promise<PatientNotifyPrefs> {
  return onPatient(db, ctx, 'patient.notify_prefs.write', patientId, async (practiceId, tx) => {
    await upsertPatientPrefs(tx, { organisationId: ctx.actor.organisationId, practiceId }, { ...input, patientId });
    return getPatientPrefs(tx, patientId);
  });
}

/** The reminders planned for an appointment in scope (an appointment's schedule: patient data, audited). */
export async function getReminders(db: Db, ctx: RequestContext, appointmentId: string): Promise<ReminderDto[]> {
  const result = await db.transaction(async (tx) => {
    const a = await appointmentInScope(tx, ctx.actor, appointmentId);
    if (!a) return undefined;
    await audit(tx, ctx, { action: 'appointment.reminders.read', outcome: 'ok', practiceId: a.practiceId, patientId: a.patientId, detail: { appointmentId } });
    return remindersOf(tx, appointmentId);
  });
  if (!result) throw new AppError('not_found');
  return result;
}
