-- Consignes: the practitioner's instructions to the secretariat, per practice and optionally per
-- practitioner of that practice. Every change writes a new numbered version (who, when, what); each
-- user's last acknowledged version is kept so the console can show what changed since then.
-- Consignes hold no patient data: no audit rows, but the versions are never rewritten.

-- One set of consignes: the practice's own (practitioner_id null) or one practitioner's at that practice.
create table consignes (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations(id),
  practice_id uuid not null references practices(id) on delete cascade,
  practitioner_id uuid references practitioners(id) on delete cascade,
  -- 0 only inside the transaction that writes the first version
  current_version int not null default 0 check (current_version >= 0),
  updated_at timestamptz not null default now()
);
create unique index consignes_of_practice on consignes (practice_id) where practitioner_id is null;
create unique index consignes_of_practitioner on consignes (practice_id, practitioner_id) where practitioner_id is not null;

-- Every version of a set, whole: its sections ([{kind, title, body}]) and useful numbers ([{label, number}]).
create table consigne_versions (
  consigne_id uuid not null references consignes(id) on delete cascade,
  version int not null check (version >= 1),
  organisation_id uuid not null references organisations(id),
  practice_id uuid not null references practices(id) on delete cascade,
  sections jsonb not null check (jsonb_typeof(sections) = 'array'),
  useful_numbers jsonb not null default '[]'::jsonb check (jsonb_typeof(useful_numbers) = 'array'),
  summary text check (length(summary) <= 200),
  author_id uuid not null references users(id),
  created_at timestamptz not null default clock_timestamp(),
  primary key (consigne_id, version)
);

create function consigne_versions_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'consigne_versions are never rewritten' using errcode = '42501';
end $$;
create trigger consigne_versions_no_update before update on consigne_versions
  for each row execute function consigne_versions_refuse_change();

-- The last version of a set each user acknowledged ("J'ai lu"); it only moves forward.
create table consigne_reads (
  user_id uuid not null references users(id) on delete cascade,
  consigne_id uuid not null references consignes(id) on delete cascade,
  version int not null check (version >= 1),
  seen_at timestamptz not null default now(),
  primary key (user_id, consigne_id)
);
create index consigne_reads_consigne on consigne_reads (consigne_id);
