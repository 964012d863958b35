-- Foundation: organisations, practices and their sites and numbers, practitioners, users, sessions,
-- patients, and the append-only, hash-chained audit log.
create extension if not exists btree_gist;
create extension if not exists pg_trgm;
create extension if not exists unaccent;

create table organisations (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  created_at timestamptz not null default now()
);

create table practices (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations(id),
  name text not null,
  legal_name text not null,
  siren char(9) not null,
  siret char(14),
  region text not null,
  time_zone text not null,
  service_hours jsonb not null default '{}'::jsonb,
  phone text,
  email text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index practices_org on practices (organisation_id);

create table practice_sites (
  id uuid primary key default gen_random_uuid(),
  practice_id uuid not null references practices(id) on delete cascade,
  label text not null,
  address_line text not null,
  postal_code text not null,
  city text not null,
  floor text,
  digicode text,
  parking text,
  transport text,
  access_notes text,
  latitude double precision,
  longitude double precision,
  position int not null default 0
);
create index practice_sites_practice on practice_sites (practice_id);

-- The forwarded numbers (SDA/DID): the number called tells which practice it is.
create table practice_numbers (
  e164 text primary key,
  practice_id uuid not null references practices(id) on delete cascade,
  label text
);
create index practice_numbers_practice on practice_numbers (practice_id);

create table practitioners (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations(id),
  title text,
  first_name text not null,
  last_name text not null,
  profession text not null,
  specialty text,
  rpps char(11) not null,
  time_zone text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (organisation_id, rpps)
);

create table practice_practitioners (
  practice_id uuid not null references practices(id) on delete cascade,
  practitioner_id uuid not null references practitioners(id) on delete cascade,
  primary key (practice_id, practitioner_id)
);
create index practice_practitioners_practitioner on practice_practitioners (practitioner_id);

create table users (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations(id),
  email text not null,
  display_name text not null,
  role text not null check (role in ('admin', 'supervisor', 'trainer', 'agent', 'practitioner')),
  password_hash text not null,
  practitioner_id uuid references practitioners(id),
  locale text not null default 'fr' check (locale in ('fr', 'en')),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  check ((role = 'practitioner') = (practitioner_id is not null))
);
create unique index users_email on users (lower(email));

-- The practices an agent (or trainer) works for; dedicated = the practice's own secretary.
create table user_practices (
  user_id uuid not null references users(id) on delete cascade,
  practice_id uuid not null references practices(id) on delete cascade,
  dedicated boolean not null default false,
  primary key (user_id, practice_id)
);
create index user_practices_practice on user_practices (practice_id);

create table sessions (
  token_hash text primary key,
  user_id uuid not null references users(id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ended_at timestamptz
);
create index sessions_user on sessions (user_id);

create table patients (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations(id),
  practice_id uuid not null references practices(id),
  birth_name text not null,
  first_given_name text not null,
  given_names text[] not null default '{}',
  usual_name text,
  birth_date date not null,
  sex char(1) not null check (sex in ('F', 'M', 'I')),
  birth_place_insee text,
  identity_status text not null default 'provisional' check (identity_status in ('provisional', 'qualified')),
  mobile_phone text,
  email text,
  address_line text,
  postal_code text,
  city text,
  note text,
  -- lower-case, unaccented names, kept by the application for accent-insensitive search
  search_name text not null,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index patients_practice_name_trgm on patients using gin (search_name gin_trgm_ops);
create index patients_practice_name on patients (practice_id, search_name text_pattern_ops);
create index patients_practice_phone on patients (practice_id, mobile_phone);
create index patients_practice_birth on patients (practice_id, birth_date);
create index patients_identity on patients (practice_id, birth_date, first_given_name, birth_name);

-- Audit: one row per read or write of patient data, in the same transaction as the access.
-- Appending takes no lock (so audited writes never wait for each other); a sealer chains the committed rows
-- moments later: each sealed row carries its position in the chain (seq), the previous row's hash and its own.
create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default clock_timestamp(),
  request_id text,
  actor_user_id uuid,
  actor_role text,
  organisation_id uuid,
  practice_id uuid,
  patient_id uuid,
  action text not null,
  outcome text not null check (outcome in ('ok', 'denied', 'not_found', 'failed')),
  detail jsonb,
  seq bigint unique,
  prev_hash text,
  hash text,
  check ((seq is null) = (hash is null) and (seq is null) = (prev_hash is null))
);
create index audit_log_patient on audit_log (patient_id, at);
create index audit_log_actor on audit_log (actor_user_id, at);
create index audit_log_unsealed on audit_log (id) where seq is null;

-- The head of the chain; the sealer locks its one row, so two sealers never interleave.
create table audit_head (
  singleton boolean primary key default true check (singleton),
  last_seq bigint not null,
  last_hash text not null
);
insert into audit_head values (true, 0, repeat('0', 64));

-- The text a row's hash covers; verification recomputes it with this same function.
create function audit_row_text(r audit_log) returns text language sql immutable as $$
  select concat_ws('|', r.seq::text, r.id::text, to_char(r.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
    coalesce(r.request_id, ''), coalesce(r.actor_user_id::text, ''), coalesce(r.actor_role, ''),
    coalesce(r.organisation_id::text, ''), coalesce(r.practice_id::text, ''), coalesce(r.patient_id::text, ''),
    r.action, r.outcome, coalesce(r.detail::text, ''), r.prev_hash)
$$;

-- Chains up to max_rows committed, unsealed rows in insertion order; returns how many it sealed.
create function audit_seal(max_rows int) returns int language plpgsql as $$
declare
  head audit_head;
  r audit_log;
  n int := 0;
begin
  select * into head from audit_head for update;
  for r in select * from audit_log where seq is null order by id limit max_rows loop
    r.seq := head.last_seq + 1;
    r.prev_hash := head.last_hash;
    r.hash := encode(sha256(convert_to(audit_row_text(r), 'UTF8')), 'hex');
    update audit_log set seq = r.seq, prev_hash = r.prev_hash, hash = r.hash where id = r.id;
    head.last_seq := r.seq;
    head.last_hash := r.hash;
    n := n + 1;
  end loop;
  update audit_head set last_seq = head.last_seq, last_hash = head.last_hash;
  return n;
end $$;

-- Append-only: the only change allowed is sealing an unsealed row, leaving its content as it was.
create function audit_refuse_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and old.seq is null and new.seq is not null
     and (to_jsonb(old) - 'seq' - 'prev_hash' - 'hash') = (to_jsonb(new) - 'seq' - 'prev_hash' - 'hash') then
    return new;
  end if;
  raise exception 'audit_log is append-only' using errcode = '42501';
end $$;
create trigger audit_no_update before update or delete on audit_log for each row execute function audit_refuse_change();
create trigger audit_no_truncate before truncate on audit_log for each statement execute function audit_refuse_change();
