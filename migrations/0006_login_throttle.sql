-- Failed sign-ins, kept in the database so that every instance sees the same count.
-- Unknown emails are recorded like known ones: the throttle must not reveal which accounts exist.
create table login_failures (
  email_key text not null,
  at timestamptz not null default now()
);
create index login_failures_email on login_failures (email_key, at);
