/** Admin routes for outgoing webhooks: subscriptions, secret rotation, delivery log, replay. Thin. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../core/config.ts';
import type { Db } from '../../core/db/types.ts';
import { authorize } from '../../core/auth/guard.ts';
import type { Clock } from '../../core/time/clock.ts';
import { WEBHOOK_EVENTS } from './events.ts';
import * as webhooks from './webhook-service.ts';

const tags = ['webhooks'];
const idParams = z.strictObject({ id: z.uuid() });
const eventList = z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length);

function urlSchema(production: boolean) {
  return z
    .string()
    .trim()
    .max(2000)
    .url()
    .refine((u) => (production ? u.startsWith('https://') : /^https?:\/\//.test(u)), {
      message: production ? 'https:// attendu / https:// expected' : 'http(s):// attendu / expected',
    });
}

const subscriptionSchema = z.object({
  id: z.string(),
  practiceId: z.string().nullable(),
  url: z.string(),
  events: z.array(z.string()),
  description: z.string().nullable(),
  active: z.boolean(),
  consecutiveFailures: z.number(),
  disabledAt: z.string().nullable(),
  disabledReason: z.string().nullable(),
  createdAt: z.string(),
});
const withSecret = subscriptionSchema.extend({ secret: z.string() });
const deliverySchema = z.object({
  id: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  status: z.string(),
  attempts: z.number(),
  lastStatusCode: z.number().nullable(),
  lastError: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  replayOf: z.string().nullable(),
  createdAt: z.string(),
});

export function webhookRoutes(db: Db, o: { config: Config; clock: Clock }): FastifyPluginAsyncZod {
  const url = urlSchema(o.config.production);
  return async (app) => {
    app.get(
      '/webhooks',
      { schema: { tags, summary: 'Abonnements / Subscriptions', response: { 200: z.object({ items: z.array(subscriptionSchema) }) } } },
      async (request) => ({
        items: await webhooks.getSubscriptions(db, authorize(request, 'webhook.manage')),
      }),
    );
    app.post(
      '/webhooks',
      {
        schema: {
          tags,
          summary: 'Nouvel abonnement (le secret n’est montré qu’ici) / New subscription (the secret is shown here only)',
          body: z.strictObject({ url, practiceId: z.uuid().nullable(), events: eventList, description: z.string().trim().max(200).nullable().optional() }),
          response: { 201: withSecret },
        },
      },
      async (request, reply) => reply.status(201).send(await webhooks.createSubscription(db, authorize(request, 'webhook.manage'), request.body)),
    );
    app.patch(
      '/webhooks/:id',
      {
        schema: {
          tags,
          summary: 'Modifier, désactiver ou réactiver / Change, disable or re-enable',
          params: idParams,
          body: z.strictObject({
            url: url.optional(),
            events: eventList.optional(),
            description: z.string().trim().max(200).nullable().optional(),
            active: z.boolean().optional(),
          }),
          response: { 200: subscriptionSchema },
        },
      },
      async (request) => webhooks.changeSubscription(db, authorize(request, 'webhook.manage'), { id: request.params.id, set: request.body, clock: o.clock }),
    );
    app.post(
      '/webhooks/:id/rotate-secret',
      { schema: { tags, summary: 'Nouveau secret / New secret', params: idParams, response: { 200: withSecret } } },
      async (request) => webhooks.rotateSecret(db, authorize(request, 'webhook.manage'), { id: request.params.id, clock: o.clock }),
    );
    app.delete('/webhooks/:id', { schema: { tags, summary: 'Supprimer / Delete', params: idParams } }, async (request, reply) => {
      await webhooks.removeSubscription(db, authorize(request, 'webhook.manage'), request.params.id);
      return reply.status(204).send();
    });
    app.get(
      '/webhooks/:id/deliveries',
      { schema: { tags, summary: 'Journal des livraisons / Delivery log', params: idParams, response: { 200: z.object({ items: z.array(deliverySchema) }) } } },
      async (request) => ({ items: await webhooks.getDeliveries(db, authorize(request, 'webhook.manage'), request.params.id) }),
    );
    app.post(
      '/webhooks/deliveries/:id/replay',
      { schema: { tags, summary: 'Rejouer une livraison / Replay a delivery', params: idParams, response: { 201: z.object({ id: z.string() }) } } },
      async (request, reply) => reply.status(201).send(await webhooks.replayDelivery(db, authorize(request, 'webhook.manage'), request.params.id)),
    );
  };
}
