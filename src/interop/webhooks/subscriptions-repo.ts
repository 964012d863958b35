/** SQL for webhook subscriptions, always within the caller's organisation and practices. */
import type { Actor } from '../../core/auth/actor.ts';
import type { Queryable } from '../../core/db/types.ts';
import type { WebhookEvent } from './events.ts';

export interface SubscriptionDto {
  id: string;
  practiceId: string | null;
  url: string;
  events: WebhookEvent[];
  description: string | null;
  active: boolean;
  consecutiveFailures: number;
  disabledAt: string | null;
  disabledReason: string | null;
  createdAt: string;
}

interface Row {
  id: string;
  practice_id: string | null;
  url: string;
  events: WebhookEvent[];
  description: string | null;
  active: boolean;
  consecutive_failures: number;
  disabled_at: Date | null;
  disabled_reason: string | null;
  created_at: Date;
}

const COLUMNS = 'id, practice_id, url, events, description, active, consecutive_failures, disabled_at, disabled_reason, created_at';

const dto = (r: Row): SubscriptionDto => ({
  id: r.id,
  practiceId: r.practice_id,
  url: r.url,
  events: r.events,
  description: r.description,
  active: r.active,
  consecutiveFailures: r.consecutive_failures,
  disabledAt: r.disabled_at?.toISOString() ?? null,
  disabledReason: r.disabled_reason,
  createdAt: r.created_at.toISOString(),
});

/** In scope: the actor's organisation, and a practice he sees (organisation-wide ones: null practice). */
const SCOPE = `organisation_id = $1 and (practice_id is null or practice_id = any($2::uuid[]))`;

export async function listSubscriptions(q: Queryable, actor: Actor): Promise<SubscriptionDto[]> {
  const { rows } = await q.query<Row>(`select ${COLUMNS} from webhook_subscriptions where ${SCOPE} order by created_at`, [
    actor.organisationId,
    actor.practiceIds,
  ]);
  return rows.map(dto);
}

export async function findSubscription(q: Queryable, actor: Actor, id: string): Promise<(SubscriptionDto & { secret: string }) | null> {
  const { rows } = await q.query<Row & { secret: string }>(`select ${COLUMNS}, secret from webhook_subscriptions where ${SCOPE} and id = $3`, [
    actor.organisationId,
    actor.practiceIds,
    id,
  ]);
  return rows[0] ? { ...dto(rows[0]), secret: rows[0].secret } : null;
}

export async function insertSubscription(
  q: Queryable,
  actor: Actor,
  s: { practiceId: string | null; url: string; events: readonly WebhookEvent[]; description: string | null; secret: string },
): Promise<SubscriptionDto> {
  const { rows } = await q.query<Row>(
    `insert into webhook_subscriptions (organisation_id, practice_id, url, events, description, secret, created_by)
     values ($1, $2, $3, $4, $5, $6, $7) returning ${COLUMNS}`,
    [actor.organisationId, s.practiceId, s.url, s.events, s.description, s.secret, actor.userId],
  );
  return dto(rows[0]!);
}

export interface SubscriptionPatch {
  url?: string;
  events?: readonly WebhookEvent[];
  description?: string | null;
  /** true re-enables (and forgets past failures); false disables by hand. */
  active?: boolean;
  secret?: string;
}

export async function updateSubscription(q: Queryable, actor: Actor, o: { id: string; set: SubscriptionPatch; at: Date }): Promise<SubscriptionDto | null> {
  const { rows } = await q.query<Row>(
    `update webhook_subscriptions set
        url = coalesce($4, url),
        events = coalesce($5::text[], events),
        description = case when $6::boolean then $7 else description end,
        secret = coalesce($8, secret),
        active = coalesce($9, active),
        consecutive_failures = case when $9 is true then 0 else consecutive_failures end,
        disabled_at = case when $9 is true then null when $9 is false and active then $10 else disabled_at end,
        disabled_reason = case when $9 is true then null when $9 is false and active then 'manual' else disabled_reason end,
        updated_at = $10
      where ${SCOPE} and id = $3 returning ${COLUMNS}`,
    [
      actor.organisationId,
      actor.practiceIds,
      o.id,
      o.set.url ?? null,
      o.set.events ?? null,
      o.set.description !== undefined,
      o.set.description ?? null,
      o.set.secret ?? null,
      o.set.active ?? null,
      o.at,
    ],
  );
  return rows[0] ? dto(rows[0]) : null;
}

export async function deleteSubscription(q: Queryable, actor: Actor, id: string): Promise<boolean> {
  const { rows } = await q.query(`delete from webhook_subscriptions where ${SCOPE} and id = $3 returning id`, [actor.organisationId, actor.practiceIds, id]);
  return rows.length > 0;
}
