/**
 * Deliveries: queued inside the business transaction (row + job together), then sent by a worker in
 * three steps that never hold a transaction across the network: claim and render (one transaction),
 * hand to the transport, record the outcome. A worker that dies after its claim leaves a lease that
 * runs out; the job then runs again and the next worker claims it. A failed attempt goes back to
 * queued and pg-boss retries the job with exponential backoff; the last one marks it failed.
 */
import type { Db, Queryable } from '../core/db/types.ts';
import type { Jobs } from '../core/jobs/jobs.ts';
import type { Locale } from './format.ts';
import { claimDelivery, insertDelivery, isHeld, markAttemptFailed, markObsolete, markSent, storeRendered, type Channel, type NewDelivery } from './deliveries-repo.ts';
import { renderDelivery } from './render-service.ts';
import { QUEUE, type Tuning } from './queues.ts';
import { PermanentFailure, type Transports } from './transports/types.ts';

export type DeliveryRequest = Omit<NewDelivery, 'maxAttempts'>;

/** Inserts the delivery (once per dedupe key) and its job, in the caller's transaction. */
export async function queueDelivery(tx: Queryable, jobs: Jobs, d: DeliveryRequest, tuning: Pick<Tuning, 'deliveryAttempts'>): Promise<string | null> {
  const id = await insertDelivery(tx, { ...d, maxAttempts: tuning.deliveryAttempts });
  if (id) await jobs.send(tx, QUEUE.delivery, { deliveryId: id }, { retryLimit: tuning.deliveryAttempts - 1 });
  return id;
}

/** The channels a patient can be reached on, minus those he opted out of. */
export function patientChannels(p: {
  mobilePhone: string | null;
  email: string | null;
  smsOptOut: boolean;
  emailOptOut: boolean;
}): { channel: Channel; address: string }[] {
  const out: { channel: Channel; address: string }[] = [];
  if (p.mobilePhone && !p.smsOptOut) out.push({ channel: 'sms', address: p.mobilePhone });
  if (p.email && !p.emailOptOut) out.push({ channel: 'email', address: p.email });
  return out;
}

export function localeOf(patientLocale: Locale | null, practiceLocale: Locale): Locale {
  return patientLocale ?? practiceLocale;
}

export interface SendDeps {
  transports: Transports;
  secret: string;
  baseUrl: string;
  tuning: Pick<Tuning, 'deliveryExpireSeconds' | 'retryDelaySeconds'>;
  now?: () => number;
}

/** Thrown so that pg-boss retries the job once the current holder's lease has run out. */
export class DeliveryHeld extends Error {
  constructor(readonly deliveryId: string) {
    super(`delivery ${deliveryId} is held by another worker`);
    this.name = 'DeliveryHeld';
  }
}

export type DeliveryOutcome = 'sent' | 'skipped' | 'obsolete' | 'retry' | 'failed';

export async function runDelivery(db: Db, deps: SendDeps, deliveryId: string): Promise<DeliveryOutcome> {
  const now = deps.now?.() ?? Date.now();
  const names = { email: deps.transports.email.name, sms: deps.transports.sms.name };
  const prepared = await db.transaction(async (tx) => {
    const claimed = await claimDelivery(tx, deliveryId, deps.tuning.deliveryExpireSeconds, names);
    if (!claimed) {
      // Its job expired while a worker still holds the lease (that worker died, or is slow): try again after the lease.
      if (await isHeld(tx, deliveryId)) throw new DeliveryHeld(deliveryId);
      return undefined;
    }
    const rendered = await renderDelivery(tx, claimed, { secret: deps.secret, baseUrl: deps.baseUrl, now });
    if ('obsolete' in rendered) {
      await markObsolete(tx, deliveryId, `obsolete: ${rendered.obsolete}`);
      return { claimed, rendered: undefined };
    }
    await storeRendered(tx, deliveryId, rendered.subject, rendered.body);
    return { claimed, rendered };
  });
  if (!prepared) return 'skipped';
  const { claimed, rendered } = prepared;
  if (!rendered) return 'obsolete';
  try {
    const result =
      claimed.channel === 'sms'
        ? await deps.transports.sms.send({ to: claimed.address, body: rendered.body, reference: claimed.id })
        : await deps.transports.email.send({ to: claimed.address, subject: rendered.subject ?? '', text: rendered.body, reference: claimed.id });
    await markSent(db, deliveryId, result.providerId, result.logged ? 'logged' : 'sent');
    return 'sent';
  } catch (error) {
    const final = error instanceof PermanentFailure || claimed.attempts >= claimed.maxAttempts;
    const retryAt = final ? null : new Date(Date.now() + deps.tuning.retryDelaySeconds * 1000 * 2 ** (claimed.attempts - 1));
    await markAttemptFailed(db, deliveryId, error instanceof Error ? error.message : String(error), final, retryAt);
    if (final) return 'failed';
    throw error;
  }
}
