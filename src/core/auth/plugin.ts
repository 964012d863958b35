/** Resolves the session cookie to an actor before every request. */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/types.ts';
import { actorForSession, hashToken, SESSION_COOKIE } from './sessions.ts';

export function installAuthentication(app: FastifyInstance, db: Db): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionTokenHash', null);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const tokenHash = hashToken(token);
    request.actor = await actorForSession(db, tokenHash);
    if (request.actor) request.sessionTokenHash = tokenHash;
  });
}
