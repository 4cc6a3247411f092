-- keyed chain: append MACs, keyed chain entries, the legacy boundary, alarms
-- Every event carries the MAC its appending service computed over its
-- content with a chain key the database never holds (ADR 6); the sealer
-- refuses a row without a valid one. Rows stored before this migration
-- have none: chain_origin.legacy_until says up to where that is allowed,
-- and every keyed chain entry covers that number.
ALTER TABLE event_store.events ADD COLUMN mac_key_id text, ADD COLUMN append_mac bytea;
-- The chain key an entry's HMAC was computed with; NULL for the bare
-- SHA-256 entries sealed before this migration.
ALTER TABLE event_store.chain ADD COLUMN key_id text;
CREATE TABLE event_store.chain_origin (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  legacy_until bigint NOT NULL,
  migrated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO event_store.chain_origin (legacy_until) SELECT coalesce(max(global_position), 0) FROM event_store.events;
-- What the sealer refused to seal, for the auditors (and the relay's health).
CREATE TABLE event_store.chain_alarms (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  detected_at timestamptz NOT NULL DEFAULT now(),
  reason text NOT NULL,
  global_position bigint NOT NULL,
  event_id uuid,
  detail text NOT NULL,
  UNIQUE (reason, global_position)
);
CREATE TRIGGER chain_origin_append_only BEFORE UPDATE OR DELETE ON event_store.chain_origin
  FOR EACH ROW EXECUTE FUNCTION event_store.forbid_change();
CREATE TRIGGER chain_origin_no_truncate BEFORE TRUNCATE ON event_store.chain_origin
  FOR EACH STATEMENT EXECUTE FUNCTION event_store.forbid_change();
CREATE TRIGGER chain_alarms_append_only BEFORE UPDATE OR DELETE ON event_store.chain_alarms
  FOR EACH ROW EXECUTE FUNCTION event_store.forbid_change();
CREATE TRIGGER chain_alarms_no_truncate BEFORE TRUNCATE ON event_store.chain_alarms
  FOR EACH STATEMENT EXECUTE FUNCTION event_store.forbid_change();

-- event_store.append: the whole of an append in one statement, so one round
-- trip: the expected-version check, the stream's version bump and the insert,
-- atomic. It is the only definition of the function (see 0004).
--
-- * No idempotency check on the hot path: the unique index on event_id
--   catches a repeat, and the store looks the ids up only when the append
--   cannot proceed (a version conflict may be a retry). No statement here can
--   degrade into a scan of the log whatever plan it cached.
-- * No NOTIFY: notifying transactions commit one at a time, which would
--   serialise every writer; subscribers poll instead.
-- * Stream order in the log: a stream's appends take a transaction-scoped
--   advisory lock on the stream before their first write, so before
--   PostgreSQL gives the transaction its id: of two appends to one stream, the
--   one that takes the lock later also gets the later transaction id, and the
--   log, read in (transaction id, position) order, keeps each stream's events
--   in stream order. A row lock cannot do it: locking a row already assigns
--   the transaction id. The two-key form keeps stream locks apart from the
--   store's other (single-key) advisory locks; a hash collision only makes two
--   streams wait for each other.
-- * Each row carries its append MAC (mac_key, mac), computed by the store
--   before the call, and its protected fields (key_id, protected).
CREATE OR REPLACE FUNCTION event_store.append(p_stream text, p_expected text, p_batch jsonb)
  RETURNS TABLE (outcome text, stream_version bigint, positions bigint[])
  LANGUAGE plpgsql AS $$
DECLARE
  n int := jsonb_array_length(p_batch);
  v bigint;
BEGIN
  IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION 'event_store.append must be the first write of its transaction (stream order in the log depends on it)'
      USING ERRCODE = 'invalid_transaction_state';
  END IF;
  PERFORM pg_advisory_xact_lock(7301931, hashtext(p_stream));
  IF p_expected = 'any' THEN
    INSERT INTO event_store.streams AS s (stream_id, version) VALUES (p_stream, n)
      ON CONFLICT (stream_id) DO UPDATE SET version = s.version + n RETURNING s.version INTO v;
  ELSIF p_expected IN ('no_stream', '0') THEN
    INSERT INTO event_store.streams (stream_id, version) VALUES (p_stream, n)
      ON CONFLICT (stream_id) DO NOTHING RETURNING version INTO v;
  ELSIF p_expected = 'stream_exists' THEN
    UPDATE event_store.streams s SET version = s.version + n WHERE s.stream_id = p_stream RETURNING s.version INTO v;
  ELSE
    UPDATE event_store.streams s SET version = s.version + n
      WHERE s.stream_id = p_stream AND s.version = p_expected::bigint RETURNING s.version INTO v;
  END IF;
  IF v IS NULL THEN
    RETURN QUERY SELECT 'conflict'::text,
      coalesce((SELECT s.version FROM event_store.streams s WHERE s.stream_id = p_stream), 0::bigint), NULL::bigint[];
    RETURN;
  END IF;
  RETURN QUERY
    WITH inserted AS (
      INSERT INTO event_store.events (stream_id, stream_position, event_id, event_type, data, metadata, key_id, protected,
                                      mac_key_id, append_mac)
      SELECT p_stream, v - n + b.ord, (b.ev->>'id')::uuid, b.ev->>'type', b.ev->'data', b.ev->'metadata',
             (b.ev->>'key_id')::uuid, decode(b.ev->>'protected', 'base64'),
             b.ev->>'mac_key', decode(b.ev->>'mac', 'base64')
      FROM jsonb_array_elements(p_batch) WITH ORDINALITY AS b(ev, ord)
      ORDER BY b.ord
      RETURNING global_position)
    SELECT 'appended'::text, v, array_agg(global_position ORDER BY global_position) FROM inserted;
END $$;
