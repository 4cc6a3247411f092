-- data keys wrapped by a key-encryption key, never in statistics; forgotten persons kept as tombstones
-- data_key now holds the key wrapped (AES-256-GCM) by the key-encryption
-- key named in kek_id, which the database never holds. kek_id NULL marks a
-- key written before this migration, still in clear until rewrapDataKeys
-- wraps it at the next start.
ALTER TABLE event_store.person_keys
  ADD COLUMN kek_id text,
  ADD COLUMN forgotten_at timestamptz,
  ALTER COLUMN data_key DROP NOT NULL;
-- Forget destroys the key and keeps the row as a tombstone: the unique
-- digest then stops any fresh key for a forgotten person.
ALTER TABLE event_store.person_keys
  ADD CONSTRAINT person_keys_key_or_tombstone CHECK ((data_key IS NULL) = (forgotten_at IS NOT NULL));
-- Rewriting the column's type (to the same type) drops the statistics
-- ANALYZE already copied from it into pg_statistic (a plain DELETE there
-- needs a superuser); statistics target 0 keeps ANALYZE, and autovacuum,
-- from ever sampling keys again.
ALTER TABLE event_store.person_keys ALTER COLUMN data_key TYPE bytea;
ALTER TABLE event_store.person_keys ALTER COLUMN data_key SET STATISTICS 0;
