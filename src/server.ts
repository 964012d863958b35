/** Assembles the Relais HTTP application: plugins, error handling, authentication and every feature's routes. */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './core/config.ts';
import type { Db } from './core/db/types.ts';
import { installErrorHandler } from './core/http/error-handler.ts';
import { safeValidatorCompiler } from './core/http/validator.ts';
import { loggerOptions } from './core/http/request-log.ts';
import { installAuthentication } from './core/auth/plugin.ts';
import { VERSION } from './core/version.ts';
import { systemClock, type Clock } from './core/time/clock.ts';
import { startAuditSealer } from './core/audit-sealer.ts';
import { healthRoutes } from './health/routes.ts';
import { sessionRoutes } from './session/routes.ts';
import { practiceRoutes } from './practices/routes.ts';
import { practitionerRoutes } from './practitioners/routes.ts';
import { patientsRoutes } from './patients/routes.ts';
import { usersRoutes } from './users/routes.ts';
import { agendaRoutes } from './agenda/routes.ts';
import { consignesRoutes } from './consignes/routes.ts';
import { callMetricsRoutes } from './calls/metrics/routes.ts';
import { callsRoutes } from './calls/module.ts';
import { demoCallsPlugin } from './calls/simulator/demo-service.ts';
import { messageRoutes } from './messages/routes.ts';
import { notifyRoutes } from './notify/routes.ts';
import { webAppRoutes } from './web/plugin.ts';
import { staffingRoutes } from './supervision/staffing-routes.ts';
import { billingRoutes } from './billing/routes.ts';
import { interopApiRoutes, interopPublicRoutes } from './interop/routes.ts';
import { onlineBookingRoutes } from './booking-online/online-routes.ts';
import { activityRoutes } from './reports/activity-routes.ts';
import { patientImportRoutes } from './patients/import-routes.ts';
import { planRoutes } from './supervision/plan-routes.ts';

export interface AppOptions {
  db: Db;
  config: Config;
  /** pino options, or false for silence (tests). */
  logger?: boolean | Record<string, unknown>;
  /** Every instant the services record comes from it (a FakeClock in tests). */
  clock?: Clock;
}

export async function buildApp({ db, config, logger = false, clock = systemClock }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // Logs carry the route pattern and ids, never URLs, names or credentials (DESIGN invariant 7).
    logger: logger === true ? loggerOptions(config.logLevel) : logger,
    bodyLimit: config.bodyLimit,
    genReqId: () => randomUUID(),
    trustProxy: false,
  }).withTypeProvider<ZodTypeProvider>();

  app.decorateRequest('clock', { getter: () => clock });
  app.setValidatorCompiler(safeValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  await app.register(cookie);
  installAuthentication(app, db);
  const sealer = startAuditSealer(db, { onError: (err) => app.log.error({ err }, 'audit sealing failed') });
  app.addHook('onClose', () => sealer.stop());
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'Relais API', version: VERSION, description: 'API du télésecrétariat médical Relais / Relais medical telesecretariat API' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'relais_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    // The docs page runs only its own scripts and is never framed (clickjacking).
    staticCSP:
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    uiHooks: {
      onRequest: (_request, reply, done) => {
        reply.header('x-frame-options', 'DENY');
        done();
      },
    },
  });

  await app.register(
    async (api) => {
      api.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
      await api.register(healthRoutes(db));
      await api.register(sessionRoutes(db, config));
      await api.register(practiceRoutes(db));
      await api.register(practitionerRoutes(db));
      await api.register(patientsRoutes(db));
      await api.register(usersRoutes(db));
      await api.register(agendaRoutes(db));
      await api.register(consignesRoutes(db));
      await api.register(callMetricsRoutes(db));
      await api.register(callsRoutes(db, config));
      await api.register(demoCallsPlugin(db, config));
      await api.register(messageRoutes(db, config));
      await api.register(notifyRoutes(db, config));
      await api.register(staffingRoutes());
      await api.register(billingRoutes(db, clock));
      await api.register(interopApiRoutes(db, { config, clock }));
      await api.register(onlineBookingRoutes(db, { config, clock }));
      await api.register(activityRoutes(db));
      await api.register(patientImportRoutes(db, clock));
      await api.register(planRoutes(db));
    },
    { prefix: '/api' },
  );
  await app.register(interopPublicRoutes(db, { config, clock }));
  // The web app at `/`, after the API so that /api/* never falls through to it.
  await app.register(webAppRoutes());
  return app;
}
