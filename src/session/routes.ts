/** POST/DELETE /api/session and GET /api/me. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../core/db/types.ts';
import type { Config } from '../core/config.ts';
import { SESSION_COOKIE } from '../core/auth/sessions.ts';
import { requireActor } from '../core/auth/guard.ts';
import { ROLES } from '../core/auth/roles.ts';
import { signIn, signOut } from './service.ts';
import { DEVICE_COOKIE, DEVICE_COOKIE_DAYS } from './known-device.ts';

const meSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  locale: z.enum(['fr', 'en']),
  practitionerId: z.uuid().nullable(),
  practiceIds: z.array(z.uuid()),
});

export function sessionRoutes(db: Db, config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/session',
      {
        config: { public: true },
        schema: {
          tags: ['session'],
          summary: 'Se connecter / Sign in',
          body: z.strictObject({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1024) }),
          description:
            "429 rate_limited (en-tête Retry-After, details.retryAfterSeconds) après trop d'essais pour ce compte ou cette adresse ; un appareil où ce compte s'est déjà connecté n'est pas bloqué par les essais faits ailleurs.",
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const { token, expiresAt, deviceCookie } = await signIn(db, {
          email: request.body.email,
          password: request.body.password,
          source: request.ip,
          deviceCookie: request.cookies[DEVICE_COOKIE],
          ttlMinutes: config.sessionTtlMinutes,
        });
        reply.setCookie(DEVICE_COOKIE, deviceCookie, {
          path: '/api/session',
          httpOnly: true,
          sameSite: 'strict',
          secure: config.secureCookies,
          maxAge: DEVICE_COOKIE_DAYS * 86_400,
        });
        reply.setCookie(SESSION_COOKIE, token, {
          path: '/',
          httpOnly: true,
          sameSite: 'strict',
          secure: config.secureCookies,
          expires: expiresAt,
        });
        return reply.status(204).send(null);
      },
    );

    app.delete(
      '/session',
      { config: { public: true }, schema: { tags: ['session'], summary: 'Se déconnecter / Sign out', response: { 204: z.null() } } },
      async (request, reply) => {
        if (request.sessionTokenHash) await signOut(db, request.sessionTokenHash);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );

    app.get('/me', { schema: { tags: ['session'], summary: "L'utilisateur connecté / The signed-in user", response: { 200: meSchema } } }, async (request) => {
      const a = requireActor(request);
      return {
        id: a.userId,
        organisationId: a.organisationId,
        email: a.email,
        displayName: a.displayName,
        role: a.role,
        locale: a.locale,
        practitionerId: a.practitionerId,
        practiceIds: [...a.practiceIds],
      };
    });
  };
}
