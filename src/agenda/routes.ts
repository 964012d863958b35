/** Every agenda route: configuration, availability, appointments, waitlist. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../core/db/types.ts';
import { agendaConfigRoutes } from './config-routes.ts';
import { slotsRoutes } from './slots-routes.ts';
import { bookingRoutes } from './booking-routes.ts';
import { waitlistRoutes } from './waitlist-routes.ts';

export function agendaRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(agendaConfigRoutes(db));
    await app.register(slotsRoutes(db));
    await app.register(bookingRoutes(db));
    await app.register(waitlistRoutes(db));
  };
}
