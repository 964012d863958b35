/** SQL for webhook events, deliveries and attempts: fan-out, sending, the log and replays. */
import type { Actor } from '../../core/auth/actor.ts';
import type { Queryable } from '../../core/db/types.ts';
import { eventBody } from './events.ts';

interface EventRow {
  id: string;
  organisation_id: string;
  practice_id: string | null;
  type: string;
  payload: unknown;
  occurred_at: Date;
}

/**
 * Takes a batch of pending events (two dispatchers never take the same one), writes one delivery per
 * matching active subscription, marks the events dispatched; answers the new deliveries' ids.
 */
export async function fanOut(q: Queryable, batch: number): Promise<{ events: number; deliveryIds: string[] }> {
  const { rows } = await q.query<EventRow>(
    `select id, organisation_id, practice_id, type, payload, occurred_at from webhook_events
      where dispatched_at is null order by id limit $1 for update skip locked`,
    [batch],
  );
  if (rows.length === 0) return { events: 0, deliveryIds: [] };
  const bodies = rows.map((r) => ({
    event_id: r.id,
    body: eventBody({ id: r.id, type: r.type, occurredAt: r.occurred_at, organisationId: r.organisation_id, practiceId: r.practice_id, payload: r.payload }),
  }));
  const inserted = await q.query<{ id: string }>(
    `insert into webhook_deliveries (organisation_id, subscription_id, event_id, event_type, body)
     select e.organisation_id, s.id, e.id, e.type, b.body
       from jsonb_to_recordset($1::jsonb) as b(event_id bigint, body text)
       join webhook_events e on e.id = b.event_id
       join webhook_subscriptions s on s.organisation_id = e.organisation_id and s.active and e.type = any(s.events)
        and (s.practice_id is null or s.practice_id = e.practice_id)
     on conflict (subscription_id, event_id) where replay_of is null do nothing
     returning id`,
    [JSON.stringify(bodies)],
  );
  await q.query('update webhook_events set dispatched_at = clock_timestamp() where id = any($1::bigint[])', [rows.map((r) => r.id)]);
  return { events: rows.length, deliveryIds: inserted.rows.map((r) => r.id) };
}

export interface DeliveryToSend {
  id: string;
  status: 'pending' | 'delivered' | 'failed' | 'skipped';
  attempts: number;
  eventId: string;
  body: string;
  url: string;
  secret: string;
  subscriptionId: string;
  subscriptionActive: boolean;
}

export async function deliveryToSend(q: Queryable, id: string): Promise<DeliveryToSend | null> {
  const { rows } = await q.query<{
    id: string;
    status: DeliveryToSend['status'];
    attempts: number;
    event_id: string;
    body: string;
    url: string;
    secret: string;
    subscription_id: string;
    active: boolean;
  }>(
    `select d.id, d.status, d.attempts, d.event_id::text, d.body, s.url, s.secret, s.id as subscription_id, s.active
       from webhook_deliveries d join webhook_subscriptions s on s.id = d.subscription_id where d.id = $1`,
    [id],
  );
  const r = rows[0];
  return r
    ? {
        id: r.id,
        status: r.status,
        attempts: r.attempts,
        eventId: r.event_id,
        body: r.body,
        url: r.url,
        secret: r.secret,
        subscriptionId: r.subscription_id,
        subscriptionActive: r.active,
      }
    : null;
}

export async function markSkipped(q: Queryable, id: string): Promise<void> {
  await q.query(`update webhook_deliveries set status = 'skipped' where id = $1 and status = 'pending'`, [id]);
}

export interface AttemptResult {
  deliveryId: string;
  subscriptionId: string;
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  /** This was the delivery's last allowed attempt. */
  final: boolean;
  disableAfter: number;
  at: Date;
}

/**
 * Records one attempt, its delivery's state and the subscription's failure count; disables the
 * subscription when the count reaches the limit. Answers true when THIS attempt disabled it.
 */
export async function recordAttempt(q: Queryable, a: AttemptResult): Promise<boolean> {
  await q.query('insert into webhook_attempts (delivery_id, at, status_code, error, duration_ms) values ($1, $2, $3, $4, $5)', [
    a.deliveryId,
    a.at,
    a.statusCode,
    a.error,
    a.durationMs,
  ]);
  await q.query(
    `update webhook_deliveries set attempts = attempts + 1, last_status_code = $2, last_error = $3, last_attempt_at = $4,
        status = case when $5 then 'delivered' when $6 then 'failed' else status end,
        delivered_at = case when $5 then $4 else delivered_at end
      where id = $1`,
    [a.deliveryId, a.statusCode, a.error, a.at, a.ok, a.final],
  );
  if (a.ok) {
    await q.query('update webhook_subscriptions set consecutive_failures = 0 where id = $1 and consecutive_failures <> 0', [a.subscriptionId]);
    return false;
  }
  const { rows } = await q.query<{ disabled: boolean }>(
    `update webhook_subscriptions set consecutive_failures = consecutive_failures + 1,
        active = active and consecutive_failures + 1 < $2,
        disabled_at = case when active and consecutive_failures + 1 >= $2 then $3 else disabled_at end,
        disabled_reason = case when active and consecutive_failures + 1 >= $2 then 'failures' else disabled_reason end
      where id = $1
      returning (disabled_at = $3 and disabled_reason = 'failures') as disabled`,
    [a.subscriptionId, a.disableAfter, a.at],
  );
  return rows[0]?.disabled ?? false;
}

/** Who to tell that a subscription was disabled: the organisation's active admins. */
export async function disabledNotice(q: Queryable, subscriptionId: string): Promise<{ url: string; emails: string[] } | null> {
  const { rows } = await q.query<{ url: string; emails: string[] }>(
    `select s.url, array(select u.email from users u where u.organisation_id = s.organisation_id and u.role = 'admin' and u.active order by u.email) as emails
       from webhook_subscriptions s where s.id = $1`,
    [subscriptionId],
  );
  return rows[0] ?? null;
}

export interface DeliveryDto {
  id: string;
  eventId: string;
  eventType: string;
  status: DeliveryToSend['status'];
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
  replayOf: string | null;
  createdAt: string;
}

export async function listDeliveries(q: Queryable, subscriptionId: string, limit: number): Promise<DeliveryDto[]> {
  const { rows } = await q.query<{
    id: string;
    event_id: string;
    event_type: string;
    status: DeliveryToSend['status'];
    attempts: number;
    last_status_code: number | null;
    last_error: string | null;
    last_attempt_at: Date | null;
    delivered_at: Date | null;
    replay_of: string | null;
    created_at: Date;
  }>(
    `select id, event_id::text, event_type, status, attempts, last_status_code, last_error, last_attempt_at, delivered_at, replay_of, created_at
       from webhook_deliveries where subscription_id = $1 order by created_at desc, id limit $2`,
    [subscriptionId, limit],
  );
  return rows.map((r) => ({
    id: r.id,
    eventId: `evt_${r.event_id}`,
    eventType: r.event_type,
    status: r.status,
    attempts: r.attempts,
    lastStatusCode: r.last_status_code,
    lastError: r.last_error,
    lastAttemptAt: r.last_attempt_at?.toISOString() ?? null,
    deliveredAt: r.delivered_at?.toISOString() ?? null,
    replayOf: r.replay_of,
    createdAt: r.created_at.toISOString(),
  }));
}

/** A new delivery of the same event and body, for a delivery in the actor's scope; null if none. */
export async function insertReplay(q: Queryable, actor: Actor, deliveryId: string): Promise<{ id: string; subscriptionId: string } | null> {
  const { rows } = await q.query<{ id: string; subscription_id: string }>(
    `insert into webhook_deliveries (organisation_id, subscription_id, event_id, event_type, body, replay_of)
     select d.organisation_id, d.subscription_id, d.event_id, d.event_type, d.body, d.id
       from webhook_deliveries d join webhook_subscriptions s on s.id = d.subscription_id
      where d.id = $1 and s.organisation_id = $2 and (s.practice_id is null or s.practice_id = any($3::uuid[]))
     returning id, subscription_id`,
    [deliveryId, actor.organisationId, actor.practiceIds],
  );
  return rows[0] ? { id: rows[0].id, subscriptionId: rows[0].subscription_id } : null;
}
