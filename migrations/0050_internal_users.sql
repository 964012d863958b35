-- Internal accounts (the "Patient (lien sécurisé)" actor behind patients' signed links) are not people:
-- they never sign in and never show in the team screens or the users API.
alter table users add column internal boolean not null default false;
update users set internal = true where email like 'patient-links+%@relais.invalid';
