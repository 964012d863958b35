/** GET /api/health: is the service up, and on which database. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../core/db/types.ts';
import { VERSION } from '../core/version.ts';
import { databaseAnswers } from './service.ts';

export function healthRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/health',
      {
        config: { public: true },
        schema: {
          tags: ['health'],
          summary: 'État du service / Service health',
          response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgresql']), version: z.string() }) },
        },
      },
      async () => {
        await databaseAnswers(db);
        return { status: 'ok' as const, database: db.kind, version: VERSION };
      },
    );
  };
}
