/** /api/messages: messages to practitioners, their inbox, answers and tasks, templates and settings. Thin. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../core/config.ts';
import type { Db } from '../core/db/types.ts';
import { authorize } from '../core/auth/guard.ts';
import { producerFor, stopProducer } from '../core/jobs/jobs.ts';
import { DEFAULT_TUNING } from '../core/delivery/queues.ts';
import { messageProducerQueues } from './queues.ts';
import * as service from './service.ts';
import * as settings from './settings-service.ts';
import {
  answerBody,
  createMessageBody,
  listMessagesQuery,
  messageDetailSchema,
  messageListSchema,
  messageParams,
  messageSchema,
  practiceParams,
  practitionerParams,
  prefsBody,
  prefsSchema,
  settingsBody,
  settingsSchema,
  taskDoneBody,
  taskListQuery,
  taskListSchema,
  taskParams,
  taskSchema,
  templateBody,
  templateListQuery,
  templateParams,
  templateSchema,
} from './schemas.ts';

const tags = ['messages'];

export function messageRoutes(db: Db, _config: Config): FastifyPluginAsyncZod {
  const deps: service.MessagesDeps = { jobs: () => producerFor(db, messageProducerQueues(DEFAULT_TUNING)), tuning: DEFAULT_TUNING };
  return async (app) => {
    app.addHook('onClose', async () => stopProducer(db));

    app.post(
      '/messages',
      {
        schema: {
          tags,
          summary: 'Laisser un message au praticien / Leave a message for the practitioner',
          description:
            'Types : urgent, task, dated_task (dueDate), home_visit, information. Un message urgent non acquitté dans le délai du cabinet est escaladé.',
          body: createMessageBody,
          response: { 201: messageSchema },
        },
      },
      async (request, reply) => reply.status(201).send(await service.createMessage(db, deps, authorize(request, 'message.write'), request.body)),
    );

    app.get(
      '/messages',
      {
        schema: {
          tags,
          summary: 'Messages (boîte du praticien : les siens seulement) / Messages (a practitioner sees his own only)',
          querystring: listMessagesQuery,
          response: { 200: messageListSchema },
        },
      },
      async (request) => service.listInbox(db, authorize(request, 'message.read'), request.query),
    );

    app.get(
      '/messages/tasks',
      {
        schema: {
          tags,
          summary: 'Tâches issues des réponses des praticiens / Tasks from practitioners’ answers',
          querystring: taskListQuery,
          response: { 200: taskListSchema },
        },
      },
      async (request) => service.listTasksFor(db, authorize(request, 'message.read'), request.query),
    );

    app.post(
      '/messages/tasks/:taskId/done',
      {
        schema: {
          tags,
          summary: 'Tâche faite : la boucle est fermée / Task done: the loop is closed',
          params: taskParams,
          body: taskDoneBody,
          response: { 200: taskSchema },
        },
      },
      async (request) => service.completeTask(db, authorize(request, 'message.write'), request.params.taskId, request.body.note),
    );

    app.get(
      '/messages/templates',
      {
        schema: {
          tags,
          summary: 'Modèles de messages du cabinet / The practice’s message templates',
          querystring: templateListQuery,
          response: { 200: z.object({ items: z.array(templateSchema) }) },
        },
      },
      async (request) => settings.getTemplates(db, authorize(request, 'message.read'), request.query.practiceId),
    );

    app.post(
      '/messages/templates',
      { schema: { tags, summary: 'Ajouter un modèle / Add a template', body: templateBody, response: { 201: templateSchema } } },
      async (request, reply) => reply.status(201).send(await settings.addTemplate(db, authorize(request, 'message.configure'), request.body)),
    );

    app.delete(
      '/messages/templates/:templateId',
      { schema: { tags, summary: 'Supprimer un modèle / Delete a template', params: templateParams, response: { 204: z.null() } } },
      async (request, reply) => {
        await settings.removeTemplate(db, authorize(request, 'message.configure'), request.params.templateId);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/messages/settings/:practiceId',
      {
        schema: {
          tags,
          summary: "Délai d'acquittement et liste d'escalade / Acknowledgement delay and escalation list",
          params: practiceParams,
          response: { 200: settingsSchema },
        },
      },
      async (request) => settings.getMessageSettings(db, authorize(request, 'message.read'), request.params.practiceId),
    );

    app.put(
      '/messages/settings/:practiceId',
      {
        schema: {
          tags,
          summary: "Régler l'escalade des messages urgents / Set the escalation of urgent messages",
          params: practiceParams,
          body: settingsBody,
          response: { 200: settingsSchema },
        },
      },
      async (request) => settings.setMessageSettings(db, authorize(request, 'message.configure'), request.params.practiceId, request.body),
    );

    app.get(
      '/messages/preferences/:practitionerId',
      {
        schema: {
          tags,
          summary: 'Canaux de réception du praticien / The practitioner’s delivery channels',
          params: practitionerParams,
          response: { 200: prefsSchema },
        },
      },
      async (request) => settings.getPrefs(db, authorize(request, 'message.preferences'), request.params.practitionerId),
    );

    app.put(
      '/messages/preferences/:practitionerId',
      {
        schema: {
          tags,
          summary: 'Choisir ses canaux : Relais toujours, e-mail, SMS / Choose channels: Relais always, email, SMS',
          params: practitionerParams,
          body: prefsBody,
          response: { 200: prefsSchema },
        },
      },
      async (request) => settings.setPrefs(db, authorize(request, 'message.preferences'), request.params.practitionerId, request.body),
    );

    app.get(
      '/messages/:id',
      {
        schema: {
          tags,
          summary: 'Un message, son historique et ses tâches / One message, its history and tasks',
          params: messageParams,
          response: { 200: messageDetailSchema },
        },
      },
      async (request) => service.getMessage(db, authorize(request, 'message.read'), request.params.id),
    );

    app.post(
      '/messages/:id/read',
      { schema: { tags, summary: 'Marquer lu / Mark read', params: messageParams, response: { 200: messageDetailSchema } } },
      async (request) => service.readMessage(db, authorize(request, 'message.process'), request.params.id),
    );

    app.post(
      '/messages/:id/acknowledge',
      {
        schema: {
          tags,
          summary: "Accuser réception (arrête l'escalade) / Acknowledge (stops the escalation)",
          params: messageParams,
          response: { 200: messageDetailSchema },
        },
      },
      async (request) => service.acknowledgeMessage(db, authorize(request, 'message.acknowledge'), request.params.id),
    );

    app.post(
      '/messages/:id/process',
      { schema: { tags, summary: 'Marquer traité / Mark processed', params: messageParams, response: { 200: messageDetailSchema } } },
      async (request) => service.processMessage(db, authorize(request, 'message.process'), request.params.id),
    );

    app.post(
      '/messages/:id/answer',
      {
        schema: {
          tags,
          summary: 'Répondre : une tâche pour le secrétariat / Answer: a task for the secretariat',
          description: 'Ex. « rappeler le patient : RDV demain 9h ». La tâche va au prochain agent disponible du cabinet.',
          params: messageParams,
          body: answerBody,
          response: { 200: messageDetailSchema },
        },
      },
      async (request) => service.answerMessage(db, authorize(request, 'message.answer'), request.params.id, request.body.text),
    );
  };
}
