/** The shapes the calls API accepts and answers. */
import { z } from 'zod';
import { zInstant as zInstantIn } from '../core/input/schemas.ts';
import { zE164, zPhoneE164 } from '../core/identifiers.ts';
import { AGENT_STATUSES, CALL_OUTCOMES, CALL_STATUSES, SYSTEM_STATES } from './events.ts';

const zId = z.uuid().transform((id) => id.toLowerCase());
const zInstant = z.string().meta({ description: 'ISO 8601 instant', examples: ['2026-03-02T08:15:00.000Z'] });

export const zCallIdParams = z.object({ id: zId });
export const zPracticeIdParams = z.object({ practiceId: zId });

export const zStatusInput = z.strictObject({ status: z.enum(AGENT_STATUSES) });

export const zAgent = z.object({
  id: z.string(),
  displayName: z.string(),
  status: z.enum(AGENT_STATUSES),
  statusReason: z.enum(['ring_no_answer']).nullable(),
  statusSince: zInstant,
  systemState: z.enum(SYSTEM_STATES),
  systemSince: zInstant,
  callId: z.string().nullable(),
  practiceId: z.string().nullable(),
  idleSince: zInstant,
});
export const zAgentList = z.object({ items: z.array(zAgent) });

export const zCall = z.object({
  id: z.string(),
  practiceId: z.string(),
  status: z.enum(CALL_STATUSES),
  urgent: z.boolean(),
  calledNumber: zE164,
  callerNumber: zE164.nullable(),
  agentId: z.string().nullable(),
  receivedAt: zInstant,
  enqueuedAt: zInstant.nullable(),
  offeredAt: zInstant.nullable(),
  answeredAt: zInstant.nullable(),
  endedAt: zInstant.nullable(),
  wrapUpUntil: zInstant.nullable(),
  attempts: z.number().int(),
  overflowTarget: z.enum(['voicemail', 'callback']).nullable(),
  outcome: z.enum(CALL_OUTCOMES).nullable(),
  outcomeNote: z.string().nullable(),
  outcomeAt: zInstant.nullable(),
  patientId: z.string().nullable(),
  appointmentId: z.string().nullable(),
  messageId: z.string().nullable(),
});

export const zCallLog = z.object({
  items: z.array(zCall.extend({ agentName: z.string().nullable(), patientName: z.string().nullable() })),
  hasMore: z.boolean(),
});

export const zCallSearch = z
  .strictObject({
    practiceId: zId.optional(),
    from: zInstantIn.optional(),
    to: zInstantIn.optional(),
    q: z.string().trim().max(100).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
  })
  .refine((v) => !v.from || !v.to || Date.parse(v.from) < Date.parse(v.to), { path: ['to'], message: 'La fin doit suivre le début / to must be after from' });

export const zOutcomeInput = z.strictObject({
  outcome: z.enum(CALL_OUTCOMES),
  note: z.string().trim().max(2000).nullish(),
  patientId: zId.nullish(),
  appointmentId: zId.nullish(),
  messageId: zId.nullish(),
});

export const zTransferInput = z.strictObject({ toNumber: zPhoneE164 });

const seconds = (max: number) => z.number().int().min(0).max(max);

export const zQueueConfigInput = z
  .strictObject({
    dedicatedAfterSeconds: seconds(3600),
    trainedAfterSeconds: seconds(3600),
    poolAfterSeconds: seconds(3600),
    maxWaitSeconds: seconds(3600).min(1),
    maxQueueLength: z.number().int().min(1).max(1000),
    overflowTarget: z.enum(['voicemail', 'callback']),
    wrapUpSeconds: seconds(3600),
    ringTimeoutSeconds: seconds(300).min(1),
    voicemailWhenClosed: z.boolean(),
    openOnPublicHolidays: z.boolean(),
  })
  .superRefine((v, ctx) => {
    if (v.trainedAfterSeconds < v.dedicatedAfterSeconds) {
      ctx.addIssue({
        code: 'custom',
        path: ['trainedAfterSeconds'],
        message: 'Doit suivre le délai du secrétaire dédié / must not precede the dedicated tier',
      });
    }
    if (v.poolAfterSeconds < v.trainedAfterSeconds) {
      ctx.addIssue({ code: 'custom', path: ['poolAfterSeconds'], message: 'Doit suivre le délai des agents formés / must not precede the trained tier' });
    }
  });

export const zQueueConfig = z.object({
  practiceId: z.string(),
  dedicatedAfterSeconds: z.number().int(),
  trainedAfterSeconds: z.number().int(),
  poolAfterSeconds: z.number().int(),
  maxWaitSeconds: z.number().int(),
  maxQueueLength: z.number().int(),
  overflowTarget: z.enum(['voicemail', 'callback']),
  wrapUpSeconds: z.number().int(),
  ringTimeoutSeconds: z.number().int(),
  voicemailWhenClosed: z.boolean(),
  openOnPublicHolidays: z.boolean(),
});

export const zQueueState = z.object({
  practiceId: z.string(),
  waiting: z.number().int(),
  urgentWaiting: z.number().int(),
  oldestEnqueuedAt: zInstant.nullable(),
  ringing: z.number().int(),
  connected: z.number().int(),
});
export const zQueueStateList = z.object({ items: z.array(zQueueState) });

export type CallOut = z.infer<typeof zCall>;
export type OutcomeInput = z.input<typeof zOutcomeInput>;
