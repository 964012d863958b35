/** /api/practices: the client practices' files, in the caller's scope. Thin: parse, authorise, call the service. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../core/db/types.ts';
import { authorize } from '../core/auth/guard.ts';
import {
  zByNumberParams,
  zNumbersPut,
  zPracticeCreate,
  zPracticeFile,
  zPracticeId,
  zPracticeList,
  zPracticeListQuery,
  zPracticePatch,
  zSitesPut,
} from './schemas.ts';
import * as service from './service.ts';

const tags = ['practices'];

export function practiceRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/practices',
      {
        schema: {
          tags,
          summary: 'Cabinets visibles, recherche par nom (?q=) / Practices in scope, search by name (?q=)',
          querystring: zPracticeListQuery,
          response: { 200: zPracticeList },
        },
      },
      async (request) => {
        const ctx = authorize(request, 'practice.read');
        return { items: await service.listPractices(db, ctx, request.query) };
      },
    );

    app.get(
      '/practices/by-number/:e164',
      {
        schema: {
          tags,
          summary: "Le cabinet d'un numéro renvoyé (levée de fiche) / The practice a forwarded number belongs to (screen-pop)",
          params: zByNumberParams,
          response: { 200: zPracticeFile },
        },
      },
      async (request) => service.getPracticeByNumber(db, authorize(request, 'practice.read'), request.params.e164),
    );

    app.get(
      '/practices/:id',
      { schema: { tags, summary: "Fiche complète d'un cabinet / A practice's full file", params: zPracticeId, response: { 200: zPracticeFile } } },
      async (request) => service.getPractice(db, authorize(request, 'practice.read'), request.params.id),
    );

    app.post(
      '/practices',
      {
        schema: {
          tags,
          summary: 'Créer un cabinet avec ses sites, numéros et horaires / Create a practice with its sites, numbers and hours',
          body: zPracticeCreate,
          response: { 201: zPracticeFile },
        },
      },
      async (request, reply) => {
        const file = await service.createPractice(db, authorize(request, 'practice.write'), request.body);
        return reply.status(201).send(file);
      },
    );

    app.patch(
      '/practices/:id',
      {
        schema: {
          tags,
          summary: "Modifier l'identité, la région, le fuseau ou les horaires d'un cabinet / Update a practice",
          params: zPracticeId,
          body: zPracticePatch,
          response: { 200: zPracticeFile },
        },
      },
      async (request) => service.patchPractice(db, authorize(request, 'practice.write'), request.params.id, request.body),
    );

    app.put(
      '/practices/:id/sites',
      {
        schema: {
          tags,
          summary: "Remplacer les sites (adresses, accès) d'un cabinet / Replace a practice's sites",
          params: zPracticeId,
          body: zSitesPut,
          response: { 200: zPracticeFile },
        },
      },
      async (request) => service.replaceSites(db, authorize(request, 'practice.write'), request.params.id, request.body.sites),
    );

    app.put(
      '/practices/:id/numbers',
      {
        schema: {
          tags,
          summary: "Remplacer les numéros renvoyés d'un cabinet / Replace a practice's forwarded numbers",
          params: zPracticeId,
          body: zNumbersPut,
          response: { 200: zPracticeFile },
        },
      },
      async (request) => service.replaceNumbers(db, authorize(request, 'practice.write'), request.params.id, request.body.numbers),
    );
  };
}
