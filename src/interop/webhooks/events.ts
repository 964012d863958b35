/** The events a webhook may subscribe to, and the timings deliveries run with. */
export const WEBHOOK_EVENTS = [
  'appointment.created',
  'appointment.moved',
  'appointment.cancelled',
  'appointment.no_show',
  'message.created',
  'message.processed',
  'call.ended',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_QUEUE = 'interop.webhook';

export interface WebhookTuning {
  /** Attempts of one delivery (the first and its retries). */
  attempts: number;
  /** First retry delay; pg-boss doubles it at each attempt (with jitter). */
  retryDelaySeconds: number;
  /** Consecutive failed attempts, across deliveries, after which the subscription is disabled. */
  disableAfter: number;
  timeoutMs: number;
  pollMs: number;
  batch: number;
  pollingIntervalSeconds: number;
}

export const DEFAULT_WEBHOOK_TUNING: WebhookTuning = {
  attempts: 8,
  retryDelaySeconds: 30,
  disableAfter: 20,
  timeoutMs: 10_000,
  pollMs: 1000,
  batch: 100,
  pollingIntervalSeconds: 2,
};

export function webhookQueue(t: WebhookTuning) {
  return {
    name: WEBHOOK_QUEUE,
    retryLimit: t.attempts - 1,
    retryDelay: t.retryDelaySeconds,
    retryBackoff: true,
    retryDelayMax: 3600,
    expireInSeconds: Math.ceil(t.timeoutMs / 1000) + 60,
    deleteAfterSeconds: 7 * 86400,
  };
}

/** The JSON body a receiver gets; ids and instants only (DESIGN invariant 7). */
export function eventBody(e: {
  id: number | string;
  type: string;
  occurredAt: Date;
  organisationId: string;
  practiceId: string | null;
  payload: unknown;
}): string {
  return JSON.stringify({
    id: `evt_${e.id}`,
    type: e.type,
    occurredAt: e.occurredAt.toISOString(),
    organisationId: e.organisationId,
    practiceId: e.practiceId,
    data: e.payload,
  });
}
