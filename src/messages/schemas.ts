/** The shapes /api/messages accepts and answers. */
import { z } from 'zod';
import { zInstant, zLocalDate } from '../core/input/schemas.ts';
import { zE164, zPhoneE164 } from '../core/identifiers.ts';

const zId = z.uuid().transform((id) => id.toLowerCase());

export const MESSAGE_TYPES = ['urgent', 'task', 'dated_task', 'home_visit', 'information'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];
export const MESSAGE_STATUSES = ['new', 'read', 'processed'] as const;

export const createMessageBody = z
  .strictObject({
    practiceId: zId,
    practitionerId: zId,
    type: z.enum(MESSAGE_TYPES),
    patientId: zId.optional(),
    callbackNumber: zPhoneE164.optional(),
    body: z.string().trim().min(1).max(4000),
    /** Dated task: the day it is due (local date of the practice). */
    dueDate: zLocalDate.optional(),
  })
  .refine((b) => (b.type === 'dated_task') === (b.dueDate !== undefined), {
    message: 'dueDate est requis pour une tâche datée, et seulement pour elle / dueDate is required for a dated task, and only for it',
    path: ['dueDate'],
  });
export type CreateMessageInput = z.infer<typeof createMessageBody>;

export const messageParams = z.strictObject({ id: zId });

export const listMessagesQuery = z.strictObject({
  practitionerId: zId.optional(),
  practiceId: zId.optional(),
  patientId: zId.optional(),
  status: z.enum(MESSAGE_STATUSES).optional(),
  type: z.enum(MESSAGE_TYPES).optional(),
  /** Older than this instant (the createdAt of the last item of the previous page). */
  before: zInstant.optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export type ListMessagesQuery = z.infer<typeof listMessagesQuery>;

export const messageSchema = z.object({
  id: z.uuid(),
  practiceId: z.uuid(),
  practitionerId: z.uuid(),
  type: z.enum(MESSAGE_TYPES),
  patientId: z.uuid().nullable(),
  patientName: z.string().nullable(),
  callbackNumber: zE164.nullable(),
  body: z.string(),
  dueDate: z.string().nullable(),
  status: z.enum(MESSAGE_STATUSES),
  createdBy: z.uuid(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
  readBy: z.uuid().nullable(),
  processedAt: z.string().nullable(),
  processedBy: z.uuid().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.uuid().nullable(),
  escalationStep: z.int(),
});
export type MessageDto = z.infer<typeof messageSchema>;

export const messageEventSchema = z.object({
  id: z.int(),
  at: z.string(),
  kind: z.string(),
  actorUserId: z.uuid().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type MessageEventDto = z.infer<typeof messageEventSchema>;

export const TASK_STATUSES = ['open', 'done'] as const;

export const taskSchema = z.object({
  id: z.uuid(),
  practiceId: z.uuid(),
  messageId: z.uuid(),
  answer: z.string(),
  assignedTo: z.uuid().nullable(),
  status: z.enum(TASK_STATUSES),
  createdBy: z.uuid(),
  createdAt: z.string(),
  doneAt: z.string().nullable(),
  doneBy: z.uuid().nullable(),
  doneNote: z.string().nullable(),
});
export type TaskDto = z.infer<typeof taskSchema>;

export const messageDetailSchema = messageSchema.extend({
  events: z.array(messageEventSchema),
  tasks: z.array(taskSchema),
});
export type MessageDetailDto = z.infer<typeof messageDetailSchema>;

export const messageListSchema = z.object({ items: z.array(messageSchema), hasMore: z.boolean() });

export const answerBody = z.strictObject({ text: z.string().trim().min(1).max(2000) });

export const taskListQuery = z.strictObject({
  practiceId: zId.optional(),
  status: z.enum(TASK_STATUSES).optional(),
  /** Only the tasks assigned to the caller. */
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export const taskListSchema = z.object({ items: z.array(taskSchema.extend({ message: messageSchema })) });
export const taskParams = z.strictObject({ taskId: zId });
export const taskDoneBody = z.strictObject({ note: z.string().trim().max(2000).optional() });

export const templateBody = z.strictObject({
  practiceId: zId,
  type: z.enum(MESSAGE_TYPES),
  label: z.string().trim().min(1).max(80),
  body: z.string().trim().min(1).max(2000),
  position: z.int().min(0).max(1000).optional(),
});
export const templateSchema = z.object({
  id: z.uuid(),
  practiceId: z.uuid(),
  type: z.enum(MESSAGE_TYPES),
  label: z.string(),
  body: z.string(),
  position: z.int(),
});
export type TemplateDto = z.infer<typeof templateSchema>;
export const templateListQuery = z.strictObject({ practiceId: zId });
export const templateParams = z.strictObject({ templateId: zId });

export const practiceParams = z.strictObject({ practiceId: zId });
export const contactSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  channel: z.enum(['email', 'sms']),
  address: z.string(),
});
export const settingsSchema = z.object({
  practiceId: z.uuid(),
  urgentAckSeconds: z.int(),
  renotifyCount: z.int(),
  escalationContacts: z.array(contactSchema),
});
export type MessageSettingsDto = z.infer<typeof settingsSchema>;

const zContact = z.discriminatedUnion('channel', [
  z.strictObject({ name: z.string().trim().min(1).max(120), channel: z.literal('sms'), address: zPhoneE164 }),
  z.strictObject({ name: z.string().trim().min(1).max(120), channel: z.literal('email'), address: z.string().trim().toLowerCase().pipe(z.email().max(254)) }),
]);
export const settingsBody = z.strictObject({
  /** How long an urgent message may wait unacknowledged before the next escalation step. */
  urgentAckSeconds: z.int().min(1).max(86400),
  /** Times the practitioner is notified again before the escalation list. */
  renotifyCount: z.int().min(0).max(5),
  /** In order: who to alert next. */
  escalationContacts: z.array(zContact).max(10),
});
export type MessageSettingsInput = z.infer<typeof settingsBody>;

export const practitionerParams = z.strictObject({ practitionerId: zId });
export const prefsSchema = z.object({
  practitionerId: z.uuid(),
  inApp: z.literal(true),
  email: z.boolean(),
  sms: z.boolean(),
  emailAddress: z.string().nullable(),
  mobilePhone: zE164.nullable(),
  locale: z.enum(['fr', 'en']),
});
export type PrefsDto = z.infer<typeof prefsSchema>;
export const prefsBody = z
  .strictObject({
    email: z.boolean(),
    sms: z.boolean(),
    /** Defaults to the practitioner's sign-in email. */
    emailAddress: z.string().trim().toLowerCase().pipe(z.email().max(254)).nullable().optional(),
    mobilePhone: zPhoneE164.nullable().optional(),
    locale: z.enum(['fr', 'en']).optional(),
  })
  .refine((b) => !b.sms || !!b.mobilePhone, {
    message: 'Un numéro de mobile est requis pour les SMS / a mobile number is required for SMS',
    path: ['mobilePhone'],
  });
export type PrefsInput = z.infer<typeof prefsBody>;

export const messageLinkSchema = z.object({
  kind: z.literal('message'),
  messageType: z.enum(MESSAGE_TYPES),
  practitionerName: z.string(),
  createdAt: z.string(),
  acknowledgedAt: z.string().nullable(),
});
export type MessageLinkDto = z.infer<typeof messageLinkSchema>;
