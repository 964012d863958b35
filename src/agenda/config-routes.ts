/** HTTP routes configuring an agenda: motifs, opening ranges, grid step, absences. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../core/db/types.ts';
import { authorize } from '../core/auth/guard.ts';
import {
  archiveMotif,
  createMotif,
  createRange,
  getMotifs,
  getRanges,
  getSettings,
  patchMotif,
  removeRange,
  setSettings,
  updateRange,
} from './config-service.ts';
import { absenceImpact, createAbsence, getAbsences, removeAbsence } from './absence-service.ts';
import {
  absenceBody,
  absenceCreatedSchema,
  absenceImpactQuery,
  absenceParams,
  absenceSchema,
  absencesQuery,
  appointmentListItem,
  motifCreateBody,
  motifParams,
  motifPatchBody,
  motifSchema,
  practitionerParams,
  rangeBody,
  rangeParams,
  rangeSchema,
  settingsBody,
  settingsSchema,
} from './schemas.ts';

const tags = ['agenda'];

export function agendaConfigRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    // --- motifs ---
    app.get(
      '/practitioners/:id/motifs',
      {
        schema: {
          tags,
          summary: "Motifs de rendez-vous d'un praticien / A practitioner's appointment types",
          params: practitionerParams,
          response: { 200: z.array(motifSchema) },
        },
      },
      async (request) => getMotifs(db, authorize(request, 'agenda.read'), request.params.id),
    );
    app.post(
      '/practitioners/:id/motifs',
      {
        schema: {
          tags,
          summary: 'Créer un motif / Create an appointment type',
          params: practitionerParams,
          body: motifCreateBody,
          response: { 201: motifSchema },
        },
      },
      async (request, reply) => reply.status(201).send(await createMotif(db, authorize(request, 'agenda.configure'), request.params.id, request.body)),
    );
    app.patch(
      '/practitioners/:id/motifs/:motifId',
      {
        schema: { tags, summary: 'Modifier un motif / Update an appointment type', params: motifParams, body: motifPatchBody, response: { 200: motifSchema } },
      },
      async (request) => patchMotif(db, authorize(request, 'agenda.configure'), request.params.id, request.params.motifId, request.body),
    );
    app.delete(
      '/practitioners/:id/motifs/:motifId',
      { schema: { tags, summary: 'Archiver un motif / Archive an appointment type', params: motifParams, response: { 204: z.null() } } },
      async (request, reply) => {
        await archiveMotif(db, authorize(request, 'agenda.configure'), request.params.id, request.params.motifId);
        return reply.status(204).send(null);
      },
    );

    // --- opening ranges ---
    app.get(
      '/practitioners/:id/opening-ranges',
      {
        schema: {
          tags,
          summary: "Plages d'ouverture (hebdomadaires et exceptionnelles) / Opening ranges (weekly and exceptional)",
          params: practitionerParams,
          response: { 200: z.array(rangeSchema) },
        },
      },
      async (request) => getRanges(db, authorize(request, 'agenda.read'), request.params.id),
    );
    app.post(
      '/practitioners/:id/opening-ranges',
      { schema: { tags, summary: 'Créer une plage / Create an opening range', params: practitionerParams, body: rangeBody, response: { 201: rangeSchema } } },
      async (request, reply) => reply.status(201).send(await createRange(db, authorize(request, 'agenda.configure'), request.params.id, request.body)),
    );
    app.put(
      '/practitioners/:id/opening-ranges/:rangeId',
      { schema: { tags, summary: 'Remplacer une plage / Replace an opening range', params: rangeParams, body: rangeBody, response: { 200: rangeSchema } } },
      async (request) => updateRange(db, authorize(request, 'agenda.configure'), request.params.id, request.params.rangeId, request.body),
    );
    app.delete(
      '/practitioners/:id/opening-ranges/:rangeId',
      { schema: { tags, summary: 'Supprimer une plage / Delete an opening range', params: rangeParams, response: { 204: z.null() } } },
      async (request, reply) => {
        await removeRange(db, authorize(request, 'agenda.configure'), request.params.id, request.params.rangeId);
        return reply.status(204).send(null);
      },
    );

    // --- settings ---
    app.get(
      '/practitioners/:id/agenda-settings',
      {
        schema: {
          tags,
          summary: "Réglages de l'agenda (pas de grille) / Agenda settings (grid step)",
          params: practitionerParams,
          response: { 200: settingsSchema },
        },
      },
      async (request) => getSettings(db, authorize(request, 'agenda.read'), request.params.id),
    );
    app.put(
      '/practitioners/:id/agenda-settings',
      {
        schema: {
          tags,
          summary: "Modifier les réglages de l'agenda / Update agenda settings",
          params: practitionerParams,
          body: settingsBody,
          response: { 200: settingsSchema },
        },
      },
      async (request) => setSettings(db, authorize(request, 'agenda.configure'), request.params.id, request.body.stepMinutes),
    );

    // --- absences ---
    app.get(
      '/practitioners/:id/absences',
      {
        schema: {
          tags,
          summary: "Absences d'un praticien / A practitioner's absences",
          params: practitionerParams,
          querystring: absencesQuery,
          response: { 200: z.array(absenceSchema) },
        },
      },
      async (request) => getAbsences(db, authorize(request, 'agenda.read'), request.params.id, request.query.from, request.query.to),
    );
    app.get(
      '/practitioners/:id/absences/impact',
      {
        schema: {
          tags,
          summary: 'Rendez-vous que couvrirait une absence / Appointments an absence would cover',
          params: practitionerParams,
          querystring: absenceImpactQuery,
          response: { 200: z.array(appointmentListItem) },
        },
      },
      async (request) => absenceImpact(db, authorize(request, 'appointment.read'), request.params.id, request.query.start, request.query.end),
    );
    app.post(
      '/practitioners/:id/absences',
      {
        schema: {
          tags,
          summary: 'Saisir une absence (et annuler les rendez-vous couverts) / Enter an absence (and cancel the appointments it covers)',
          params: practitionerParams,
          body: absenceBody,
          response: { 201: absenceCreatedSchema },
        },
      },
      async (request, reply) => reply.status(201).send(await createAbsence(db, authorize(request, 'absence.write'), request.params.id, request.body)),
    );
    app.delete(
      '/practitioners/:id/absences/:absenceId',
      { schema: { tags, summary: 'Supprimer une absence / Delete an absence', params: absenceParams, response: { 204: z.null() } } },
      async (request, reply) => {
        await removeAbsence(db, authorize(request, 'absence.write'), request.params.id, request.params.absenceId);
        return reply.status(204).send(null);
      },
    );
  };
}
