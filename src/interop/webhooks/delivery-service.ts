/**
 * Webhook deliveries: events are fanned out to deliveries (rows and jobs in one transaction), and each
 * job POSTs its signed body without holding a transaction across the network, then records the attempt.
 * A failed attempt throws so that pg-boss retries with exponential backoff; repeated failures disable
 * the subscription and the organisation's admins get an e-mail.
 */
import type { Db } from '../../core/db/types.ts';
import type { Jobs } from '../../core/jobs/jobs.ts';
import type { Clock } from '../../core/time/clock.ts';
import { WEBHOOK_QUEUE, type WebhookTuning } from './events.ts';
import { deliveryToSend, disabledNotice, fanOut, markSkipped, recordAttempt } from './deliveries-repo.ts';
import { DELIVERY_ID_HEADER, EVENT_ID_HEADER, SIGNATURE_HEADER, signatureHeader } from './signature.ts';

export interface AdminEmail {
  to: string;
  subject: string;
  text: string;
  reference: string;
}

export interface DeliveryDeps {
  jobs: Jobs;
  clock: Clock;
  tuning: WebhookTuning;
  sendEmail(mail: AdminEmail): Promise<void>;
  log: { warn(fields: Record<string, unknown>, message: string): void; error(fields: Record<string, unknown>, message: string): void };
}

/** Fans one batch of pending events out; answers how many events it took. */
export async function dispatchPending(db: Db, deps: Pick<DeliveryDeps, 'jobs' | 'tuning'>): Promise<number> {
  return db.transaction(async (tx) => {
    const { events, deliveryIds } = await fanOut(tx, deps.tuning.batch);
    for (const id of deliveryIds) await deps.jobs.send(tx, WEBHOOK_QUEUE, { deliveryId: id });
    return events;
  });
}

/** Thrown to make pg-boss retry the job later. */
export class AttemptFailed extends Error {
  constructor(
    readonly deliveryId: string,
    reason: string,
  ) {
    super(`webhook delivery ${deliveryId} failed: ${reason}`);
    this.name = 'AttemptFailed';
  }
}

async function post(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<{ statusCode: number | null; error: string | null }> {
  try {
    const res = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel().catch(() => undefined);
    return { statusCode: res.status, error: res.ok ? null : `HTTP ${res.status}` };
  } catch (error) {
    const e = error as Error & { cause?: { code?: string } };
    return { statusCode: null, error: (e.name === 'TimeoutError' ? 'timeout' : (e.cause?.code ?? e.message)).slice(0, 200) };
  }
}

/** Runs one delivery attempt (the job's handler). */
export async function attemptDelivery(db: Db, deps: DeliveryDeps, deliveryId: string): Promise<'delivered' | 'skipped' | 'failed'> {
  const d = await deliveryToSend(db, deliveryId);
  if (!d || d.status !== 'pending') return 'skipped';
  if (!d.subscriptionActive) {
    await markSkipped(db, d.id);
    return 'skipped';
  }
  const started = deps.clock.nowMs();
  const timestamp = Math.floor(started / 1000);
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'Relais-Webhooks/1',
    [EVENT_ID_HEADER]: `evt_${d.eventId}`,
    [DELIVERY_ID_HEADER]: d.id,
    [SIGNATURE_HEADER]: signatureHeader(d.secret, timestamp, d.body),
  };
  const result = await post(d.url, headers, d.body, deps.tuning.timeoutMs);
  const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
  const final = !ok && d.attempts + 1 >= deps.tuning.attempts;
  const disabled = await db.transaction((tx) =>
    recordAttempt(tx, {
      deliveryId: d.id,
      subscriptionId: d.subscriptionId,
      ok,
      statusCode: result.statusCode,
      error: result.error,
      durationMs: Math.max(0, deps.clock.nowMs() - started),
      final,
      disableAfter: deps.tuning.disableAfter,
      at: deps.clock.now(),
    }),
  );
  if (disabled) await tellAdmins(db, deps, d.subscriptionId);
  if (ok) return 'delivered';
  if (final || disabled) return 'failed';
  throw new AttemptFailed(d.id, result.error ?? 'error');
}

async function tellAdmins(db: Db, deps: DeliveryDeps, subscriptionId: string): Promise<void> {
  const notice = await disabledNotice(db, subscriptionId);
  if (!notice) return;
  deps.log.warn({ subscriptionId }, 'webhook subscription disabled after repeated failures');
  for (const to of notice.emails) {
    try {
      await deps.sendEmail({
        to,
        subject: 'Relais : webhook désactivé / webhook disabled',
        text:
          `Le webhook ${notice.url} a échoué ${deps.tuning.disableAfter} fois de suite : il est désactivé. ` +
          `Corrigez le récepteur puis réactivez-le dans Relais (Administration › Webhooks) ; le journal des livraisons permet de rejouer les événements manqués.\n\n` +
          `The webhook ${notice.url} failed ${deps.tuning.disableAfter} times in a row: it is disabled. ` +
          `Fix the receiver, then re-enable it in Relais (Administration › Webhooks); the delivery log lets you replay the missed events.\n`,
        reference: `webhook-disabled-${subscriptionId}`,
      });
    } catch (error) {
      deps.log.error({ subscriptionId, err: error }, 'webhook disabled notice not sent');
    }
  }
}
