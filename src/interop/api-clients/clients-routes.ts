/** Admin routes for API clients (FHIR access): create (secret shown once), list. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../core/db/types.ts';
import { authorize } from '../../core/auth/guard.ts';
import { API_SCOPES } from './scopes.ts';
import { createApiClient, getApiClients } from './clients-service.ts';

const tags = ['clients API / API clients'];

export function apiClientRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api-clients', { schema: { tags, summary: 'Clients API / API clients' } }, async (request) => ({
      items: await getApiClients(db, authorize(request, 'apiclient.manage')),
    }));
    app.post(
      '/api-clients',
      {
        schema: {
          tags,
          summary: 'Nouveau client (secret montré une seule fois) / New client (secret shown once)',
          body: z.strictObject({
            name: z.string().trim().min(1).max(120),
            scopes: z.array(z.enum(API_SCOPES)).min(1),
            practiceIds: z.array(z.uuid()).min(1).max(500),
          }),
        },
      },
      async (request, reply) => {
        const c = await createApiClient(db, authorize(request, 'apiclient.manage'), request.body);
        return reply.status(201).send({ ...c, clientId: c.id });
      },
    );
  };
}
