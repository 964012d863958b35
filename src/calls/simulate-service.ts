/**
 * An incoming call made by hand, for training and demos: it enters through the same intake as a carrier's
 * webhook; service hours do not apply (a trainer rings at any hour). Only a line of a practice in the
 * caller's scope; any other number answers like an unknown one.
 */
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../core/auth/actor.ts';
import { AppError } from '../core/errors/catalogue.ts';
import { callIncoming, callMenu } from './intake-service.ts';
import { callByProviderId, practiceOfNumber } from './repo.ts';
import type { CallsRuntime } from './runtime.ts';

export const SIMULATOR_PROVIDER = 'simulator';

export interface SimulatedCall {
  calledNumber: string;
  callerNumber: string | null;
  urgent: boolean;
}

export async function simulateCall(rt: CallsRuntime, ctx: RequestContext, input: SimulatedCall): Promise<{ callId: string | null; status: string }> {
  const { calledNumber, callerNumber, urgent } = input;
  const line = await practiceOfNumber(rt.db, calledNumber);
  if (!line || !ctx.actor.practiceIds.includes(line.practice_id)) throw new AppError('not_found', { field: 'calledNumber' });
  const providerCallId = `sim-${randomUUID()}`;
  await callIncoming(rt, SIMULATOR_PROVIDER, { kind: 'incoming', providerCallId, calledNumber, callerNumber }, { ignoreServiceHours: true });
  if (urgent) await callMenu(rt, SIMULATOR_PROVIDER, { kind: 'menu', providerCallId, digits: '1' });
  const call = await callByProviderId(rt.db, SIMULATOR_PROVIDER, providerCallId);
  return { callId: call?.id ?? null, status: call?.status ?? 'unknown' };
}
