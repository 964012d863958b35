/** /api/patients: search, read, create, update. Thin: parse, authorise, call the service. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../core/db/types.ts';
import { authorize } from '../core/auth/guard.ts';
import { createPatientBody, patientIdParams, patientSearchResult, patientView, searchPatientsQuery, updatePatientBody } from './schemas.ts';
import * as service from './service.ts';

export function patientsRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/patients',
      {
        schema: {
          tags: ['patients'],
          summary: 'Rechercher des patients (nom, téléphone, date de naissance) / Search patients (name, phone, birth date)',
          querystring: searchPatientsQuery,
          response: { 200: patientSearchResult },
        },
      },
      async (request) => service.searchPatients(db, authorize(request, 'patient.read'), request.query),
    );

    app.get(
      '/patients/:id',
      { schema: { tags: ['patients'], summary: 'Un patient / One patient', params: patientIdParams, response: { 200: patientView } } },
      async (request) => service.getPatient(db, authorize(request, 'patient.read'), request.params.id),
    );

    app.post(
      '/patients',
      {
        schema: {
          tags: ['patients'],
          summary: 'Créer un patient (identité provisoire par défaut) / Create a patient (provisional identity by default)',
          body: createPatientBody,
          response: { 201: patientView },
        },
      },
      async (request, reply) => {
        const patient = await service.createPatient(db, authorize(request, 'patient.write'), request.body);
        return reply.status(201).send(patient);
      },
    );

    app.patch(
      '/patients/:id',
      {
        schema: {
          tags: ['patients'],
          summary: 'Modifier un patient / Update a patient',
          params: patientIdParams,
          body: updatePatientBody,
          response: { 200: patientView },
        },
      },
      async (request) => service.updatePatient(db, authorize(request, 'patient.write'), request.params.id, request.body),
    );
  };
}
