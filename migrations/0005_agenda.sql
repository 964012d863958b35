-- The agenda: motifs, opening ranges (plages), absences, appointments that can never overlap,
-- idempotency keys for booking requests, the waitlist, and the domain events outbox.

-- Motif (appointment type) of one practitioner.
create table motifs (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations(id),
  practitioner_id uuid not null references practitioners(id) on delete cascade,
  label text not null check (length(label) between 1 and 120),
  duration_minutes int not null check (duration_minutes between 5 and 720),
  colour text not null default '#228be6' check (colour ~ '^#[0-9a-f]{6}$'),
  online_bookable boolean not null default false,
  new_patients_allowed boolean not null default true,
  patient_instructions text,
  min_notice_minutes int not null default 0 check (min_notice_minutes >= 0),
  horizon_days int not null default 90 check (horizon_days between 1 and 730),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- lets ranges and appointments reference (practitioner, motif) so a motif never leaks to another agenda
  unique (practitioner_id, id)
);

-- Per-practitioner agenda settings. step_minutes null = the motif's duration.
create table agenda_settings (
  practitioner_id uuid primary key references practitioners(id) on delete cascade,
  step_minutes int check (step_minutes between 5 and 240),
  updated_at timestamptz not null default now()
);

-- Opening ranges in the practitioner's local wall time: weekly (weekday) or exceptional (one date).
-- end_time '24:00' is stored as 24:00:00 (PostgreSQL time allows it).
create table opening_ranges (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations(id),
  practitioner_id uuid not null references practitioners(id) on delete cascade,
  practice_id uuid not null references practices(id),
  kind text not null check (kind in ('weekly', 'exceptional')),
  weekday smallint check (weekday between 1 and 7),
  on_date date,
  start_time time not null,
  end_time time not null,
  valid_from date,
  valid_to date,
  urgent boolean not null default false,
  created_at timestamptz not null default now(),
  check (end_time > start_time),
  check ((kind = 'weekly') = (weekday is not null)),
  check ((kind = 'exceptional') = (on_date is not null)),
  check (kind = 'weekly' or (valid_from is null and valid_to is null)),
  check (valid_to is null or valid_from is null or valid_to >= valid_from),
  unique (practitioner_id, id)
);
create index opening_ranges_practitioner on opening_ranges (practitioner_id, kind);

create table opening_range_motifs (
  range_id uuid not null,
  motif_id uuid not null,
  practitioner_id uuid not null,
  primary key (range_id, motif_id),
  foreign key (practitioner_id, range_id) references opening_ranges (practitioner_id, id) on delete cascade,
  foreign key (practitioner_id, motif_id) references motifs (practitioner_id, id) on delete cascade
);
create index opening_range_motifs_motif on opening_range_motifs (motif_id);

-- Absences / congés: instants, half-open.
create table absences (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations(id),
  practitioner_id uuid not null references practitioners(id) on delete cascade,
  during tstzrange not null check (not isempty(during) and lower_inc(during) and not upper_inc(during)
    and not lower_inf(during) and not upper_inf(during)),
  reason text,
  created_by uuid references users(id),
  created_at timestamptz not null default now()
);
create index absences_practitioner on absences using gist (practitioner_id, during);

-- Appointments (rendez-vous). Double booking is impossible: the exclusion constraint refuses two
-- active appointments of one practitioner whose half-open ranges overlap (DESIGN invariant 4).
create table appointments (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations(id),
  practice_id uuid not null references practices(id),
  practitioner_id uuid not null references practitioners(id),
  patient_id uuid not null references patients(id),
  motif_id uuid not null,
  during tstzrange not null check (not isempty(during) and lower_inc(during) and not upper_inc(during)
    and not lower_inf(during) and not upper_inf(during)),
  status text not null default 'booked' check (status in ('booked', 'honoured', 'cancelled', 'no_show')),
  no_show_excused boolean check ((status = 'no_show') = (no_show_excused is not null)),
  booked_by uuid references users(id),
  channel text not null check (channel in ('phone', 'online', 'practitioner', 'desk')),
  forced_reason text,
  -- moves, oldest first: [{from, to, practitionerId, previousPractitionerId, at, by}]
  history jsonb not null default '[]'::jsonb,
  cancelled_at timestamptz,
  cancelled_by uuid references users(id),
  cancelled_by_kind text check (cancelled_by_kind in ('patient', 'practitioner', 'secretariat')),
  cancel_reason text,
  series_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (practitioner_id, motif_id) references motifs (practitioner_id, id),
  check ((status = 'cancelled') = (cancelled_at is not null)),
  constraint appointments_no_overlap exclude using gist (practitioner_id with =, during with &&) where (status <> 'cancelled')
);
create index appointments_patient on appointments (patient_id, lower(during));
create index appointments_practice_start on appointments (practice_id, lower(during));
create index appointments_series on appointments (series_id) where series_id is not null;

-- Idempotency-Key of booking requests: the same key and body returns the stored answer.
create table idempotency_keys (
  user_id uuid not null references users(id) on delete cascade,
  key text not null,
  fingerprint text not null,
  status int not null,
  response jsonb not null,
  created_at timestamptz not null default now(),
  primary key (user_id, key)
);

-- Waitlist (liste d'attente): patients waiting for an earlier slot, served in created order.
create table waitlist_entries (
  id uuid primary key default gen_random_uuid(),
  seq bigint generated always as identity,
  organisation_id uuid not null references organisations(id),
  practice_id uuid not null references practices(id),
  patient_id uuid not null references patients(id),
  practitioner_id uuid not null references practitioners(id),
  motif_id uuid,
  period tstzrange not null check (not isempty(period) and not lower_inf(period) and not upper_inf(period)),
  note text,
  status text not null default 'waiting' check (status in ('waiting', 'fulfilled', 'withdrawn')),
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (practitioner_id, motif_id) references motifs (practitioner_id, id)
);
create index waitlist_waiting on waitlist_entries (practitioner_id, seq) where status = 'waiting';

-- Outbox of domain events, written in the business transaction; consumers mark processed_at.
create table domain_events (
  id bigint generated always as identity primary key,
  organisation_id uuid not null,
  practice_id uuid,
  type text not null,
  payload jsonb not null,
  created_at timestamptz not null default now(),
  processed_at timestamptz
);
create index domain_events_pending on domain_events (id) where processed_at is null;
