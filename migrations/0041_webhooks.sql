-- Outgoing webhooks: subscriptions per organisation (practice_id null) or practice, the events waiting to
-- be fanned out, one delivery per (subscription, event) with its attempts, replays as new deliveries.
create table webhook_subscriptions (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations(id),
  practice_id uuid references practices(id) on delete cascade,
  url text not null check (url ~ '^https?://' and length(url) <= 2000),
  -- HMAC-SHA256 key; shown to the admin, who gives it to the receiver
  secret text not null,
  events text[] not null check (cardinality(events) > 0 and events <@ array['appointment.created', 'appointment.moved',
    'appointment.cancelled', 'appointment.no_show', 'message.created', 'message.processed', 'call.ended']::text[]),
  description text check (length(description) <= 200),
  active boolean not null default true,
  consecutive_failures int not null default 0,
  disabled_at timestamptz,
  disabled_reason text,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (active = (disabled_at is null))
);
create index webhook_subscriptions_org on webhook_subscriptions (organisation_id) where active;

-- Events to fan out, written by triggers in the transaction that made them (so an event exists exactly
-- when its change committed) and only when the organisation has an active subscription.
create table webhook_events (
  id bigint generated always as identity primary key,
  organisation_id uuid not null,
  practice_id uuid,
  type text not null,
  payload jsonb not null,
  occurred_at timestamptz not null default clock_timestamp(),
  dispatched_at timestamptz
);
create index webhook_events_pending on webhook_events (id) where dispatched_at is null;

create table webhook_deliveries (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations(id),
  subscription_id uuid not null references webhook_subscriptions(id) on delete cascade,
  event_id bigint not null references webhook_events(id),
  event_type text not null,
  -- the exact JSON body sent (the signature covers it)
  body text not null,
  status text not null default 'pending' check (status in ('pending', 'delivered', 'failed', 'skipped')),
  attempts int not null default 0,
  last_status_code int,
  last_error text,
  last_attempt_at timestamptz,
  delivered_at timestamptz,
  replay_of uuid references webhook_deliveries(id),
  created_at timestamptz not null default now()
);
-- One first delivery per subscription and event; replays are extra rows.
create unique index webhook_deliveries_once on webhook_deliveries (subscription_id, event_id) where replay_of is null;
create index webhook_deliveries_subscription on webhook_deliveries (subscription_id, created_at desc);

create table webhook_attempts (
  id bigint generated always as identity primary key,
  delivery_id uuid not null references webhook_deliveries(id) on delete cascade,
  at timestamptz not null default clock_timestamp(),
  status_code int,
  error text,
  duration_ms int not null
);
create index webhook_attempts_delivery on webhook_attempts (delivery_id, id);

create function webhook_enqueue(org uuid, practice uuid, kind text, body jsonb) returns void language plpgsql as $$
begin
  if exists (select 1 from webhook_subscriptions s where s.organisation_id = org and s.active and kind = any(s.events)) then
    insert into webhook_events (organisation_id, practice_id, type, payload) values (org, practice, kind, body);
  end if;
end $$;

-- The agenda's outbox: booked → appointment.created, outcome no_show → appointment.no_show.
create function webhook_from_domain_event() returns trigger language plpgsql as $$
declare kind text;
begin
  kind := case new.type
    when 'appointment.booked' then 'appointment.created'
    when 'appointment.moved' then 'appointment.moved'
    when 'appointment.cancelled' then 'appointment.cancelled'
    when 'appointment.outcome' then case when new.payload->>'outcome' = 'no_show' then 'appointment.no_show' end
  end;
  if kind is not null then perform webhook_enqueue(new.organisation_id, new.practice_id, kind, new.payload); end if;
  return null;
end $$;
create trigger domain_events_webhooks after insert on domain_events for each row execute function webhook_from_domain_event();

create function webhook_from_message_event() returns trigger language plpgsql as $$
begin
  if new.kind in ('created', 'processed') then
    perform webhook_enqueue(new.organisation_id, new.practice_id, 'message.' || new.kind,
      jsonb_build_object('messageId', new.message_id, 'byUserId', new.actor_user_id));
  end if;
  return null;
end $$;
create trigger message_events_webhooks after insert on message_events for each row execute function webhook_from_message_event();

create function webhook_from_call() returns trigger language plpgsql as $$
begin
  perform webhook_enqueue(new.organisation_id, new.practice_id, 'call.ended',
    jsonb_build_object('callId', new.id, 'status', new.status, 'direction', new.direction, 'urgent', new.urgent,
      'agentId', new.agent_id, 'answeredAt', new.answered_at, 'endedAt', new.ended_at));
  return null;
end $$;
create trigger calls_ended_webhooks after update of ended_at on calls for each row
  when (old.ended_at is null and new.ended_at is not null) execute function webhook_from_call();
create trigger calls_inserted_ended_webhooks after insert on calls for each row
  when (new.ended_at is not null) execute function webhook_from_call();
