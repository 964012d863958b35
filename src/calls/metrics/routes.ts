/** GET /api/calls/metrics: offered, answered, abandoned, service level, ASA, AHT, occupancy. Thin. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../core/db/types.ts';
import { requireActor } from '../../core/auth/guard.ts';
import { zMetricsQuery, zMetricsReport } from './schemas.ts';
import { getCallMetrics } from './service.ts';

export function callMetricsRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/calls/metrics',
      {
        schema: {
          tags: ['calls'],
          summary:
            "Indicateurs d'appels par cabinet, agent ou demi-heure (temps réel ou historique) / Call metrics per practice, agent or half-hour (live or historical)",
          description:
            'Appels comptés dans la période de leur arrivée ; abandons courts exclus des deux côtés des taux ; niveau de service = ' +
            'décrochés en T s ou moins / (offerts − abandons courts). Superviseurs et administrateurs ; un agent voit ses propres chiffres. ' +
            '/ Calls count in the interval they arrived in; short abandons are left out of both sides of the rates; service level = ' +
            'answered within T s / (offered − short abandons). Supervisors and administrators; an agent sees her own figures.',
          querystring: zMetricsQuery,
          response: { 200: zMetricsReport },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        return getCallMetrics(db, { actor, requestId: String(request.id), clock: request.clock }, request.query);
      },
    );
  };
}
