/** Who is calling, and the practices they may see. Built from the session, never from the request. */
import type { Clock } from '../time/clock.ts';
import type { Role } from './roles.ts';

export interface Actor {
  userId: string;
  organisationId: string;
  role: Role;
  email: string;
  displayName: string;
  locale: 'fr' | 'en';
  practitionerId: string | null;
  /** The caller's scope: every query on practice data is limited to these practices. */
  practiceIds: readonly string[];
}

/** What a service needs to know about the request it serves. */
export interface RequestContext {
  actor: Actor;
  requestId: string;
  /** The one clock (DESIGN: time is passed in): the system's, or a FakeClock in tests. */
  clock: Clock;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionTokenHash: string | null;
    /** The application's clock (buildApp's `clock` option). */
    readonly clock: Clock;
  }
}
