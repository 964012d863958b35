/** ICS feed routes: the practitioner manages his secret URL (session); calendar clients read it (public). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../core/config.ts';
import type { Db } from '../../core/db/types.ts';
import { authorize } from '../../core/auth/guard.ts';
import { notFound } from '../../core/errors/catalogue.ts';
import type { Clock } from '../../core/time/clock.ts';
import * as ics from './ics-service.ts';

const tags = ['agenda ICS / ICS feed'];
const patientLabel = z.enum(['full_name', 'initials', 'none']);
const feedSchema = z.object({ id: z.string(), patientLabel, createdAt: z.string(), lastReadAt: z.string().nullable() });
const TOKEN_FILE = /^([A-Za-z0-9_-]{20,100})\.ics$/;

/** Under /api: the practitioner's own feed. */
export function icsFeedRoutes(db: Db, o: { config: Config; clock: Clock }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/me/ics-feed',
      { schema: { tags, summary: 'Mon flux ICS / My ICS feed', response: { 200: z.object({ feed: feedSchema.nullable() }) } } },
      async (request) => ({ feed: await ics.getFeed(db, authorize(request, 'ics.manage')) }),
    );
    app.post(
      '/me/ics-feed',
      {
        schema: {
          tags,
          summary: 'Nouvelle adresse secrète (révoque la précédente) / New secret URL (revokes the previous one)',
          body: z.strictObject({ patientLabel }),
          response: { 201: feedSchema.extend({ url: z.string() }) },
        },
      },
      async (request, reply) => {
        const { token, ...feed } = await ics.createFeed(db, authorize(request, 'ics.manage'), { label: request.body.patientLabel, clock: o.clock });
        const base = o.config.publicUrl ?? `${request.protocol}://${request.host}`;
        return reply.status(201).send({ ...feed, url: `${base}/ics/${token}.ics` });
      },
    );
    app.patch(
      '/me/ics-feed',
      { schema: { tags, summary: 'Libellé patient / Patient label', body: z.strictObject({ patientLabel }), response: { 200: feedSchema } } },
      async (request) => ics.relabelFeed(db, authorize(request, 'ics.manage'), request.body.patientLabel),
    );
    app.delete('/me/ics-feed', { schema: { tags, summary: 'Révoquer / Revoke' } }, async (request, reply) => {
      await ics.revokeFeed(db, authorize(request, 'ics.manage'), o.clock);
      return reply.status(204).send();
    });
  };
}

/** Outside /api: what calendar clients subscribe to. Any unknown, malformed or revoked token is a 404. */
export function icsPublicRoutes(db: Db, o: { config: Config; clock: Clock }): FastifyPluginAsyncZod {
  const uidDomain = o.config.publicUrl ? new URL(o.config.publicUrl).hostname : 'relais.local';
  return async (app) => {
    app.get('/ics/:file', { config: { public: true }, schema: { hide: true, params: z.object({ file: z.string() }) } }, async (request, reply) => {
      const token = TOKEN_FILE.exec(request.params.file)?.[1];
      if (!token) throw notFound();
      const body = await ics.readFeed(db, { token, requestId: String(request.id), clock: o.clock, uidDomain });
      return reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(body);
    });
  };
}
