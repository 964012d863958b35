/** HTTP routes for appointments: book (with Idempotency-Key), series, move, cancel, outcome, read, list. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../core/db/types.ts';
import { authorize } from '../core/auth/guard.ts';
import type { RequestContext } from '../core/auth/actor.ts';
import { book, cancel, getAppointment, move, setAppointmentOutcome } from './booking-service.ts';
import { bookSeries } from './series-service.ts';
import { listAppointments } from './appointment-list-service.ts';
import { fingerprint, type Idempotency } from './idempotency-service.ts';
import {
  appointmentListItem,
  appointmentListQuery,
  appointmentParams,
  appointmentSchema,
  bookBody,
  cancelBody,
  cancelResultSchema,
  moveBody,
  moveResultSchema,
  outcomeBody,
  seriesBody,
  seriesSchema,
} from './schemas.ts';

const tags = ['appointments'];
const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('Une requête rejouée avec la même clé ne crée rien deux fois / A retried request creates nothing twice'),
});

function idempotency(request: FastifyRequest, ctx: RequestContext, route: string, body: unknown): Idempotency | undefined {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || key.length === 0) return undefined;
  return { userId: ctx.actor.userId, key, fingerprint: fingerprint(route, body) };
}

export function bookingRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/appointments',
      {
        schema: {
          tags,
          summary: 'Prendre un rendez-vous / Book an appointment',
          description:
            '409 slot_taken (avec details.nextSlots) si le créneau est pris ; 422 rule_violation (details.reason : in_past, holiday, absence, motif_not_accepted, outside_opening_hours…) hors règles. force.reason permet de forcer hors plage, jamais sur un autre rendez-vous.',
          headers: idempotencyHeaders,
          body: bookBody,
          response: { 201: appointmentSchema },
        },
      },
      async (request, reply) => {
        const ctx = authorize(request, 'appointment.write');
        const { appointment, replayed } = await book(db, ctx, request.body, { idempotency: idempotency(request, ctx, 'POST /appointments', request.body) });
        if (replayed) reply.header('idempotent-replayed', 'true');
        return reply.status(201).send(appointment);
      },
    );

    app.post(
      '/appointment-series',
      {
        schema: {
          tags,
          summary: 'Réserver une série de séances (tout ou rien) / Book a recurring series (all or nothing)',
          description: '409 series_conflict : details.conflicts liste chaque date impossible, la raison et des créneaux de remplacement ; rien n’est réservé.',
          headers: idempotencyHeaders,
          body: seriesBody,
          response: { 201: seriesSchema },
        },
      },
      async (request, reply) => {
        const ctx = authorize(request, 'appointment.write');
        const { result, replayed } = await bookSeries(db, ctx, request.body, {
          idempotency: idempotency(request, ctx, 'POST /appointment-series', request.body),
        });
        if (replayed) reply.header('idempotent-replayed', 'true');
        return reply.status(201).send(result);
      },
    );

    app.get(
      '/appointments',
      {
        schema: {
          tags,
          summary: "Rendez-vous d'un agenda ou d'un patient / Appointments of an agenda or of a patient",
          querystring: appointmentListQuery,
          response: { 200: z.array(appointmentListItem) },
        },
      },
      async (request) => listAppointments(db, authorize(request, 'appointment.read'), request.query),
    );

    app.get(
      '/appointments/:id',
      { schema: { tags, summary: 'Un rendez-vous / One appointment', params: appointmentParams, response: { 200: appointmentSchema } } },
      async (request) => getAppointment(db, authorize(request, 'appointment.read'), request.params.id),
    );

    app.post(
      '/appointments/:id/move',
      {
        schema: {
          tags,
          summary: 'Déplacer un rendez-vous / Move an appointment',
          description: 'La réponse liste la liste d’attente à qui proposer le créneau libéré / The answer lists the waitlist entries the freed slot suits.',
          params: appointmentParams,
          body: moveBody,
          response: { 200: moveResultSchema },
        },
      },
      async (request) => move(db, authorize(request, 'appointment.write'), request.params.id, request.body),
    );

    app.post(
      '/appointments/:id/cancel',
      {
        schema: {
          tags,
          summary: 'Annuler un rendez-vous / Cancel an appointment',
          params: appointmentParams,
          body: cancelBody,
          response: { 200: cancelResultSchema },
        },
      },
      async (request) => cancel(db, authorize(request, 'appointment.write'), request.params.id, request.body),
    );

    app.post(
      '/appointments/:id/outcome',
      {
        schema: {
          tags,
          summary: 'Honoré ou lapin (excusé ou non) / Honoured or no-show (excused or not)',
          params: appointmentParams,
          body: outcomeBody,
          response: { 200: appointmentSchema },
        },
      },
      async (request) => setAppointmentOutcome(db, authorize(request, 'appointment.write'), request.params.id, request.body),
    );
  };
}
