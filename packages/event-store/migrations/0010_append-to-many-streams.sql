-- append to many streams in one statement and one transaction
-- What a batch of published events (many cases at once) costs: one round
-- trip and one commit, not one per stream. Each stream's append keeps what
-- event_store.append guarantees: its lock is taken before the transaction's
-- first write (every lock first, in one order, so two batches never wait on
-- each other in a cycle), its expected version is checked, and an id already
-- stored leaves that stream's events out. A stream that conflicts or reuses
-- an id is reported and changes nothing; the other streams are appended.
CREATE FUNCTION event_store.append_streams(p_appends jsonb)
  RETURNS TABLE (ord bigint, outcome text, stream_version bigint, positions bigint[])
  LANGUAGE plpgsql AS $$
DECLARE
  a record;
  lock_key int;
  n int;
  v bigint;
BEGIN
  IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION 'event_store.append_streams must be the first write of its transaction (stream order in the log depends on it)'
      USING ERRCODE = 'invalid_transaction_state';
  END IF;
  FOR lock_key IN SELECT DISTINCT hashtext(x.ap->>'stream') FROM jsonb_array_elements(p_appends) AS x(ap) ORDER BY 1 LOOP
    PERFORM pg_advisory_xact_lock(7301931, lock_key);
  END LOOP;
  FOR a IN SELECT x.ap->>'stream' AS stream, x.ap->>'expected' AS expected, x.ap->'events' AS batch, x.ord AS i
           FROM jsonb_array_elements(p_appends) WITH ORDINALITY AS x(ap, ord) ORDER BY x.ord LOOP
    n := jsonb_array_length(a.batch);
    IF EXISTS (SELECT 1 FROM event_store.events e
               WHERE e.event_id IN (SELECT (b.ev->>'id')::uuid FROM jsonb_array_elements(a.batch) AS b(ev))) THEN
      RETURN QUERY SELECT a.i, 'duplicate'::text,
        coalesce((SELECT s.version FROM event_store.streams s WHERE s.stream_id = a.stream), 0::bigint), NULL::bigint[];
      CONTINUE;
    END IF;
    v := NULL;
    IF a.expected = 'any' THEN
      INSERT INTO event_store.streams AS s (stream_id, version) VALUES (a.stream, n)
        ON CONFLICT (stream_id) DO UPDATE SET version = s.version + n RETURNING s.version INTO v;
    ELSIF a.expected IN ('no_stream', '0') THEN
      INSERT INTO event_store.streams (stream_id, version) VALUES (a.stream, n)
        ON CONFLICT (stream_id) DO NOTHING RETURNING version INTO v;
    ELSIF a.expected = 'stream_exists' THEN
      UPDATE event_store.streams s SET version = s.version + n WHERE s.stream_id = a.stream RETURNING s.version INTO v;
    ELSE
      UPDATE event_store.streams s SET version = s.version + n
        WHERE s.stream_id = a.stream AND s.version = a.expected::bigint RETURNING s.version INTO v;
    END IF;
    IF v IS NULL THEN
      RETURN QUERY SELECT a.i, 'conflict'::text,
        coalesce((SELECT s.version FROM event_store.streams s WHERE s.stream_id = a.stream), 0::bigint), NULL::bigint[];
      CONTINUE;
    END IF;
    RETURN QUERY
      WITH inserted AS (
        INSERT INTO event_store.events (stream_id, stream_position, event_id, event_type, data, metadata, key_id, protected,
                                        mac_key_id, append_mac)
        SELECT a.stream, v - n + b.ord, (b.ev->>'id')::uuid, b.ev->>'type', b.ev->'data', b.ev->'metadata',
               (b.ev->>'key_id')::uuid, decode(b.ev->>'protected', 'base64'),
               b.ev->>'mac_key', decode(b.ev->>'mac', 'base64')
        FROM jsonb_array_elements(a.batch) WITH ORDINALITY AS b(ev, ord)
        ORDER BY b.ord
        RETURNING global_position)
      SELECT a.i, 'appended'::text, v, array_agg(global_position ORDER BY global_position) FROM inserted;
  END LOOP;
END $$;
