/**
 * POST /api/calls/simulate: an incoming call made by hand, for training and demos. It enters through the same
 * intake as a carrier's webhook (queue, routing, screen-pop over the WebSocket, call log); only the carrier is
 * missing, so no audio is connected, and service hours do not apply (a trainer rings at any hour).
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authorize } from '../core/auth/guard.ts';
import { AppError } from '../core/errors/catalogue.ts';
import { zPhoneE164 } from '../core/identifiers.ts';
import { callIncoming, callMenu } from './intake-service.ts';
import { callByProviderId } from './repo.ts';
import type { CallsRuntime } from './runtime.ts';

export const SIMULATOR_PROVIDER = 'simulator';

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
        const { calledNumber, callerNumber, urgent } = request.body;
        // Only a line of a practice in the caller's scope; any other number answers like an unknown one.
        const { rows } = await rt.db.query<{ practice_id: string }>(
          'select practice_id from practice_numbers where e164 = $1 and practice_id = any($2::uuid[])',
          [calledNumber, ctx.actor.practiceIds],
        );
        if (!rows[0]) throw new AppError('not_found', { field: 'calledNumber' });
        const providerCallId = `sim-${randomUUID()}`;
        await callIncoming(rt, SIMULATOR_PROVIDER, { kind: 'incoming', providerCallId, calledNumber, callerNumber }, { ignoreServiceHours: true });
        if (urgent) await callMenu(rt, SIMULATOR_PROVIDER, { kind: 'menu', providerCallId, digits: '1' });
        const call = await callByProviderId(rt.db, SIMULATOR_PROVIDER, providerCallId);
        return reply.status(201).send({ callId: call?.id ?? null, status: call?.status ?? 'unknown' });
      },
    );
  };
}
