/**
 * The checks a booking passes before its INSERT, as pure rules: the practice it belongs to, the agenda
 * rules (engine) and the online-booking limits of the motif. Overlaps are NOT checked here: the
 * exclusion constraint refuses them at the INSERT (DESIGN invariant 4). The data (rules, whether the
 * patient is known) is loaded by booking-checks-service.ts.
 */
import { AppError } from '../core/errors/catalogue.ts';
import { DAY_MS } from '../core/time/local-time.ts';
import { ruleViolation, type AgendaRules } from './engine/index.ts';
import type { AgendaOwner } from './owners-repo.ts';
import type { PatientRef } from './patients-lookup-repo.ts';
import type { AppointmentDto, MotifDto } from './schemas.ts';

/** No appointment, forced or not, is booked further ahead than this; no slot is searched beyond it either. */
export const MAX_BOOKING_HORIZON_DAYS = 3 * 366;

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

/** The limits that need no data (horizon for every channel, online-booking limits of the motif): throws the 422, or answers whether the patient must be known. */
export function onlineLimits(c: RuleCheck): { end: number; needsKnownPatient: boolean } {
  const { motif, start, now } = c;
  if (!motif.active) throw violation('motif_inactive');
  const end = start + motif.durationMinutes * 60_000;
  if (start >= now + MAX_BOOKING_HORIZON_DAYS * DAY_MS) throw violation('beyond_horizon', { maxDays: MAX_BOOKING_HORIZON_DAYS });
  if (c.channel !== 'online') return { end, needsKnownPatient: false };
  if (!motif.onlineBookable) throw violation('not_bookable_online');
  if (start < now + motif.minNoticeMinutes * 60_000) throw violation('notice_too_short');
  if (start >= now + motif.horizonDays * DAY_MS) throw violation('beyond_horizon');
  return { end, needsKnownPatient: !motif.newPatientsAllowed };
}

/** Throws the 422 the agenda rules give a booking at `start` (rules covering [start − 1 day, end + 1 day]). */
export function agendaRules(c: RuleCheck, rules: AgendaRules): void {
  const online = c.channel === 'online';
  const reason = ruleViolation(rules, { id: c.motif.id, durationMinutes: c.motif.durationMinutes }, c.start, {
    now: c.now,
    force: c.force && !online,
    // Agents book the urgent slots held back for the same day; patients online do not.
    includeUrgent: !online,
  });
  if (reason) throw violation(reason);
}
