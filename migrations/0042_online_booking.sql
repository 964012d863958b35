-- Public online booking: a practice's page (/rdv/{slug}) and the booking requests confirmed by an SMS code.
create table online_booking_settings (
  practice_id uuid primary key references practices(id) on delete cascade,
  organisation_id uuid not null references organisations(id),
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) between 3 and 80),
  enabled boolean not null default true,
  -- the secretariat confirms each online booking (the slot is held meanwhile)
  requires_confirmation boolean not null default false,
  updated_at timestamptz not null default now()
);

-- A request waits for its SMS code; the identity it carries is matched to a patient only once the code is right.
create table online_booking_requests (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations(id),
  practice_id uuid not null references practices(id) on delete cascade,
  practitioner_id uuid not null references practitioners(id) on delete cascade,
  motif_id uuid not null,
  start_at timestamptz not null,
  birth_name text not null,
  first_given_name text not null,
  birth_date date not null,
  sex char(1) not null check (sex in ('F', 'M', 'I')),
  mobile_phone text not null,
  email text,
  client_address text not null,
  code_hash text not null,
  code_attempts int not null default 0,
  status text not null default 'pending' check (status in ('pending', 'booked', 'failed')),
  appointment_id uuid references appointments(id),
  patient_id uuid references patients(id),
  created_at timestamptz not null,
  expires_at timestamptz not null
);
create index online_booking_requests_phone on online_booking_requests (mobile_phone, created_at);
create index online_booking_requests_address on online_booking_requests (client_address, created_at);
