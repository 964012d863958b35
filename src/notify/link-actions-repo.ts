/** SQL for what patients did through their links. */
import type { Queryable } from '../core/db/types.ts';

export type LinkActionKind = 'confirm' | 'cancel' | 'move' | 'accept' | 'decline' | 'refused';

export async function recordLinkAction(
  q: Queryable,
  a: {
    organisationId: string;
    practiceId: string;
    patientId: string;
    appointmentId: string | null;
    offerId?: string;
    action: LinkActionKind;
    detail?: Record<string, unknown>;
  },
): Promise<void> {
  await q.query(
    `insert into patient_link_actions (organisation_id, practice_id, appointment_id, offer_id, patient_id, action, detail) values ($1, $2, $3, $4, $5, $6, $7)`,
    [a.organisationId, a.practiceId, a.appointmentId, a.offerId ?? null, a.patientId, a.action, JSON.stringify(a.detail ?? {})],
  );
}

/** When the patient last confirmed his presence, if he did. */
export async function confirmedAt(q: Queryable, appointmentId: string): Promise<Date | null> {
  const { rows } = await q.query<{ at: Date }>(`select max(at) as at from patient_link_actions where appointment_id = $1 and action = 'confirm'`, [
    appointmentId,
  ]);
  return rows[0]?.at ?? null;
}
