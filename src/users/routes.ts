/** /api/users (admins manage, supervisors read) and PATCH /api/me (each user's own settings). */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../core/db/types.ts';
import { authorize, requireActor } from '../core/auth/guard.ts';
import { createUserBody, listUsersQuery, updateMeBody, updateUserBody, userIdParams, userList, userView } from './schemas.ts';
import * as service from './service.ts';

export function usersRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/users',
      {
        schema: {
          tags: ['users'],
          summary: "Utilisateurs de l'organisation / Users of the organisation",
          querystring: listUsersQuery,
          response: { 200: userList },
        },
      },
      async (request) => {
        const ctx = authorize(request, 'user.read');
        const { role, active } = request.query;
        return { users: await service.listUsers(db, ctx, { role, active: active === undefined ? undefined : active === 'true' }) };
      },
    );

    app.get(
      '/users/:id',
      { schema: { tags: ['users'], summary: 'Un utilisateur / One user', params: userIdParams, response: { 200: userView } } },
      async (request) => service.getUser(db, authorize(request, 'user.read'), request.params.id),
    );

    app.post(
      '/users',
      {
        schema: {
          tags: ['users'],
          summary: 'Créer un utilisateur / Create a user',
          body: createUserBody,
          response: { 201: userView },
        },
      },
      async (request, reply) => {
        const ctx = authorize(request, 'user.write');
        const user = await service.createUser(db, service.scopeOf(ctx), request.body);
        return reply.status(201).send(user);
      },
    );

    app.patch(
      '/users/:id',
      {
        schema: {
          tags: ['users'],
          summary: 'Modifier un utilisateur (rôle, cabinets, activation, mot de passe) / Update a user',
          params: userIdParams,
          body: updateUserBody,
          response: { 200: userView },
        },
      },
      async (request) => service.updateUser(db, authorize(request, 'user.write'), request.params.id, request.body, request.sessionTokenHash),
    );

    app.get(
      '/users/:id/lock',
      {
        schema: {
          tags: ['users'],
          summary: 'Blocage de connexion d’un utilisateur / Sign-in lock of a user',
          params: userIdParams,
          response: { 200: z.object({ lockedForSeconds: z.int().min(0) }) },
        },
      },
      async (request) => service.userLock(db, authorize(request, 'user.read'), request.params.id),
    );

    app.post(
      '/users/:id/unlock',
      {
        schema: {
          tags: ['users'],
          summary: 'Débloquer la connexion d’un utilisateur / Unlock a user’s sign-in',
          params: userIdParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await service.unlockUser(db, authorize(request, 'user.write'), request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.patch(
      '/me',
      {
        schema: {
          tags: ['session'],
          summary: 'Modifier ses préférences ou son mot de passe / Update my settings or password',
          body: updateMeBody,
          response: { 200: userView },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        return service.updateMe(db, { actor, requestId: String(request.id), clock: request.clock }, request.sessionTokenHash, request.body);
      },
    );
  };
}
