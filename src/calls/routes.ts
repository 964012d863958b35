/** HTTP API of calls: agents' states, the agent's hands on a call, outcomes, the call log, queues. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../core/auth/actor.ts';
import { requireActor } from '../core/auth/guard.ts';
import * as agents from './agent-service.ts';
import * as calls from './call-service.ts';
import * as queues from './queue-service.ts';
import type { CallsRuntime } from './runtime.ts';
import {
  zAgent,
  zAgentList,
  zCall,
  zCallIdParams,
  zCallLog,
  zCallSearch,
  zOutcomeInput,
  zPracticeIdParams,
  zQueueConfig,
  zQueueConfigInput,
  zQueueStateList,
  zStatusInput,
  zTransferInput,
} from './schemas.ts';

/** Role checks live in the services (who may act on a call depends on the call). */
function context(request: FastifyRequest): RequestContext {
  return { actor: requireActor(request), requestId: String(request.id), clock: request.clock };
}

export function callsApiRoutes(rt: CallsRuntime): FastifyPluginAsyncZod {
  return async (app) => {
    const agentTags = ['agents'];
    const callTags = ['calls'];

    app.put(
      '/agents/me/status',
      { schema: { tags: agentTags, summary: 'Changer mon statut (disponible, pause…) / Change my status', body: zStatusInput, response: { 200: zAgent } } },
      async (request) => agents.setMyStatus(rt, context(request), request.body.status),
    );
    app.get(
      '/agents/me',
      { schema: { tags: agentTags, summary: 'Mon état (statut et état système) / My state', response: { 200: zAgent } } },
      async (request) => agents.myState(rt, context(request)),
    );
    app.get(
      '/agents',
      { schema: { tags: agentTags, summary: 'États des agents en direct (supervision) / Live agent states', response: { 200: zAgentList } } },
      async (request) => agents.listAgents(rt, context(request)),
    );

    app.get(
      '/calls',
      {
        schema: {
          tags: callTags,
          summary: "Cahier d'appels, du plus récent au plus ancien / Call log, newest first",
          querystring: zCallSearch,
          response: { 200: zCallLog },
        },
      },
      async (request) => calls.searchCallLog(rt, context(request), request.query),
    );
    app.get('/calls/:id', { schema: { tags: callTags, summary: 'Un appel / One call', params: zCallIdParams, response: { 200: zCall } } }, async (request) =>
      calls.getCall(rt, context(request), request.params.id),
    );
    app.post(
      '/calls/:id/answer',
      { schema: { tags: callTags, summary: 'Décrocher un appel proposé / Answer an offered call', params: zCallIdParams, response: { 200: zCall } } },
      async (request) => calls.answerCall(rt, context(request), request.params.id),
    );
    app.post(
      '/calls/:id/hangup',
      {
        schema: {
          tags: callTags,
          summary: 'Raccrocher (ou refuser un appel qui sonne) / Hang up (or decline a ringing call)',
          params: zCallIdParams,
          response: { 200: zCall },
        },
      },
      async (request) => calls.hangUpCall(rt, context(request), request.params.id),
    );
    app.post(
      '/calls/:id/transfer',
      {
        schema: {
          tags: callTags,
          summary: 'Transférer vers un numéro / Put through to a number',
          params: zCallIdParams,
          body: zTransferInput,
          response: { 200: zCall },
        },
      },
      async (request) => calls.transferCall(rt, context(request), request.params.id, request.body.toNumber),
    );
    app.post(
      '/calls/:id/wrap-up-done',
      { schema: { tags: callTags, summary: 'Fin du post-appel / End of wrap-up', params: zCallIdParams, response: { 200: zCall } } },
      async (request) => calls.wrapUpDone(rt, context(request), request.params.id),
    );
    app.post(
      '/calls/:id/outcome',
      {
        schema: {
          tags: callTags,
          summary: "Issue de l'appel et liens patient / rendez-vous / message / Call outcome and links",
          params: zCallIdParams,
          body: zOutcomeInput,
          response: { 200: zCall },
        },
      },
      async (request) => calls.setCallOutcome(rt, context(request), request.params.id, request.body),
    );

    const queueTags = ['call queues'];
    app.get(
      '/call-queues',
      { schema: { tags: queueTags, summary: "Files d'attente en direct / Live queues", response: { 200: zQueueStateList } } },
      async (request) => queues.listQueueStates(rt, context(request)),
    );
    app.get(
      '/call-queues/:practiceId/config',
      {
        schema: {
          tags: queueTags,
          summary: "Réglages de la file d'un cabinet / A practice's queue settings",
          params: zPracticeIdParams,
          response: { 200: zQueueConfig },
        },
      },
      async (request) => queues.getQueueConfig(rt, context(request), request.params.practiceId),
    );
    app.put(
      '/call-queues/:practiceId/config',
      {
        schema: {
          tags: queueTags,
          summary: "Modifier les réglages de la file d'un cabinet / Change a practice's queue settings",
          params: zPracticeIdParams,
          body: zQueueConfigInput,
          response: { 200: zQueueConfig },
        },
      },
      async (request) => queues.putQueueConfig(rt, context(request), request.params.practiceId, request.body),
    );
  };
}
