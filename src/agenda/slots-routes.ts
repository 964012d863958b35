/** HTTP routes for availability: free slots of one agenda, next free slots across several. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../core/db/types.ts';
import { authorize } from '../core/auth/guard.ts';
import { listSlots, nextSlots } from './availability-service.ts';
import { nextSlotsQuery, practitionerParams, slotSchema, slotsQuery } from './schemas.ts';

const tags = ['agenda'];

export function slotsRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/practitioners/:id/slots',
      {
        schema: {
          tags,
          summary: "Créneaux libres d'un praticien pour un motif / A practitioner's free slots for an appointment type",
          description: 'from/to : instant ISO avec décalage, ou date locale (to inclus) ; 93 jours au plus.',
          params: practitionerParams,
          querystring: slotsQuery,
          response: { 200: z.array(slotSchema) },
        },
      },
      async (request) => listSlots(db, authorize(request, 'agenda.read'), request.params.id, request.query),
    );
    app.get(
      '/slots/next',
      {
        schema: {
          tags,
          summary: "Prochains créneaux libres, un praticien ou l'un d'entre plusieurs / Next free slots, one practitioner or any of several",
          description:
            'motifId : un ou plusieurs ids séparés par des virgules ; chaque praticien est cherché avec le sien, ou à défaut avec son motif actif de même libellé (sans casse ni accents).',
          querystring: nextSlotsQuery,
          response: { 200: z.array(slotSchema) },
        },
      },
      async (request) => nextSlots(db, authorize(request, 'agenda.read'), request.query),
    );
  };
}
