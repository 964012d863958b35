-- Patient search (src/patients/repo.ts). search_name holds the patient's name words, lower-case and
-- unaccented, birth name first, separated by single spaces.

-- 1. Names starting with what was typed, in name order, one practice at a time: a btree in C order, where
--    "dupont" (the exact name) sorts before "dupontel" because a space sorts before letters.
drop index if exists patients_practice_name;
create index patients_practice_name on patients (practice_id, search_name collate "C", id);

-- 2. Any word starting with a typed word, within the caller's practices: a full-text index whose lexemes are
--    the words prefixed with their practice ("<practice hex>.martin"), so a prefix query ('<hex>.mar':*)
--    reads only the scope's entries, however large the table. Built with array_to_tsvector: no parser, no
--    dictionary, the words are taken as they are. fastupdate off: no pending list to scan on every search
--    (PGlite has no autovacuum to flush it); a patient insert updates the index at once, which is cheap.
create function patient_name_words(practice_id uuid, search_name text) returns tsvector
  language sql immutable parallel safe
  return array_to_tsvector(string_to_array(
    ltrim(replace(' ' || search_name, ' ', ' ' || replace(practice_id::text, '-', '') || '.')), ' '));
create index patients_name_words on patients using gin (patient_name_words(practice_id, search_name)) with (fastupdate = off);

-- The trigram index on search_name is superseded by the two above; identity checks read (practice_id, birth_date).
drop index if exists patients_practice_name_trgm;
drop index if exists patients_identity;
