-- crypto-shredding: per-person data keys, protected fields
-- A person's data key, found by a digest of their reference. Deleting the
-- row (forget) leaves their protected fields unreadable for good.
CREATE TABLE event_store.person_keys (
  key_id uuid PRIMARY KEY,
  person_digest bytea NOT NULL UNIQUE,
  data_key bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- Personal fields of an event, encrypted (AES-256-GCM) under the person's key.
ALTER TABLE event_store.events ADD COLUMN key_id uuid, ADD COLUMN protected bytea;
