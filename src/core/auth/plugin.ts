/** Resolves the session cookie to an actor before every request. */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/types.ts';
import { AppError } from '../errors/catalogue.ts';
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
  // An anonymous caller learns nothing about an API route's input rules: 401 comes before validation.
  app.addHook('preValidation', async (request) => {
    if (request.actor || request.is404 || request.routeOptions.config.public) return;
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs')) return;
    throw new AppError('unauthenticated');
  });
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Route answered without a session (health, sign-in, API document). */
    public?: boolean;
  }
}
