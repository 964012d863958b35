/**
 * Deliveries: queued inside the business transaction (row + job together), then sent by a worker in
 * three steps that never hold a transaction across the network: claim and render (one transaction),
 * hand to the transport, record the outcome. A worker that dies after its claim leaves a lease that
 * runs out; the job then runs again and the next worker claims it. A failed attempt goes back to
 * queued and pg-boss retries the job with exponential backoff; the last one marks it failed.
 *
 * Core knows no text: each feature registers a renderer for its templates (notify for patients' notices,
 * messages' notices through notify's staff templates), called at send time with the current data.
 */
import type { Db, Queryable } from '../db/types.ts';
import type { Jobs } from '../jobs/jobs.ts';
import type { Clock } from '../time/clock.ts';
import {
  applyProviderStatus,
  claimDelivery,
  insertDelivery,
  isHeld,
  markAttemptFailed,
  markObsolete,
  markSent,
  storeRendered,
  type ClaimedDelivery,
  type NewDelivery,
  type ProviderStatus,
} from './deliveries-repo.ts';
import { DELIVERY_QUEUE, type Tuning } from './queues.ts';
import { PermanentFailure, type Transports } from './transports/types.ts';

export type { Channel, ClaimedDelivery, DeliveryDetailDto, DeliveryDto, DeliveryFilter, DeliveryStatus } from './deliveries-repo.ts';
export { findDelivery, listDeliveries } from './deliveries-repo.ts';

export type DeliveryRequest = Omit<NewDelivery, 'maxAttempts'>;

/** Inserts the delivery (once per dedupe key) and its job, in the caller's transaction. */
export async function queueDelivery(tx: Queryable, deps: { jobs: Jobs; tuning: Pick<Tuning, 'deliveryAttempts'> }, d: DeliveryRequest): Promise<string | null> {
  const id = await insertDelivery(tx, { ...d, maxAttempts: deps.tuning.deliveryAttempts });
  if (id) await deps.jobs.send(tx, DELIVERY_QUEUE, { deliveryId: id }, { retryLimit: deps.tuning.deliveryAttempts - 1 });
  return id;
}

/** What a renderer needs besides the database: the link key and base URL, and the time. */
export interface RenderDeps {
  secret: string;
  baseUrl: string;
  now: number;
}

export type RenderOutcome = { subject: string | null; body: string } | { obsolete: string };

/** Renders one claimed delivery from the current data, inside the claim's transaction. */
export type DeliveryRenderer = (q: Queryable, d: ClaimedDelivery, deps: RenderDeps) => Promise<RenderOutcome>;

export interface SendDeps {
  transports: Transports;
  secret: string;
  baseUrl: string;
  tuning: Pick<Tuning, 'deliveryExpireSeconds' | 'retryDelaySeconds'>;
  clock: Clock;
  /** By template name. */
  renderers: ReadonlyMap<string, DeliveryRenderer>;
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
  const now = deps.clock.nowMs();
  const names = { email: deps.transports.email.name, sms: deps.transports.sms.name };
  const prepared = await db.transaction(async (tx) => {
    const claimed = await claimDelivery(tx, deliveryId, { leaseSeconds: deps.tuning.deliveryExpireSeconds, transports: names });
    if (!claimed) {
      // Its job expired while a worker still holds the lease (that worker died, or is slow): try again after the lease.
      if (await isHeld(tx, deliveryId)) throw new DeliveryHeld(deliveryId);
      return undefined;
    }
    const render = deps.renderers.get(claimed.template);
    const rendered = render ? await render(tx, claimed, { secret: deps.secret, baseUrl: deps.baseUrl, now }) : { obsolete: 'no_renderer' };
    if ('obsolete' in rendered) {
      await markObsolete(tx, deliveryId, `obsolete: ${rendered.obsolete}`);
      return { claimed, rendered: undefined };
    }
    await storeRendered(tx, deliveryId, rendered);
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
    const retryAt = final ? null : new Date(deps.clock.nowMs() + deps.tuning.retryDelaySeconds * 1000 * 2 ** (claimed.attempts - 1));
    await markAttemptFailed(db, deliveryId, { error: error instanceof Error ? error.message : String(error), final, retryAt });
    if (final) return 'failed';
    throw error;
  }
}

/** A provider's delivery report (Twilio status callback). */
export async function recordProviderStatus(db: Db, report: ProviderStatus): Promise<boolean> {
  return applyProviderStatus(db, report);
}
