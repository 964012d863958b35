-- API clients (OAuth 2 client credentials) for the FHIR API: scopes bound to practices; short-lived bearer
-- tokens kept as hashes. Each client acts through its own inactive, non-login user so that audit rows and
-- "booked by" name it.
create table api_clients (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations(id),
  name text not null check (length(name) between 1 and 120),
  secret_hash text not null,
  scopes text[] not null check (cardinality(scopes) > 0 and scopes <@ array['agenda.read', 'agenda.book', 'patients.read']::text[]),
  practice_ids uuid[] not null check (cardinality(practice_ids) > 0),
  user_id uuid not null references users(id),
  active boolean not null default true,
  created_by uuid references users(id),
  created_at timestamptz not null default now()
);

create table api_tokens (
  token_hash text primary key,
  client_id uuid not null references api_clients(id) on delete cascade,
  expires_at timestamptz not null,
  created_at timestamptz not null default now()
);
create index api_tokens_expiry on api_tokens (expires_at);
