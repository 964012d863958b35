/** POST /api/staffing/erlang: Erlang B, C or A — evaluate a staffing or find the smallest one. Thin. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../core/auth/guard.ts';
import { zErlangAnswer, zErlangQuestion } from './staffing-schemas.ts';
import { answerErlang } from './staffing-service.ts';

export function staffingRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/staffing/erlang',
      {
        schema: {
          tags: ['supervision'],
          summary: 'Calcul Erlang (B, C, A) : effectif nécessaire ou performance d’un effectif / Erlang staffing (B, C, A)',
          description:
            'Avec `agents` : la performance de cet effectif ; sans : le plus petit effectif atteignant la cible sous l’occupation maximale, ' +
            'et `scheduledAgents` après absentéisme. Superviseurs et administrateurs. / With `agents`: that staffing’s performance; ' +
            'without: the smallest staffing meeting the target under the maximum occupancy, plus `scheduledAgents` after shrinkage.',
          body: zErlangQuestion,
          response: { 200: zErlangAnswer },
        },
      },
      async (request) => answerErlang({ actor: requireActor(request), requestId: String(request.id) }, request.body),
    );
  };
}
