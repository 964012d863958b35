/**
 * POST /api/calls/simulate: an incoming call made by hand, for training and demos. It enters through the same
 * intake as a carrier's webhook (queue, routing, screen-pop over the WebSocket, call log); only the carrier is
 * missing, so no audio is connected, and service hours do not apply (a trainer rings at any hour).
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authorize } from '../core/auth/guard.ts';
import { zPhoneE164 } from '../core/identifiers.ts';
import { simulateCall } from './simulate-service.ts';
import type { CallsRuntime } from './runtime.ts';

export { SIMULATOR_PROVIDER } from './simulate-service.ts';

export function simulateRoutes(rt: CallsRuntime): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/calls/simulate',
      {
        schema: {
          tags: ['calls'],
          summary: 'Simuler un appel entrant (formation, démonstration) / Simulate an incoming call (training, demo)',
          body: z.strictObject({
            calledNumber: zPhoneE164,
            callerNumber: zPhoneE164.nullable().default(null),
            urgent: z.boolean().default(false),
          }),
          response: { 201: z.object({ callId: z.uuid().nullable(), status: z.string() }) },
        },
      },
      async (request, reply) => {
        const ctx = authorize(request, 'call.simulate');
        return reply.status(201).send(await simulateCall(rt, ctx, request.body));
      },
    );
  };
}
