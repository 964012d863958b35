/**
 * Routes reached without a session: the patient's (and practitioner's) signed links, and Twilio's
 * delivery reports (form-encoded, signed with the account's auth token). Thin.
 */
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../core/config.ts';
import type { Db } from '../core/db/types.ts';
import { AppError } from '../core/errors/catalogue.ts';
import { producerFor, stopProducer } from '../core/jobs/jobs.ts';
import { systemClock } from '../core/time/clock.ts';
import { recordProviderStatus } from '../core/delivery/delivery-service.ts';
import { DEFAULT_TUNING } from '../core/delivery/queues.ts';
import { linkSecret } from '../core/delivery/link-secret.ts';
import { SMS_STATUS_PATH } from '../core/delivery/transports/index.ts';
import { validTwilioSignature } from '../core/http/twilio-signature.ts';
import { messageLinkSchema } from '../messages/schemas.ts';
import * as links from './link-service.ts';
import { notifyProducerQueues } from './queues.ts';
import { appointmentLinkSchema, emptyBody, linkSlotsSchema, moveLinkBody, offerAnswerSchema, offerLinkSchema, tokenParams } from './schemas.ts';

const tags = ['liens patients / patient links'];
const config = { public: true } as const;

export function publicNotifyRoutes(db: Db, appConfig: Config): FastifyPluginAsyncZod {
  const deps = async (): Promise<links.LinkDeps> => ({
    secret: await linkSecret(db, appConfig.linkSecret),
    jobs: () => producerFor(db, notifyProducerQueues(DEFAULT_TUNING)),
    tuning: DEFAULT_TUNING,
    clock: systemClock,
  });
  return async (app) => {
    app.addHook('onClose', async () => stopProducer(db));
    if (!appConfig.linkSecret && appConfig.production) {
      app.log.warn('RELAIS_LINK_SECRET is not set: patient links are signed with a key generated and stored in the database');
    }

    app.get(
      '/public/links/:token',
      {
        config,
        schema: {
          tags,
          summary: 'Ce que permet un lien signé / What a signed link allows',
          description: 'Lien altéré : 403 link_invalid ; expiré : 410 link_expired.',
          params: tokenParams,
          response: { 200: z.union([appointmentLinkSchema, offerLinkSchema, messageLinkSchema]) },
        },
      },
      async (request) => {
        const d = await deps();
        const token = request.params.token;
        switch (links.linkKind(d, token)) {
          case 'appointment':
            return links.viewAppointmentLink(db, d, { token, requestId: String(request.id) });
          case 'offer':
            return links.viewOfferLink(db, d, token);
          case 'ack':
            return links.viewMessageLink(db, d, token);
        }
      },
    );

    app.get(
      '/public/links/:token/slots',
      {
        config,
        schema: {
          tags,
          summary: 'Créneaux libres pour déplacer le rendez-vous / Free slots to move to',
          params: tokenParams,
          response: { 200: linkSlotsSchema },
        },
      },
      async (request) => ({ items: await links.slotsForLink(db, await deps(), { token: request.params.token, requestId: String(request.id) }) }),
    );

    app.post(
      '/public/links/:token/confirm',
      {
        config,
        schema: { tags, summary: 'Confirmer sa présence / Confirm attendance', params: tokenParams, body: emptyBody, response: { 200: appointmentLinkSchema } },
      },
      async (request) => links.confirmByLink(db, await deps(), { token: request.params.token, requestId: String(request.id) }),
    );

    app.post(
      '/public/links/:token/cancel',
      {
        config,
        schema: {
          tags,
          summary: 'Annuler son rendez-vous / Cancel the appointment',
          description: 'Refusé après le délai du cabinet : 422 change_deadline_passed.',
          params: tokenParams,
          body: emptyBody,
          response: { 200: appointmentLinkSchema },
        },
      },
      async (request) => links.cancelByLink(db, await deps(), { token: request.params.token, requestId: String(request.id) }),
    );

    app.post(
      '/public/links/:token/move',
      {
        config,
        schema: {
          tags,
          summary: 'Déplacer son rendez-vous / Move the appointment',
          description: 'Selon les règles de l’agenda (422 rule_violation, 409 slot_taken) et avant le délai du cabinet.',
          params: tokenParams,
          body: moveLinkBody,
          response: { 200: appointmentLinkSchema },
        },
      },
      async (request) => links.moveByLink(db, await deps(), { token: request.params.token, start: request.body.start, requestId: String(request.id) }),
    );

    app.post(
      '/public/links/:token/accept',
      {
        config,
        schema: {
          tags,
          summary: "Accepter le créneau proposé (liste d'attente) / Accept the offered slot (waitlist)",
          description: 'Le premier qui accepte obtient le créneau ; les suivants reçoivent 409 offer_unavailable et un message courtois.',
          params: tokenParams,
          body: emptyBody,
          response: { 200: offerAnswerSchema },
        },
      },
      async (request) => links.answerOfferLink(db, await deps(), { token: request.params.token, accept: true, requestId: String(request.id) }),
    );

    app.post(
      '/public/links/:token/decline',
      {
        config,
        schema: {
          tags,
          summary: 'Refuser le créneau proposé / Decline the offered slot',
          params: tokenParams,
          body: emptyBody,
          response: { 200: offerAnswerSchema },
        },
      },
      async (request) => links.answerOfferLink(db, await deps(), { token: request.params.token, accept: false, requestId: String(request.id) }),
    );

    app.post(
      '/public/links/:token/acknowledge',
      {
        config,
        schema: {
          tags,
          summary: 'Accuser réception d’un message urgent / Acknowledge an urgent message',
          params: tokenParams,
          body: emptyBody,
          response: { 200: messageLinkSchema },
        },
      },
      async (request) => links.acknowledgeLink(db, await deps(), request.params.token),
    );

    // Twilio's delivery reports: application/x-www-form-urlencoded, signed (X-Twilio-Signature).
    await app.register(async (plain) => {
      const scope = plain.withTypeProvider<ZodTypeProvider>();
      scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(body as string)));
      });
      scope.post(
        SMS_STATUS_PATH.replace(/^\/api/, ''),
        {
          config,
          schema: {
            tags: ['notifications'],
            summary: 'Accusés de livraison SMS (Twilio) / SMS delivery reports (Twilio)',
            body: z.record(z.string(), z.string()),
            response: { 204: z.null() },
          },
        },
        async (request, reply) => {
          const { authToken } = appConfig.twilio;
          const url = (appConfig.publicUrl ?? '') + SMS_STATUS_PATH;
          const signature = request.headers['x-twilio-signature'];
          if (!authToken || !validTwilioSignature(authToken, url, request.body, typeof signature === 'string' ? signature : undefined)) {
            throw new AppError('signature_invalid');
          }
          const sid = request.body['MessageSid'];
          const status = request.body['MessageStatus'];
          if (sid && status === 'delivered') await recordProviderStatus(db, { transport: 'twilio', providerId: sid, status: 'delivered', error: null });
          if (sid && (status === 'failed' || status === 'undelivered')) {
            const error = `Twilio ${status}${request.body['ErrorCode'] ? ` (${request.body['ErrorCode']})` : ''}`;
            await recordProviderStatus(db, { transport: 'twilio', providerId: sid, status: 'failed', error });
          }
          return reply.status(204).send(null);
        },
      );
    });
  };
}
