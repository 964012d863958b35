/** The patient a booking is for, if the caller may see him (SQL only; patients belong to one practice). */
import type { Actor } from '../core/auth/actor.ts';
import type { Queryable } from '../core/db/types.ts';

export interface PatientRef {
  id: string;
  practiceId: string;
}

export async function findPatient(q: Queryable, actor: Actor, patientId: string): Promise<PatientRef | undefined> {
  if (actor.practiceIds.length === 0) return undefined;
  const { rows } = await q.query<{ id: string; practice_id: string }>(
    'select id, practice_id from patients where id = $1 and organisation_id = $2 and practice_id = any($3::uuid[])',
    [patientId, actor.organisationId, actor.practiceIds],
  );
  const row = rows[0];
  return row ? { id: row.id, practiceId: row.practice_id } : undefined;
}
