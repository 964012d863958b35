-- Training calls (a trainer ringing a practice for an exercise) stay in the call log but are never
-- counted: not in metrics, forecasts nor invoices. Their ENTER event carries {"training": true} too,
-- so that figures computed from the log alone leave them out.
alter table calls add column training boolean not null default false;
