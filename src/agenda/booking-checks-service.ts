/**
 * The checks a booking passes before its INSERT, with the data they need: the patient in scope, whether
 * he is known to the practitioner, the agenda rules; the rules themselves are pure (booking-rules.ts).
 */
import type { RequestContext } from '../core/auth/actor.ts';
import type { Queryable } from '../core/db/types.ts';
import type { AgendaRules } from './engine/index.ts';
import { requireMotif, requireOwner } from './availability-service.ts';
import { findPatient, type PatientRef } from './patients-lookup-repo.ts';
import { isKnownPatient } from './appointments-repo.ts';
import { loadRules } from './rules-repo.ts';
import { agendaRules, onlineLimits, PatientNotFound, violation, type RuleCheck } from './booking-rules.ts';

export async function requirePatient(q: Queryable, ctx: RequestContext, patientId: string): Promise<PatientRef> {
  const patient = await findPatient(q, ctx.actor, patientId);
  if (!patient) throw new PatientNotFound(patientId);
  return patient;
}

/** Throws the 422 a booking at `start` deserves, or returns its end instant. */
/** `rules`, when given, must cover [start − 1 day, end + 1 day]; otherwise they are loaded. */
export async function checkRules(q: Queryable, c: RuleCheck, loaded?: AgendaRules): Promise<number> {
  const { end, needsKnownPatient } = onlineLimits(c);
  if (needsKnownPatient && !(await isKnownPatient(q, c.owner.id, c.patientId))) throw violation('new_patients_not_accepted');
  const rules = loaded ?? (await loadRules(q, [c.owner], { from: c.start, to: end })).get(c.owner.id)!;
  agendaRules(c, rules);
  return end;
}

export { requireMotif, requireOwner };
