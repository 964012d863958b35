/** The shapes /api/deliveries, /api/notify and /api/public/links accept and answer. */
import { z } from 'zod';
import { zInstant } from '../core/input/schemas.ts';

const zId = z.uuid().transform((id) => id.toLowerCase());

export const DELIVERY_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'failed', 'logged'] as const;

export const deliveryListQuery = z.strictObject({
  practiceId: zId.optional(),
  patientId: zId.optional(),
  appointmentId: zId.optional(),
  messageId: zId.optional(),
  status: z.enum(DELIVERY_STATUSES).optional(),
  before: zInstant.optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export type DeliveryListQuery = z.infer<typeof deliveryListQuery>;

export const deliverySchema = z.object({
  id: z.uuid(),
  practiceId: z.uuid(),
  patientId: z.uuid().nullable(),
  appointmentId: z.uuid().nullable(),
  messageId: z.uuid().nullable(),
  recipientKind: z.enum(['patient', 'practitioner', 'contact']),
  channel: z.enum(['email', 'sms']),
  template: z.string(),
  locale: z.enum(['fr', 'en']),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.int(),
  maxAttempts: z.int(),
  lastError: z.string().nullable(),
  transport: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  failedAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
});
export const deliveryDetailSchema = deliverySchema.extend({ address: z.string(), subject: z.string().nullable(), body: z.string().nullable() });
export const deliveryListSchema = z.object({ items: z.array(deliverySchema), hasMore: z.boolean() });
export const deliveryParams = z.strictObject({ id: zId });

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM attendu / HH:MM expected');

export const practiceSettingsBody = z
  .strictObject({
    remindersEnabled: z.boolean(),
    longLeadDays: z.int().min(1).max(60),
    longRemindDays: z.int().min(1).max(14),
    shortRemindDays: z.int().min(1).max(14),
    remindTime: hhmm,
    changeDeadlineMinutes: z.int().min(0).max(20160),
    offerTtlMinutes: z.int().min(5).max(10080),
    locale: z.enum(['fr', 'en']),
  })
  .refine((s) => s.longRemindDays <= s.longLeadDays, { message: 'longRemindDays ≤ longLeadDays', path: ['longRemindDays'] });
export const practiceSettingsSchema = z.object({
  practiceId: z.uuid(),
  remindersEnabled: z.boolean(),
  longLeadDays: z.int(),
  longRemindDays: z.int(),
  shortRemindDays: z.int(),
  remindTime: z.string(),
  changeDeadlineMinutes: z.int(),
  offerTtlMinutes: z.int(),
  locale: z.enum(['fr', 'en']),
});
export const practiceParams = z.strictObject({ practiceId: zId });

export const motifSettingsBody = z.strictObject({
  remindersEnabled: z.boolean(),
  /** A fixed number of days before, instead of the practice's rule. */
  remindDaysBefore: z.int().min(1).max(14).nullable(),
});
export const motifSettingsSchema = z.object({ motifId: z.uuid(), remindersEnabled: z.boolean(), remindDaysBefore: z.int().nullable() });
export const motifParams = z.strictObject({ motifId: zId });

export const patientPrefsBody = z.strictObject({
  remindersOptOut: z.boolean(),
  smsOptOut: z.boolean(),
  emailOptOut: z.boolean(),
  locale: z.enum(['fr', 'en']).nullable(),
});
export const patientPrefsSchema = z.object({
  patientId: z.uuid(),
  remindersOptOut: z.boolean(),
  smsOptOut: z.boolean(),
  emailOptOut: z.boolean(),
  locale: z.enum(['fr', 'en']).nullable(),
});
export const patientParams = z.strictObject({ patientId: zId });

export const reminderSchema = z.object({
  appointmentId: z.uuid(),
  rule: z.enum(['long', 'short', 'immediate', 'motif']),
  dueAt: z.string(),
  status: z.enum(['scheduled', 'sent', 'cancelled', 'skipped']),
  sentAt: z.string().nullable(),
});
export const appointmentParams = z.strictObject({ appointmentId: zId });

// --- public links ------------------------------------------------------------------------------

export const tokenParams = z.strictObject({ token: z.string().min(1).max(400) });

const placeSchema = z.object({
  practiceName: z.string(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  floor: z.string().nullable(),
  digicode: z.string().nullable(),
  parking: z.string().nullable(),
  transport: z.string().nullable(),
  accessNotes: z.string().nullable(),
});

export const appointmentLinkSchema = z.object({
  kind: z.literal('appointment'),
  status: z.enum(['booked', 'honoured', 'cancelled', 'no_show']),
  start: z.string(),
  end: z.string(),
  timeZone: z.string(),
  practitionerName: z.string(),
  place: placeSchema,
  changeDeadline: z.string(),
  canChange: z.boolean(),
  confirmedAt: z.string().nullable(),
});
export const offerLinkSchema = z.object({
  kind: z.literal('offer'),
  status: z.enum(['open', 'taken', 'expired']),
  answer: z.enum(['offered', 'accepted', 'refused', 'declined']),
  start: z.string(),
  end: z.string(),
  expiresAt: z.string(),
  timeZone: z.string(),
  practitionerName: z.string(),
  place: placeSchema,
});
export const offerAnswerSchema = z.object({ outcome: z.enum(['booked', 'declined']), appointmentId: z.uuid().nullable(), start: z.string() });
export const moveLinkBody = z.strictObject({ start: zInstant });
export const emptyBody = z.strictObject({}).nullish();
export const linkSlotsSchema = z.object({ items: z.array(z.object({ start: z.string(), end: z.string() })) });
