/** Public online booking routes (/api/public/booking/…, no session) and the practice's settings (admin). Thin. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../core/config.ts';
import type { Db } from '../core/db/types.ts';
import { systemClock, type Clock } from '../core/time/clock.ts';
import { transportsFromConfig } from '../core/delivery/transports/index.ts';
import { signLink } from '../core/delivery/links.ts';
import { linkBaseUrl, linkSecret } from '../core/delivery/link-secret.ts';
import * as online from './online-service.ts';
import { getOnlineSettings, setOnlineSettings } from './settings-service.ts';
import { authorize } from '../core/auth/guard.ts';

const tags = ['prise de RDV en ligne / online booking'];
const config = { public: true } as const;
const slugParams = z.strictObject({ slug: z.string().regex(/^[a-z0-9-]{3,80}$/) });
const name = z.string().trim().min(1).max(80);

export function onlineBookingRoutes(db: Db, o: { config: Config; clock?: Clock }): FastifyPluginAsyncZod {
  const sms = transportsFromConfig(o.config, () => {}).sms;
  const deps: online.OnlineDeps = {
    clock: o.clock ?? systemClock,
    sendSms: async (to, body, reference) => void (await sms.send({ to, body, reference })),
    manageUrl: async (appointmentId, start) =>
      `${linkBaseUrl(o.config)}/l/${signLink(await linkSecret(db, o.config.linkSecret), { action: 'appointment', subject: appointmentId, expiresAt: Date.parse(start) })}`,
  };
  return async (app) => {
    const settingsSchema = z.strictObject({
      slug: z
        .string()
        .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
        .min(3)
        .max(80),
      enabled: z.boolean(),
      requiresConfirmation: z.boolean(),
    });
    const practiceParams = z.strictObject({ practiceId: z.uuid() });
    app.get(
      '/online-booking/settings/:practiceId',
      { schema: { tags, summary: 'Réglages de la prise de RDV en ligne / Online booking settings', params: practiceParams } },
      async (request) => ({ settings: await getOnlineSettings(db, authorize(request, 'practice.write'), request.params.practiceId) }),
    );
    app.put(
      '/online-booking/settings/:practiceId',
      {
        schema: {
          tags,
          summary: 'Ouvrir, fermer, confirmation du secrétariat / Open, close, secretary confirmation',
          params: practiceParams,
          body: settingsSchema,
        },
      },
      async (request) =>
        setOnlineSettings(db, authorize(request, 'practice.write'), {
          settings: { practiceId: request.params.practiceId, ...request.body },
          clock: deps.clock,
        }),
    );
    app.get('/public/booking/:slug', { config, schema: { tags, summary: 'Page de prise de RDV / Booking page', params: slugParams } }, async (request) =>
      online.getBookingPage(db, { slug: request.params.slug, requestId: String(request.id), clock: deps.clock }),
    );
    app.get(
      '/public/booking/:slug/slots',
      {
        config,
        schema: {
          tags,
          summary: 'Créneaux libres / Free slots',
          params: slugParams,
          querystring: z.strictObject({ practitionerId: z.uuid(), motifId: z.uuid(), from: z.iso.datetime({ offset: true }).optional() }),
        },
      },
      async (request) => ({ items: await online.getOnlineSlots(db, deps, { slug: request.params.slug, ...request.query, requestId: String(request.id) }) }),
    );
    app.post(
      '/public/booking/:slug/requests',
      {
        config,
        schema: {
          tags,
          summary: 'Demander le code SMS / Ask for the SMS code',
          params: slugParams,
          body: z.strictObject({
            practitionerId: z.uuid(),
            motifId: z.uuid(),
            start: z.iso.datetime({ offset: true }),
            birthName: name,
            firstGivenName: name,
            birthDate: z.iso.date(),
            sex: z.enum(['F', 'M', 'I']),
            mobilePhone: z.string().trim().min(6).max(30),
            email: z.email().max(200).nullable().optional(),
          }),
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await online.requestCode(db, deps, { slug: request.params.slug, input: request.body, clientAddress: request.ip, requestId: String(request.id) }),
          ),
    );
    app.post(
      '/public/booking/:slug/requests/:id/confirm',
      {
        config,
        schema: {
          tags,
          summary: 'Confirmer avec le code / Confirm with the code',
          description: 'Créneau pris entre-temps : 409 slot_taken avec les créneaux suivants ; renvoyer le même code avec `start`.',
          params: z.strictObject({ slug: slugParams.shape.slug, id: z.uuid() }),
          body: z.strictObject({ code: z.string().regex(/^\d{6}$/), start: z.iso.datetime({ offset: true }).optional() }),
        },
      },
      async (request) =>
        online.confirmRequest(db, deps, {
          slug: request.params.slug,
          requestId: request.params.id,
          code: request.body.code,
          start: request.body.start,
          httpRequestId: String(request.id),
        }),
    );
  };
}
