-- Messages to practitioners (urgent, task, dated task, home visit, information), their trail, the
-- practitioner's answers turned into tasks for the secretariat, templates, delivery preferences and
-- the escalation of unacknowledged urgent messages.

-- Per practice: how long an urgent message may stay unacknowledged, and how many times the
-- practitioner is notified again before the escalation list is called upon.
create table practice_message_settings (
  practice_id uuid primary key references practices(id) on delete cascade,
  organisation_id uuid not null references organisations(id),
  urgent_ack_seconds int not null default 900 check (urgent_ack_seconds between 1 and 86400),
  renotify_count int not null default 1 check (renotify_count between 0 and 5),
  updated_at timestamptz not null default now()
);

-- Who to alert, in order, when the practitioner does not acknowledge an urgent message.
create table practice_escalation_contacts (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations(id),
  practice_id uuid not null references practices(id) on delete cascade,
  position int not null check (position >= 0),
  name text not null check (length(name) between 1 and 120),
  channel text not null check (channel in ('email', 'sms')),
  address text not null check (length(address) between 3 and 254),
  unique (practice_id, position)
);

-- How a practitioner wants his messages: always in Relais, plus email and/or SMS.
create table practitioner_message_prefs (
  practitioner_id uuid primary key references practitioners(id) on delete cascade,
  organisation_id uuid not null references organisations(id),
  email boolean not null default false,
  sms boolean not null default false,
  email_address text check (length(email_address) <= 254),
  mobile_phone text check (mobile_phone ~ '^\+[1-9][0-9]{6,14}$'),
  locale text not null default 'fr' check (locale in ('fr', 'en')),
  updated_at timestamptz not null default now()
);

-- Ready-made texts the agents pick from, per practice.
create table message_templates (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations(id),
  practice_id uuid not null references practices(id) on delete cascade,
  type text not null check (type in ('urgent', 'task', 'dated_task', 'home_visit', 'information')),
  label text not null check (length(label) between 1 and 80),
  body text not null check (length(body) between 1 and 2000),
  position int not null default 0,
  created_at timestamptz not null default now()
);
create index message_templates_practice on message_templates (practice_id, position);

create table messages (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations(id),
  practice_id uuid not null references practices(id),
  practitioner_id uuid not null references practitioners(id),
  type text not null check (type in ('urgent', 'task', 'dated_task', 'home_visit', 'information')),
  patient_id uuid references patients(id),
  callback_number text check (callback_number ~ '^\+[1-9][0-9]{6,14}$'),
  body text not null check (length(body) between 1 and 4000),
  due_date date,
  status text not null default 'new' check (status in ('new', 'read', 'processed')),
  created_by uuid not null references users(id),
  created_at timestamptz not null default now(),
  read_at timestamptz,
  read_by uuid references users(id),
  processed_at timestamptz,
  processed_by uuid references users(id),
  -- urgent messages: acknowledged by the practitioner (or an escalation contact through his link)
  acknowledged_at timestamptz,
  acknowledged_by uuid references users(id),
  acknowledged_via text check (acknowledged_via in ('app', 'link')),
  -- the last escalation step taken (0 = first notification only)
  escalation_step int not null default 0,
  check ((type = 'dated_task') = (due_date is not null)),
  check ((status = 'new') = (read_at is null)),
  check ((status = 'processed') = (processed_at is not null))
);
create index messages_inbox on messages (practitioner_id, created_at desc);
create index messages_practice on messages (practice_id, created_at desc);
create index messages_patient on messages (patient_id) where patient_id is not null;
create index messages_unacknowledged on messages (created_at) where type = 'urgent' and acknowledged_at is null and processed_at is null;

-- Every step in a message's life, escalation included: append-only.
create table message_events (
  id bigint generated always as identity primary key,
  message_id uuid not null references messages(id) on delete cascade,
  organisation_id uuid not null references organisations(id),
  practice_id uuid not null references practices(id),
  at timestamptz not null default clock_timestamp(),
  kind text not null check (kind in ('created', 'notified', 'read', 'acknowledged', 'processed', 'answered',
    'renotified', 'escalated', 'escalation_exhausted', 'task_done')),
  actor_user_id uuid references users(id),
  detail jsonb not null default '{}'::jsonb
);
create index message_events_message on message_events (message_id, id);

create function message_events_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'message_events is append-only' using errcode = '42501';
end $$;
create trigger message_events_no_update before update on message_events
  for each row execute function message_events_refuse_change();

-- The practitioner's answer, a task for the secretariat: assigned to an agent of the practice.
create table message_tasks (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations(id),
  practice_id uuid not null references practices(id),
  message_id uuid not null references messages(id),
  answer text not null check (length(answer) between 1 and 2000),
  assigned_to uuid references users(id),
  status text not null default 'open' check (status in ('open', 'done')),
  created_by uuid not null references users(id),
  created_at timestamptz not null default now(),
  done_at timestamptz,
  done_by uuid references users(id),
  done_note text check (length(done_note) <= 2000),
  check ((status = 'done') = (done_at is not null))
);
create index message_tasks_open on message_tasks (practice_id, created_at) where status = 'open';
create index message_tasks_assignee on message_tasks (assigned_to, status);
create index message_tasks_message on message_tasks (message_id);
