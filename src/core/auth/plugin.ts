/** Resolves the session cookie to an actor before every request. */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/types.ts';
import { AppError } from '../errors/catalogue.ts';
import { actorForSession, hashToken, SESSION_COOKIE } from './sessions.ts';
import { sessionCache } from './session-cache.ts';

/**
 * Routes whose successful writes may change who a session is or what it may see: users (role, practices,
 * activation, password), one's own settings (password: other sessions end), practices (org-wide scopes),
 * practitioners (their practices). After such a write this process's session cache is emptied before the
 * answer leaves. Sign-out forgets its own token (sessions.ts endSession).
 */
const IDENTITY_ROUTES = ['/api/users', '/api/me', '/api/practices', '/api/practitioners'];
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const changesIdentity = (method: string, route: string | undefined) =>
  !READ_METHODS.has(method) && route !== undefined && IDENTITY_ROUTES.some((prefix) => route === prefix || route.startsWith(`${prefix}/`));

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
  // The handler has committed: the next request of any session must see the change.
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode < 400 && changesIdentity(request.method, request.routeOptions.url)) sessionCache().clear();
    return payload;
  });
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Route answered without a session (health, sign-in, API document). */
    public?: boolean;
  }
}
