-- A delivery that no transport carried (no SMTP or SMS provider configured: the demo) is 'logged', not 'sent'.
alter table deliveries drop constraint deliveries_status_check;
alter table deliveries add constraint deliveries_status_check check (status in ('queued', 'sending', 'sent', 'delivered', 'failed', 'logged'));
