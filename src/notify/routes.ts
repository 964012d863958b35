/** /api/deliveries and /api/notify: what was sent, and the settings of notifications. Thin. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../core/config.ts';
import type { Db } from '../core/db/types.ts';
import { authorize } from '../core/auth/guard.ts';
import * as service from './service.ts';
import { publicNotifyRoutes } from './public-routes.ts';
import {
  appointmentParams,
  deliveryDetailSchema,
  deliveryListQuery,
  deliveryListSchema,
  deliveryParams,
  motifParams,
  motifSettingsBody,
  motifSettingsSchema,
  patientParams,
  patientPrefsBody,
  patientPrefsSchema,
  practiceParams,
  practiceSettingsBody,
  practiceSettingsSchema,
  reminderSchema,
} from './schemas.ts';

const tags = ['notifications'];

export function notifyRoutes(db: Db, config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(publicNotifyRoutes(db, config));
    app.get(
      '/deliveries',
      {
        schema: {
          tags,
          summary: 'E-mails et SMS envoyés, avec leur statut / Emails and SMS sent, with their status',
          description: 'Statuts : queued, sending, sent, delivered (accusé du fournisseur SMS), failed (après la dernière tentative).',
          querystring: deliveryListQuery,
          response: { 200: deliveryListSchema },
        },
      },
      async (request) => service.getDeliveries(db, authorize(request, 'delivery.read'), request.query),
    );

    app.get(
      '/deliveries/:id',
      {
        schema: {
          tags,
          summary: 'Un envoi, son destinataire et son texte / One delivery, its recipient and text',
          params: deliveryParams,
          response: { 200: deliveryDetailSchema },
        },
      },
      async (request) => service.getDelivery(db, authorize(request, 'delivery.read'), request.params.id),
    );

    app.get(
      '/notify/settings/:practiceId',
      {
        schema: {
          tags,
          summary: "Rappels, délai d'annulation, offres : réglages du cabinet / The practice's notification settings",
          params: practiceParams,
          response: { 200: practiceSettingsSchema },
        },
      },
      async (request) => service.getNotifySettings(db, authorize(request, 'practice.read'), request.params.practiceId),
    );

    app.put(
      '/notify/settings/:practiceId',
      {
        schema: {
          tags,
          summary: 'Régler les notifications du cabinet / Set the practice’s notifications',
          params: practiceParams,
          body: practiceSettingsBody,
          response: { 200: practiceSettingsSchema },
        },
      },
      async (request) => service.setNotifySettings(db, authorize(request, 'notify.configure'), request.params.practiceId, request.body),
    );

    app.get(
      '/notify/motifs/:motifId',
      { schema: { tags, summary: "Rappels d'un motif / A motif's reminders", params: motifParams, response: { 200: motifSettingsSchema } } },
      async (request) => service.getMotifNotifySettings(db, authorize(request, 'agenda.read'), request.params.motifId),
    );

    app.put(
      '/notify/motifs/:motifId',
      {
        schema: {
          tags,
          summary: "Régler les rappels d'un motif / Set a motif's reminders",
          params: motifParams,
          body: motifSettingsBody,
          response: { 200: motifSettingsSchema },
        },
      },
      async (request) => service.setMotifSettings(db, authorize(request, 'notify.configure'), request.params.motifId, request.body),
    );

    app.get(
      '/notify/patients/:patientId/preferences',
      {
        schema: {
          tags,
          summary: 'Préférences de notification du patient / The patient’s notification preferences',
          params: patientParams,
          response: { 200: patientPrefsSchema },
        },
      },
      async (request) => service.getPatientNotifyPrefs(db, authorize(request, 'patient.read'), request.params.patientId),
    );

    app.put(
      '/notify/patients/:patientId/preferences',
      {
        schema: {
          tags,
          summary: 'Désinscription des rappels, des SMS, des e-mails / Opt out of reminders, SMS, emails',
          params: patientParams,
          body: patientPrefsBody,
          response: { 200: patientPrefsSchema },
        },
      },
      async (request) => service.setPatientNotifyPrefs(db, authorize(request, 'patient.write'), request.params.patientId, request.body),
    );

    app.get(
      '/notify/appointments/:appointmentId/reminders',
      {
        schema: {
          tags,
          summary: "Rappels prévus d'un rendez-vous / An appointment's reminders",
          params: appointmentParams,
          response: { 200: z.object({ items: z.array(reminderSchema) }) },
        },
      },
      async (request) => ({ items: await service.getReminders(db, authorize(request, 'appointment.read'), request.params.appointmentId) }),
    );
  };
}
