/**
 * The checks a booking passes before its INSERT: scope of practitioner, patient and motif, the agenda
 * rules (engine), and the online-booking limits of the motif. Overlaps are NOT checked here: the
 * exclusion constraint refuses them at the INSERT (DESIGN invariant 4).
 */
import { AppError } from '../core/errors/catalogue.ts';
import type { RequestContext } from '../core/auth/actor.ts';
import type { Queryable } from '../core/db/types.ts';
import { DAY_MS } from '../core/time/local-time.ts';
import { ruleViolation, type AgendaRules } from './engine/index.ts';
import { MAX_BOOKING_HORIZON_DAYS, requireMotif, requireOwner } from './availability-service.ts';
import type { AgendaOwner } from './owners-repo.ts';
import { findPatient, type PatientRef } from './patients-lookup.ts';
import { isKnownPatient } from './appointments-repo.ts';
import { loadRules } from './rules-repo.ts';
import type { AppointmentDto, MotifDto } from './schemas.ts';

/** 404 for a patient the caller may not see; the service audits it as 'not_found'. */
export class PatientNotFound extends AppError {
  constructor(readonly patientId: string) {
    super('not_found', { field: 'patientId' });
  }
}

/** 422 `rule_violation` with the reason in details. */
export function violation(reason: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError('rule_violation', { details: { reason, ...extra } });
}

export async function requirePatient(q: Queryable, ctx: RequestContext, patientId: string): Promise<PatientRef> {
  const patient = await findPatient(q, ctx.actor, patientId);
  if (!patient) throw new PatientNotFound(patientId);
  return patient;
}

/** The practice an appointment belongs to: the patient's, where the practitioner must work. */
export function appointmentPractice(owner: AgendaOwner, patient: PatientRef, requested?: string): string {
  if (requested !== undefined && requested !== patient.practiceId) throw violation('practice_mismatch');
  if (!owner.practiceIds.includes(patient.practiceId)) throw violation('practice_mismatch');
  return patient.practiceId;
}

export interface RuleCheck {
  owner: AgendaOwner;
  motif: MotifDto;
  start: number;
  channel: AppointmentDto['channel'];
  force: boolean;
  patientId: string;
  now: number;
}

/** Throws the 422 a booking at `start` deserves, or returns its end instant. */
/** `rules`, when given, must cover [start − 1 day, end + 1 day]; otherwise they are loaded. */
export async function checkRules(q: Queryable, c: RuleCheck, loaded?: AgendaRules): Promise<number> {
  const { owner, motif, start, now } = c;
  if (!motif.active) throw violation('motif_inactive');
  const end = start + motif.durationMinutes * 60_000;
  if (start >= now + MAX_BOOKING_HORIZON_DAYS * DAY_MS) throw violation('beyond_horizon', { maxDays: MAX_BOOKING_HORIZON_DAYS });
  const online = c.channel === 'online';
  if (online) {
    if (!motif.onlineBookable) throw violation('not_bookable_online');
    if (start < now + motif.minNoticeMinutes * 60_000) throw violation('notice_too_short');
    if (start >= now + motif.horizonDays * DAY_MS) throw violation('beyond_horizon');
    if (!motif.newPatientsAllowed && !(await isKnownPatient(q, owner.id, c.patientId))) throw violation('new_patients_not_accepted');
  }
  const rules = loaded ?? (await loadRules(q, [owner], { from: start, to: end })).get(owner.id)!;
  const reason = ruleViolation(rules, { id: motif.id, durationMinutes: motif.durationMinutes }, start, {
    now,
    force: c.force && !online,
    // Agents book the urgent slots held back for the same day; patients online do not.
    includeUrgent: !online,
  });
  if (reason) throw violation(reason);
  return end;
}

export { requireMotif, requireOwner };
