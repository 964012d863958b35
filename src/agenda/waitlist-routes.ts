/** HTTP routes for the waitlist (liste d'attente). */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../core/db/types.ts';
import { authorize } from '../core/auth/guard.ts';
import { addToWaitlist, getWaitlist, removeFromWaitlist, waitlistMatches } from './waitlist-service.ts';
import { waitlistBody, waitlistEntrySchema, waitlistMatchesQuery, waitlistParams, waitlistQuery } from './schemas.ts';

const tags = ['waitlist'];

export function waitlistRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/waitlist',
      {
        schema: {
          tags,
          summary: "Inscrire un patient en liste d'attente / Put a patient on the waitlist",
          body: waitlistBody,
          response: { 201: waitlistEntrySchema },
        },
      },
      async (request, reply) => reply.status(201).send(await addToWaitlist(db, authorize(request, 'appointment.write'), request.body)),
    );
    app.get(
      '/waitlist',
      {
        schema: {
          tags,
          summary: "Liste d'attente, dans l'ordre / The waitlist, in order",
          querystring: waitlistQuery,
          response: { 200: z.array(waitlistEntrySchema) },
        },
      },
      async (request) => getWaitlist(db, authorize(request, 'appointment.read'), request.query),
    );
    app.get(
      '/waitlist/matches',
      {
        schema: {
          tags,
          summary: "Patients en attente à qui proposer le créneau libéré d'un rendez-vous / Waiting patients the slot freed by an appointment suits",
          querystring: waitlistMatchesQuery,
          response: { 200: z.array(waitlistEntrySchema) },
        },
      },
      async (request) => waitlistMatches(db, authorize(request, 'appointment.read'), request.query.appointmentId),
    );
    app.delete(
      '/waitlist/:id',
      { schema: { tags, summary: "Retirer de la liste d'attente / Withdraw from the waitlist", params: waitlistParams, response: { 204: z.null() } } },
      async (request, reply) => {
        await removeFromWaitlist(db, authorize(request, 'appointment.write'), request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
