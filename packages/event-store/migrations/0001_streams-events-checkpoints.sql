-- streams, events, checkpoints
CREATE TABLE event_store.streams (
  stream_id text PRIMARY KEY,
  version bigint NOT NULL CHECK (version > 0)
);
CREATE TABLE event_store.events (
  global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- The writing transaction: readers of the global log use it to never
  -- pass an event whose transaction has not committed yet.
  transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  stream_id text NOT NULL,
  stream_position bigint NOT NULL,
  event_id uuid NOT NULL UNIQUE,
  event_type text NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (stream_id, stream_position)
);
CREATE INDEX events_log_order ON event_store.events (transaction_id, global_position);
CREATE TABLE event_store.checkpoints (
  name text PRIMARY KEY,
  transaction_id xid8 NOT NULL,
  global_position bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
