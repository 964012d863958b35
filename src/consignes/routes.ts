/** /api/practices/:id/consignes: read with the changes since last read, write a version, acknowledge, history. Thin. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authorize } from '../core/auth/guard.ts';
import type { Db } from '../core/db/types.ts';
import { zConsigneSet, zConsignesPut, zConsignesView, zHistory, zHistoryQuery, zPracticeParams, zSeenInput, zWhichConsignes } from './schemas.ts';
import * as service from './service.ts';

const tags = ['consignes'];

export function consignesRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/practices/:id/consignes',
      {
        schema: {
          tags,
          summary:
            'Consignes du cabinet et de ses praticiens, avec les changements depuis ma dernière lecture / Current consignes and changes since I last read them',
          params: zPracticeParams,
          response: { 200: zConsignesView },
        },
      },
      async (request) => service.getConsignes(db, authorize(request, 'practice.read'), request.params.id),
    );

    app.put(
      '/practices/:id/consignes',
      {
        schema: {
          tags,
          summary: "Enregistrer une nouvelle version des consignes (?practitionerId= pour celles d'un praticien) / Save a new version of the consignes",
          params: zPracticeParams,
          querystring: zWhichConsignes,
          body: zConsignesPut,
          response: { 200: zConsigneSet },
        },
      },
      async (request) => service.putConsignes(db, authorize(request, 'practice.read'), request.params.id, request.query.practitionerId ?? null, request.body),
    );

    app.post(
      '/practices/:id/consignes/seen',
      {
        schema: {
          tags,
          summary: "J'ai lu : accuser réception des versions affichées / Acknowledge the versions shown",
          params: zPracticeParams,
          body: zSeenInput,
          response: { 200: zConsignesView },
        },
      },
      async (request) => service.markSeen(db, authorize(request, 'practice.read'), request.params.id, request.body),
    );

    app.get(
      '/practices/:id/consignes/history',
      {
        schema: {
          tags,
          summary: 'Historique des versions : qui a changé quoi, quand / Version history: who changed what, when',
          params: zPracticeParams,
          querystring: zHistoryQuery,
          response: { 200: zHistory },
        },
      },
      async (request) => {
        const { practitionerId, limit, before } = request.query;
        return service.getHistory(db, authorize(request, 'practice.read'), request.params.id, practitionerId ?? null, { limit, before });
      },
    );
  };
}
