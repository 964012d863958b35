-- Patient notifications and every outgoing email/SMS: practice and motif settings, patients'
-- preferences, reminders (one per appointment and rule, whatever the number of workers), waitlist
-- offers, patients' answers through signed links, and the deliveries with their status.

-- Per practice. Reminder rule: booked more than long_lead_days ahead → long_remind_days before,
-- otherwise short_remind_days before, at remind_time (local); booked for today or tomorrow → at once.
create table notify_practice_settings (
  practice_id uuid primary key references practices(id) on delete cascade,
  organisation_id uuid not null references organisations(id),
  reminders_enabled boolean not null default true,
  long_lead_days int not null default 7 check (long_lead_days between 1 and 60),
  long_remind_days int not null default 2 check (long_remind_days between 1 and 14),
  short_remind_days int not null default 1 check (short_remind_days between 1 and 14),
  remind_time time not null default '10:00',
  -- no cancelling nor moving through a patient link less than this before the appointment
  change_deadline_minutes int not null default 240 check (change_deadline_minutes between 0 and 20160),
  -- how long a waitlist offer stays open (and never past the slot itself)
  offer_ttl_minutes int not null default 720 check (offer_ttl_minutes between 5 and 10080),
  locale text not null default 'fr' check (locale in ('fr', 'en')),
  updated_at timestamptz not null default now()
);

-- Per motif: no reminder at all, or a fixed number of days before (overrides the practice's rule).
create table notify_motif_settings (
  motif_id uuid primary key references motifs(id) on delete cascade,
  organisation_id uuid not null references organisations(id),
  reminders_enabled boolean not null default true,
  remind_days_before int check (remind_days_before between 1 and 14),
  updated_at timestamptz not null default now()
);

-- Per patient: opt-outs and language.
create table notify_patient_prefs (
  patient_id uuid primary key references patients(id) on delete cascade,
  organisation_id uuid not null references organisations(id),
  practice_id uuid not null references practices(id),
  reminders_opt_out boolean not null default false,
  sms_opt_out boolean not null default false,
  email_opt_out boolean not null default false,
  locale text check (locale in ('fr', 'en')),
  updated_at timestamptz not null default now()
);

-- One reminder per appointment and rule: the primary key is what makes it exactly one, whatever the
-- restarts and the number of workers.
create table appointment_reminders (
  appointment_id uuid not null references appointments(id) on delete cascade,
  rule text not null check (rule in ('long', 'short', 'immediate', 'motif')),
  organisation_id uuid not null references organisations(id),
  practice_id uuid not null references practices(id),
  due_at timestamptz not null,
  status text not null default 'scheduled' check (status in ('scheduled', 'sent', 'cancelled', 'skipped')),
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  primary key (appointment_id, rule)
);
create index appointment_reminders_due on appointment_reminders (due_at) where status = 'scheduled';

-- What a patient did with a signed link (confirmed presence, cancelled, moved).
create table patient_link_actions (
  id bigint generated always as identity primary key,
  organisation_id uuid not null references organisations(id),
  practice_id uuid not null references practices(id),
  appointment_id uuid references appointments(id) on delete cascade,
  offer_id uuid,
  patient_id uuid not null references patients(id),
  action text not null check (action in ('confirm', 'cancel', 'move', 'accept', 'decline', 'refused')),
  at timestamptz not null default now(),
  detail jsonb not null default '{}'::jsonb
);
create index patient_link_actions_appointment on patient_link_actions (appointment_id);

-- A freed slot offered to the waiting patients: the first to accept books it through the booking rules.
create table waitlist_offers (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations(id),
  practice_id uuid not null references practices(id),
  practitioner_id uuid not null references practitioners(id),
  freed_appointment_id uuid not null references appointments(id) on delete cascade,
  slot tstzrange not null,
  status text not null default 'open' check (status in ('open', 'taken', 'expired')),
  expires_at timestamptz not null,
  taken_appointment_id uuid references appointments(id),
  taken_at timestamptz,
  created_at timestamptz not null default now(),
  -- one offer per freed slot, even when the job that makes it runs twice
  unique (freed_appointment_id, slot)
);

create table waitlist_offer_recipients (
  offer_id uuid not null references waitlist_offers(id) on delete cascade,
  entry_id uuid not null references waitlist_entries(id) on delete cascade,
  patient_id uuid not null references patients(id),
  motif_id uuid not null,
  status text not null default 'offered' check (status in ('offered', 'accepted', 'refused', 'declined')),
  responded_at timestamptz,
  primary key (offer_id, entry_id)
);

-- Every email and SMS Relais sends. dedupe_key makes each notification once-only; status follows
-- queued → sending → sent → delivered, or failed after the last attempt. The rendered text is kept
-- here (patient data stays in the database; logs carry the delivery id only).
create table deliveries (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations(id),
  practice_id uuid not null references practices(id),
  patient_id uuid references patients(id),
  appointment_id uuid references appointments(id) on delete set null,
  message_id uuid references messages(id) on delete set null,
  recipient_kind text not null check (recipient_kind in ('patient', 'practitioner', 'contact')),
  channel text not null check (channel in ('email', 'sms')),
  address text not null,
  template text not null,
  locale text not null check (locale in ('fr', 'en')),
  params jsonb not null default '{}'::jsonb,
  dedupe_key text not null unique,
  status text not null default 'queued' check (status in ('queued', 'sending', 'sent', 'delivered', 'failed')),
  attempts int not null default 0,
  max_attempts int not null default 5 check (max_attempts between 1 and 20),
  lease_until timestamptz,
  next_attempt_at timestamptz,
  last_error text,
  transport text,
  provider_message_id text,
  subject text,
  body text,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  delivered_at timestamptz,
  failed_at timestamptz,
  updated_at timestamptz not null default now()
);
create index deliveries_practice on deliveries (practice_id, created_at desc);
create index deliveries_appointment on deliveries (appointment_id) where appointment_id is not null;
create index deliveries_message on deliveries (message_id) where message_id is not null;
create index deliveries_patient on deliveries (patient_id) where patient_id is not null;
create unique index deliveries_provider_id on deliveries (transport, provider_message_id) where provider_message_id is not null;

-- Server secrets generated on first use (the signing key of patient links when RELAIS_LINK_SECRET is unset).
create table notify_secrets (
  name text primary key,
  value text not null,
  created_at timestamptz not null default now()
);
