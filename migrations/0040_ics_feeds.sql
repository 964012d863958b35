-- ICS feeds: a practitioner subscribes his calendar client to a secret URL. Only the token's hash is kept;
-- a revoked feed answers 404. At most one live feed per user (a new one revokes the old).
create table ics_feeds (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations(id),
  user_id uuid not null references users(id) on delete cascade,
  practitioner_id uuid not null references practitioners(id) on delete cascade,
  token_hash text not null unique,
  patient_label text not null default 'initials' check (patient_label in ('full_name', 'initials', 'none')),
  created_at timestamptz not null default now(),
  last_read_at timestamptz,
  revoked_at timestamptz
);
create unique index ics_feeds_one_live on ics_feeds (user_id) where revoked_at is null;
