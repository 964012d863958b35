-- Billing: the company's legal entities that invoice (sellers), its clients (a practice or a legal entity
-- grouping several), versioned contracts, monthly runs, invoices and credit notes numbered without gaps per
-- seller and year, their lines and the units behind them, and payments. Amounts are integer cents.

create table billing_sellers (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations(id),
  legal_name text not null,
  siren char(9) not null,
  vat_number text not null,
  address_line text not null,
  postal_code text not null,
  city text not null,
  country char(2) not null default 'FR',
  email text,
  iban text,
  bic text,
  -- late-payment penalty rate as written on invoices (e.g. "3 fois le taux d'intérêt légal")
  penalty_rate text not null default 'trois fois le taux d''intérêt légal',
  payment_days int not null default 30 check (payment_days between 0 and 60),
  invoice_prefix text not null default 'F' check (invoice_prefix ~ '^[A-Z0-9]{1,8}$'),
  created_at timestamptz not null default now()
);
create index billing_sellers_org on billing_sellers (organisation_id);

create table billing_clients (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations(id),
  seller_id uuid not null references billing_sellers(id),
  legal_name text not null,
  siren char(9) not null,
  vat_number text,
  address_line text not null,
  postal_code text not null,
  city text not null,
  country char(2) not null default 'FR',
  email text,
  created_at timestamptz not null default now()
);
create index billing_clients_org on billing_clients (organisation_id);

-- The practices a client pays for: a practice is billed to one client.
create table billing_client_practices (
  client_id uuid not null references billing_clients(id) on delete cascade,
  practice_id uuid not null unique references practices(id),
  primary key (client_id, practice_id)
);

create table contracts (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations(id),
  client_id uuid not null references billing_clients(id),
  label text not null,
  starts_on date not null,
  ends_on date check (ends_on is null or ends_on > starts_on),
  created_at timestamptz not null default now()
);
create index contracts_client on contracts (client_id);

-- Terms in force from valid_from (local date) until the next version: past invoices never move.
create table contract_versions (
  contract_id uuid not null references contracts(id) on delete cascade,
  valid_from date not null,
  terms jsonb not null,
  created_at timestamptz not null default now(),
  created_by uuid references users(id),
  primary key (contract_id, valid_from)
);

create table billing_runs (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations(id),
  month char(7) not null check (month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  drafts int not null,
  skipped int not null,
  created_by uuid references users(id),
  created_at timestamptz not null default now()
);

-- The last number given per seller and year: incremented inside the issuing transaction, so a rollback
-- gives the number back (no gap) and the row lock orders concurrent issues (no duplicate).
create table invoice_counters (
  seller_id uuid not null references billing_sellers(id),
  year int not null,
  last int not null,
  primary key (seller_id, year)
);

create table invoices (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations(id),
  seller_id uuid not null references billing_sellers(id),
  client_id uuid not null references billing_clients(id),
  contract_id uuid references contracts(id),
  kind text not null default 'invoice' check (kind in ('invoice', 'credit_note')),
  corrects_id uuid references invoices(id),
  month char(7) not null,
  period_start date not null,
  period_end date not null,
  status text not null default 'draft' check (status in ('draft', 'issued', 'sent', 'paid', 'overdue')),
  number text,
  issue_date date,
  due_date date,
  -- seller and buyer as they were when the invoice was issued
  seller jsonb,
  buyer jsonb,
  net_cents bigint not null default 0,
  vat_cents bigint not null default 0,
  gross_cents bigint not null default 0,
  paid_cents bigint not null default 0,
  cii_xml text,
  credit_reason text,
  issued_at timestamptz,
  issued_by uuid references users(id),
  sent_at timestamptz,
  last_reminder_at timestamptz,
  reminders int not null default 0,
  created_at timestamptz not null default now(),
  unique (seller_id, number),
  check ((status = 'draft') = (number is null)),
  check ((kind = 'credit_note') = (corrects_id is not null))
);
create index invoices_org_month on invoices (organisation_id, month);
create unique index invoices_one_per_contract_month on invoices (contract_id, month) where kind = 'invoice';
create unique index invoices_one_credit_note on invoices (corrects_id) where kind = 'credit_note';

create table invoice_lines (
  invoice_id uuid not null references invoices(id) on delete cascade,
  position int not null,
  kind text not null check (kind in ('subscription', 'units', 'surcharge', 'fee', 'option', 'free')),
  code text not null,
  label text not null,
  quantity int not null check (quantity >= 0),
  unit_price_cents bigint not null check (unit_price_cents >= 0),
  net_cents bigint not null,
  vat_rate_bp int not null default 2000,
  primary key (invoice_id, position)
);

-- Each invoiced unit and the event it comes from (call, appointment, message, SMS).
create table invoice_units (
  invoice_id uuid not null references invoices(id) on delete cascade,
  line_position int not null,
  source text not null check (source in ('call', 'appointment', 'message', 'sms')),
  source_id uuid not null,
  at timestamptz not null
);
create index invoice_units_invoice on invoice_units (invoice_id, line_position);

create table invoice_payments (
  id uuid primary key default gen_random_uuid(),
  invoice_id uuid not null references invoices(id),
  amount_cents bigint not null check (amount_cents > 0),
  paid_on date not null,
  method text not null check (method in ('transfer', 'direct_debit', 'cheque', 'card', 'other')),
  reference text,
  created_by uuid references users(id),
  created_at timestamptz not null default now()
);
create index invoice_payments_invoice on invoice_payments (invoice_id);

-- Issued documents are immutable: only their status, payments and reminders move.
create function invoices_refuse_change() returns trigger language plpgsql as $$
begin
  if old.status <> 'draft' and (
    new.number is distinct from old.number or new.issue_date is distinct from old.issue_date or
    new.due_date is distinct from old.due_date or new.seller is distinct from old.seller or
    new.buyer is distinct from old.buyer or new.net_cents <> old.net_cents or new.vat_cents <> old.vat_cents or
    new.gross_cents <> old.gross_cents or new.cii_xml is distinct from old.cii_xml or new.status = 'draft') then
    raise exception 'an issued invoice is immutable' using errcode = '42501';
  end if;
  if tg_op = 'DELETE' and old.status <> 'draft' then
    raise exception 'an issued invoice is immutable' using errcode = '42501';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end $$;
create trigger invoices_immutable before update or delete on invoices
  for each row execute function invoices_refuse_change();

create function invoice_lines_refuse_change() returns trigger language plpgsql as $$
declare s text;
begin
  select status into s from invoices where id = coalesce(new.invoice_id, old.invoice_id);
  if s is not null and s <> 'draft' then
    raise exception 'the lines of an issued invoice are immutable' using errcode = '42501';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end $$;
create trigger invoice_lines_immutable before insert or update or delete on invoice_lines
  for each row execute function invoice_lines_refuse_change();
