/** Every "open doors" route: ICS feeds, webhooks, API clients and FHIR R4 (public online booking is booking-online's own). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../core/config.ts';
import type { Db } from '../core/db/types.ts';
import { systemClock, type Clock } from '../core/time/clock.ts';
import { icsFeedRoutes, icsPublicRoutes } from './ics/ics-routes.ts';
import { webhookRoutes } from './webhooks/webhook-routes.ts';
import { apiClientRoutes } from './api-clients/clients-routes.ts';
import { fhirRoutes } from './fhir/fhir-routes.ts';

export interface InteropOptions {
  config: Config;
  clock?: Clock;
}

/** Routes under /api (sessions). */
export function interopApiRoutes(db: Db, o: InteropOptions): FastifyPluginAsyncZod {
  const deps = { config: o.config, clock: o.clock ?? systemClock };
  return async (app) => {
    await app.register(icsFeedRoutes(db, deps));
    await app.register(webhookRoutes(db, deps));
    await app.register(apiClientRoutes(db));
  };
}

/** Routes outside /api, answered without a session (calendar clients). */
export function interopPublicRoutes(db: Db, o: InteropOptions): FastifyPluginAsyncZod {
  const deps = { config: o.config, clock: o.clock ?? systemClock };
  return async (app) => {
    await app.register(icsPublicRoutes(db, deps));
    await app.register(fhirRoutes(db, deps), { prefix: '/fhir/R4' });
  };
}
