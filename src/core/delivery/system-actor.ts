/**
 * The actor behind what patients do through their links and what the system does for them (a waitlist
 * offer accepted): one inactive user per organisation (it can never sign in), scoped to one practice,
 * so that the agenda's use cases run unchanged, with their rules, events and audit rows.
 */
import type { RequestContext } from '../auth/actor.ts';
import type { Queryable } from '../db/types.ts';
import type { Clock } from '../time/clock.ts';
import { ensureSystemUser } from './system-actor-repo.ts';

const DISPLAY_NAME = 'Patient (lien sécurisé)';

export function systemEmail(organisationId: string): string {
  return `patient-links+${organisationId}@relais.invalid`;
}

export async function systemContext(q: Queryable, o: { organisationId: string; practiceId: string; requestId: string; clock: Clock }): Promise<RequestContext> {
  const email = systemEmail(o.organisationId);
  return {
    requestId: o.requestId,
    clock: o.clock,
    actor: {
      userId: await ensureSystemUser(q, { organisationId: o.organisationId, email, displayName: DISPLAY_NAME }),
      organisationId: o.organisationId,
      role: 'agent',
      email,
      displayName: DISPLAY_NAME,
      locale: 'fr',
      practitionerId: null,
      practiceIds: [o.practiceId],
    },
  };
}
