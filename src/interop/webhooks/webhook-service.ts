/** The admin's webhook use cases: subscriptions, their delivery log, replays. Scope from the session. */
import { randomBytes } from 'node:crypto';
import type { RequestContext } from '../../core/auth/actor.ts';
import type { Db } from '../../core/db/types.ts';
import { audit } from '../../core/audit.ts';
import { notFound } from '../../core/errors/catalogue.ts';
import { producerFor } from '../../core/jobs/jobs.ts';
import type { Clock } from '../../core/time/clock.ts';
import { DEFAULT_WEBHOOK_TUNING, WEBHOOK_QUEUE, webhookQueue, type WebhookEvent } from './events.ts';
import { insertReplay, listDeliveries, type DeliveryDto } from './deliveries-repo.ts';
import {
  deleteSubscription,
  findSubscription,
  insertSubscription,
  listSubscriptions,
  updateSubscription,
  type SubscriptionDto,
  type SubscriptionPatch,
} from './subscriptions-repo.ts';

const newSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

export interface NewSubscription {
  practiceId: string | null;
  url: string;
  events: WebhookEvent[];
  description?: string | null;
}

export function getSubscriptions(db: Db, ctx: RequestContext): Promise<SubscriptionDto[]> {
  return listSubscriptions(db, ctx.actor);
}

/** The secret is answered here and on rotation only. */
export async function createSubscription(db: Db, ctx: RequestContext, input: NewSubscription): Promise<SubscriptionDto & { secret: string }> {
  if (input.practiceId !== null && !ctx.actor.practiceIds.includes(input.practiceId)) throw notFound();
  const secret = newSecret();
  return db.transaction(async (tx) => {
    const s = await insertSubscription(tx, ctx.actor, {
      practiceId: input.practiceId,
      url: input.url,
      events: input.events,
      description: input.description ?? null,
      secret,
    });
    await audit(tx, ctx, { action: 'webhook.create', outcome: 'ok', practiceId: s.practiceId, detail: { subscriptionId: s.id, events: s.events } });
    return { ...s, secret };
  });
}

export async function changeSubscription(
  db: Db,
  ctx: RequestContext,
  o: { id: string; set: Omit<SubscriptionPatch, 'secret'>; clock: Clock },
): Promise<SubscriptionDto> {
  return db.transaction(async (tx) => {
    const s = await updateSubscription(tx, ctx.actor, { id: o.id, set: o.set, at: o.clock.now() });
    if (!s) throw notFound();
    await audit(tx, ctx, { action: 'webhook.update', outcome: 'ok', practiceId: s.practiceId, detail: { subscriptionId: s.id, active: s.active } });
    return s;
  });
}

export async function rotateSecret(db: Db, ctx: RequestContext, o: { id: string; clock: Clock }): Promise<SubscriptionDto & { secret: string }> {
  const secret = newSecret();
  return db.transaction(async (tx) => {
    const s = await updateSubscription(tx, ctx.actor, { id: o.id, set: { secret }, at: o.clock.now() });
    if (!s) throw notFound();
    await audit(tx, ctx, { action: 'webhook.rotate_secret', outcome: 'ok', practiceId: s.practiceId, detail: { subscriptionId: s.id } });
    return { ...s, secret };
  });
}

export async function removeSubscription(db: Db, ctx: RequestContext, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await deleteSubscription(tx, ctx.actor, id))) throw notFound();
    await audit(tx, ctx, { action: 'webhook.delete', outcome: 'ok', detail: { subscriptionId: id } });
  });
}

export async function getDeliveries(db: Db, ctx: RequestContext, subscriptionId: string): Promise<DeliveryDto[]> {
  const s = await findSubscription(db, ctx.actor, subscriptionId);
  if (!s) throw notFound();
  return listDeliveries(db, s.id, 100);
}

/** Sends the same event again (same event id and body, new delivery), whatever the first one's outcome. */
export async function replayDelivery(db: Db, ctx: RequestContext, deliveryId: string): Promise<{ id: string }> {
  const jobs = await producerFor(db, [webhookQueue(DEFAULT_WEBHOOK_TUNING)]);
  return db.transaction(async (tx) => {
    const replay = await insertReplay(tx, ctx.actor, deliveryId);
    if (!replay) throw notFound();
    await jobs.send(tx, WEBHOOK_QUEUE, { deliveryId: replay.id });
    await audit(tx, ctx, { action: 'webhook.replay', outcome: 'ok', detail: { deliveryId, replayId: replay.id } });
    return { id: replay.id };
  });
}
