/** /api/practitioners: the practitioners of the practices in the caller's scope. Thin: parse, authorise, call the service. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../core/db/types.ts';
import { authorize } from '../core/auth/guard.ts';
import { zPractitioner, zPractitionerCreate, zPractitionerId, zPractitionerList, zPractitionerListQuery, zPractitionerPatch, zVocabulary } from './schemas.ts';
import * as service from './service.ts';

const tags = ['practitioners'];

export function practitionerRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/practitioners',
      {
        schema: {
          tags,
          summary: 'Praticiens des cabinets visibles (?practiceId=, ?q=) / Practitioners of the practices in scope',
          querystring: zPractitionerListQuery,
          response: { 200: zPractitionerList },
        },
      },
      async (request) => ({ items: await service.listPractitioners(db, authorize(request, 'practitioner.read'), request.query) }),
    );

    app.get(
      '/practitioners/vocabulary',
      { schema: { tags, summary: 'Professions et spécialités connues / Known professions and specialties', response: { 200: zVocabulary } } },
      async (request) => {
        authorize(request, 'practitioner.read');
        return service.vocabulary();
      },
    );

    app.get(
      '/practitioners/:id',
      { schema: { tags, summary: 'Un praticien / A practitioner', params: zPractitionerId, response: { 200: zPractitioner } } },
      async (request) => service.getPractitioner(db, authorize(request, 'practitioner.read'), request.params.id),
    );

    app.post(
      '/practitioners',
      {
        schema: {
          tags,
          summary: 'Créer un praticien (RPPS vérifié) / Create a practitioner (RPPS checked)',
          body: zPractitionerCreate,
          response: { 201: zPractitioner },
        },
      },
      async (request, reply) => {
        const practitioner = await service.createPractitioner(db, authorize(request, 'practitioner.write'), request.body);
        return reply.status(201).send(practitioner);
      },
    );

    app.patch(
      '/practitioners/:id',
      {
        schema: {
          tags,
          summary: 'Modifier un praticien / Update a practitioner',
          params: zPractitionerId,
          body: zPractitionerPatch,
          response: { 200: zPractitioner },
        },
      },
      async (request) => service.patchPractitioner(db, authorize(request, 'practitioner.write'), request.params.id, request.body),
    );
  };
}
