/**
 * The actor behind what patients do through their links and what the system does for them (a waitlist
 * offer accepted): one inactive user per organisation (it can never sign in), scoped to one practice,
 * so that the agenda's use cases run unchanged, with their rules, events and audit rows.
 */
import type { RequestContext } from '../core/auth/actor.ts';
import type { Queryable } from '../core/db/types.ts';

export function systemEmail(organisationId: string): string {
  return `patient-links+${organisationId}@relais.invalid`;
}

async function systemUserId(q: Queryable, organisationId: string): Promise<string> {
  const email = systemEmail(organisationId);
  await q.query(
    `insert into users (organisation_id, email, display_name, role, password_hash, active, internal)
     values ($1, $2, 'Patient (lien sécurisé)', 'agent', '!', false, true)
     on conflict ((lower(email))) do nothing`,
    [organisationId, email],
  );
  const { rows } = await q.query<{ id: string }>('select id from users where lower(email) = $1', [email]);
  return rows[0]!.id;
}

export async function systemContext(q: Queryable, o: { organisationId: string; practiceId: string; requestId: string }): Promise<RequestContext> {
  return {
    requestId: o.requestId,
    actor: {
      userId: await systemUserId(q, o.organisationId),
      organisationId: o.organisationId,
      role: 'agent',
      email: systemEmail(o.organisationId),
      displayName: 'Patient (lien sécurisé)',
      locale: 'fr',
      practitionerId: null,
      practiceIds: [o.practiceId],
    },
  };
}
