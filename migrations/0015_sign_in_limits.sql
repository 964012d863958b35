-- Sign-in limits, replacing login_failures: one counter row per key ('account:<email>', 'source:<address>',
-- 'device:<nonce>'), reserved atomically BEFORE a password is checked, so that parallel guesses cannot all
-- be checked. Unknown e-mails are counted like known ones: the limit reveals no account.
create table sign_in_limits (
  key text primary key,
  -- Attempts reserved in the current window: failures, plus those being checked right now.
  attempts integer not null,
  window_start timestamptz not null,
  -- Progressive delay: no attempt checked before this instant.
  next_allowed_at timestamptz
);

-- The key that signs known-device cookies, generated once and kept here unless RELAIS_DEVICE_SECRET is set.
create table sign_in_secrets (
  name text primary key,
  value text not null
);

drop table login_failures;
