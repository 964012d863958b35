-- Calls: per-practice queue settings, the calls themselves (their routing state lives here so that
-- several server instances share it), the agents' states, and the append-only call log (cahier
-- d'appels) in the spirit of Asterisk's queue_log.

-- Queue settings of one practice. A practice without a row uses the defaults below.
create table call_queue_configs (
  practice_id uuid primary key references practices(id) on delete cascade,
  organisation_id uuid not null references organisations(id),
  -- tier widening: seconds of waiting after which each tier of agents may take the call
  dedicated_after_seconds int not null default 0 check (dedicated_after_seconds >= 0),
  trained_after_seconds int not null default 15 check (trained_after_seconds >= dedicated_after_seconds),
  pool_after_seconds int not null default 45 check (pool_after_seconds >= trained_after_seconds),
  -- overflow: a call waiting longer than max_wait_seconds, or beyond max_queue_length waiting calls
  max_wait_seconds int not null default 180 check (max_wait_seconds > 0),
  max_queue_length int not null default 10 check (max_queue_length > 0),
  overflow_target text not null default 'voicemail' check (overflow_target in ('voicemail', 'callback')),
  wrap_up_seconds int not null default 30 check (wrap_up_seconds >= 0),
  ring_timeout_seconds int not null default 15 check (ring_timeout_seconds > 0),
  -- outside service hours: after the closed-line announcement (pointing to the 15), offer voicemail?
  voicemail_when_closed boolean not null default true,
  -- extended hours by contract: public holidays follow the weekday's service hours instead of closing
  open_on_public_holidays boolean not null default false,
  updated_at timestamptz not null default now()
);

-- One call. status is its place in the state machine; the terminal statuses are its disposition:
--   queued → ringing → connected → wrap_up → completed
--   queued|ringing → abandoned (caller hung up)    queued → overflowed (→ voicemail)
--   closed (outside service hours, never queued)   overflowed|closed → voicemail (message recorded)
-- agent_id is the agent holding (offered / connected / wrapping up) the call, or the last one who did.
create table calls (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations(id),
  practice_id uuid not null references practices(id),
  provider text not null,
  provider_call_id text not null,
  called_number text not null,
  caller_number text,
  direction text not null default 'inbound' check (direction in ('inbound', 'outbound')),
  urgent boolean not null default false,
  status text not null check (status in
    ('queued', 'ringing', 'connected', 'wrap_up', 'completed', 'abandoned', 'overflowed', 'voicemail', 'closed')),
  -- the caller's place in the queue: kept when an unanswered ring puts the call back
  enqueued_at timestamptz,
  attempts int not null default 0,
  agent_id uuid references users(id),
  offered_at timestamptz,
  answered_at timestamptz,
  ended_at timestamptz,
  wrap_up_until timestamptz,
  overflow_target text check (overflow_target in ('voicemail', 'callback')),
  -- disposition given by the agent (or set by the system for abandoned / voicemail / closed calls)
  outcome text check (outcome in ('booked', 'moved', 'cancelled', 'message', 'information', 'put_through',
    'sent_to_15', 'abandoned', 'voicemail', 'callback', 'closed', 'other')),
  outcome_note text check (length(outcome_note) <= 2000),
  outcome_at timestamptz,
  outcome_by uuid references users(id),
  patient_id uuid references patients(id),
  appointment_id uuid references appointments(id),
  message_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (provider, provider_call_id),
  check (status not in ('ringing', 'connected', 'wrap_up') or agent_id is not null)
);
create index calls_waiting on calls (organisation_id, enqueued_at) where status = 'queued';
create index calls_active on calls (organisation_id) where status in ('ringing', 'connected', 'wrap_up');
create index calls_practice_created on calls (practice_id, created_at);
create index calls_practice_caller on calls (practice_id, caller_number);
create index calls_patient on calls (patient_id) where patient_id is not null;
-- Database guard: an agent holds at most one call at a time (offered, connected or wrapping up).
create unique index calls_one_per_agent on calls (agent_id) where status in ('ringing', 'connected', 'wrap_up');

-- One row per agent (user with role 'agent'), created at the first status change.
-- status: what the agent chose; system_state: what the system set.
create table agent_states (
  user_id uuid primary key references users(id) on delete cascade,
  organisation_id uuid not null references organisations(id),
  status text not null default 'logged_out'
    check (status in ('available', 'break', 'lunch', 'training', 'back_office', 'logged_out')),
  status_reason text check (status_reason in ('ring_no_answer')),
  status_since timestamptz not null default now(),
  system_state text not null default 'idle' check (system_state in ('idle', 'ringing', 'on_call', 'wrap_up')),
  system_since timestamptz not null default now(),
  call_id uuid references calls(id),
  -- when the agent last became idle (end of wrap-up, or log-in): "idle longest" wins within a tier
  idle_since timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((system_state = 'idle') = (call_id is null))
);
create index agent_states_org on agent_states (organisation_id);
-- Database guard: a call is held by at most one agent.
create unique index agent_states_one_per_call on agent_states (call_id) where call_id is not null;

-- The call log (cahier d'appels): append-only, one row per event, never updated nor deleted.
-- Call events carry call_id and practice_id; agent events (LOGIN, LOGOFF, PAUSE, UNPAUSE) carry agent_id only.
-- The event names and their data are listed in src/calls/events.ts.
create table call_events (
  id bigint generated always as identity primary key,
  at timestamptz not null default clock_timestamp(),
  organisation_id uuid not null references organisations(id),
  practice_id uuid references practices(id),
  call_id uuid references calls(id),
  agent_id uuid references users(id),
  event text not null check (event in ('ENTER', 'URGENT', 'OFFER', 'RING_NO_ANSWER', 'CONNECT', 'COMPLETE',
    'ABANDON', 'TIMEOUT', 'OVERFLOW', 'VOICEMAIL', 'CLOSED', 'TRANSFER',
    'LOGIN', 'LOGOFF', 'PAUSE', 'UNPAUSE', 'WRAPUP')),
  data jsonb not null default '{}'::jsonb,
  check ((call_id is null) = (practice_id is null))
);
create index call_events_org_at on call_events (organisation_id, at);
create index call_events_practice_at on call_events (practice_id, at) where practice_id is not null;
create index call_events_call on call_events (call_id) where call_id is not null;
create index call_events_agent_at on call_events (agent_id, at) where agent_id is not null;

create function call_events_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'call_events is append-only' using errcode = '42501';
end $$;
create trigger call_events_no_update before update or delete on call_events
  for each row execute function call_events_refuse_change();
create trigger call_events_no_truncate before truncate on call_events
  for each statement execute function call_events_refuse_change();
