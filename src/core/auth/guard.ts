/** Route guards: who is calling, and may they do this. */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors/catalogue.ts';
import type { Actor, RequestContext } from './actor.ts';
import { roleCan, type Permission } from './roles.ts';

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated');
  return request.actor;
}

/** The request's context for a service call, once the caller holds the permission. */
export function authorize(request: FastifyRequest, permission: Permission): RequestContext {
  const actor = requireActor(request);
  if (!roleCan(actor.role, permission)) throw new AppError('forbidden');
  return { actor, requestId: String(request.id), clock: request.clock };
}
