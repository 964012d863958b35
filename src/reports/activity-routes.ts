/** GET /api/practices/:id/activity?month=YYYY-MM: the monthly activity report. Thin. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../core/db/types.ts';
import { authorize } from '../core/auth/guard.ts';
import { zActivityParams, zActivityQuery, zActivityReport } from './activity-schemas.ts';
import { monthlyActivity } from './activity-service.ts';

export function activityRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/practices/:id/activity',
      {
        schema: {
          tags: ['reports'],
          summary: "Rapport d'activité mensuel : appels, rendez-vous, messages, liste d'attente / Monthly activity report",
          params: zActivityParams,
          querystring: zActivityQuery,
          response: { 200: zActivityReport },
        },
      },
      async (request) => monthlyActivity(db, authorize(request, 'practice.read'), request.params.id, request.query),
    );
  };
}
