import type pg from 'pg';

/**
 * Versioned migrations of the event store's schema. Append only: a released
 * migration is never edited; a change is a new entry.
 */
export const migrations: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'streams, events, checkpoints',
    sql: `
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
    `,
  },
  {
    version: 2,
    name: 'hash chain, append-only guards',
    sql: `
      -- The tamper-evident chain over the global log, in log order (seq). Each
      -- entry's hash covers the event's canonical content and the previous hash.
      CREATE TABLE event_store.chain (
        seq bigint PRIMARY KEY,
        global_position bigint NOT NULL UNIQUE,
        transaction_id xid8 NOT NULL,
        hash bytea NOT NULL
      );
      CREATE FUNCTION event_store.forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'event_store.% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON event_store.events
        FOR EACH ROW EXECUTE FUNCTION event_store.forbid_change();
      CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON event_store.events
        FOR EACH STATEMENT EXECUTE FUNCTION event_store.forbid_change();
      CREATE TRIGGER chain_append_only BEFORE UPDATE OR DELETE ON event_store.chain
        FOR EACH ROW EXECUTE FUNCTION event_store.forbid_change();
      CREATE TRIGGER chain_no_truncate BEFORE TRUNCATE ON event_store.chain
        FOR EACH STATEMENT EXECUTE FUNCTION event_store.forbid_change();
    `,
  },
  {
    version: 3,
    name: 'crypto-shredding: per-person data keys, protected fields',
    sql: `
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
    `,
  },
  {
    version: 4,
    name: 'append in one statement',
    sql: `
      -- One round trip per append: idempotency check, expected-version check,
      -- stream version bump and the insert, atomic as a single statement.
      -- No NOTIFY: notifying transactions commit one at a time, which would
      -- serialise every writer; subscribers poll instead.
      CREATE FUNCTION event_store.append(p_stream text, p_expected text, p_batch jsonb)
        RETURNS TABLE (outcome text, stream_version bigint, positions bigint[])
        LANGUAGE plpgsql AS $$
      DECLARE
        n int := jsonb_array_length(p_batch);
        existing int;
        same int;
        v bigint;
      BEGIN
        SELECT count(*), count(*) FILTER (WHERE e.stream_id = p_stream AND e.event_type = b.ev->>'type' AND e.data = b.ev->'data')
          INTO existing, same
          FROM jsonb_array_elements(p_batch) AS b(ev)
          JOIN event_store.events e ON e.event_id = (b.ev->>'id')::uuid;
        IF existing > 0 THEN
          RETURN QUERY SELECT CASE WHEN existing = n AND same = n THEN 'retried' ELSE 'duplicate' END,
            (SELECT s.version FROM event_store.streams s WHERE s.stream_id = p_stream), NULL::bigint[];
          RETURN;
        END IF;
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
            INSERT INTO event_store.events (stream_id, stream_position, event_id, event_type, data, metadata, key_id, protected)
            SELECT p_stream, v - n + b.ord, (b.ev->>'id')::uuid, b.ev->>'type', b.ev->'data', b.ev->'metadata',
                   (b.ev->>'key_id')::uuid, decode(b.ev->>'protected', 'base64')
            FROM jsonb_array_elements(p_batch) WITH ORDINALITY AS b(ev, ord)
            ORDER BY b.ord
            RETURNING global_position)
          SELECT 'appended'::text, v, array_agg(global_position ORDER BY global_position) FROM inserted;
      END $$;
    `,
  },
  {
    version: 5,
    name: 'append: idempotency check by index whatever the cached plan',
    sql: `
      CREATE OR REPLACE FUNCTION event_store.append(p_stream text, p_expected text, p_batch jsonb)
        RETURNS TABLE (outcome text, stream_version bigint, positions bigint[])
        LANGUAGE plpgsql AS $$
      DECLARE
        n int := jsonb_array_length(p_batch);
        existing int;
        same int;
        v bigint;
      BEGIN
        -- An index probe by id array: a plan cached while the table was small
        -- must not turn into a scan of the whole log as it grows.
        SELECT count(*) INTO existing FROM event_store.events e
          WHERE e.event_id = ANY (ARRAY(SELECT (b.ev->>'id')::uuid FROM jsonb_array_elements(p_batch) AS b(ev)));
        IF existing > 0 THEN
          SELECT count(*) FILTER (WHERE e.stream_id = p_stream AND e.event_type = b.ev->>'type' AND e.data = b.ev->'data')
            INTO same
            FROM jsonb_array_elements(p_batch) AS b(ev)
            JOIN event_store.events e ON e.event_id = (b.ev->>'id')::uuid;
          RETURN QUERY SELECT CASE WHEN existing = n AND same = n THEN 'retried' ELSE 'duplicate' END,
            (SELECT s.version FROM event_store.streams s WHERE s.stream_id = p_stream), NULL::bigint[];
          RETURN;
        END IF;
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
            INSERT INTO event_store.events (stream_id, stream_position, event_id, event_type, data, metadata, key_id, protected)
            SELECT p_stream, v - n + b.ord, (b.ev->>'id')::uuid, b.ev->>'type', b.ev->'data', b.ev->'metadata',
                   (b.ev->>'key_id')::uuid, decode(b.ev->>'protected', 'base64')
            FROM jsonb_array_elements(p_batch) WITH ORDINALITY AS b(ev, ord)
            ORDER BY b.ord
            RETURNING global_position)
          SELECT 'appended'::text, v, array_agg(global_position ORDER BY global_position) FROM inserted;
      END $$;
      ALTER FUNCTION event_store.append(text, text, jsonb) SET plan_cache_mode = force_custom_plan;
    `,
  },
  {
    version: 6,
    name: 'append: idempotency off the hot path',
    sql: `
      -- The ids are checked only when the append cannot proceed: the unique
      -- index on event_id catches a repeat, and a version conflict may be a
      -- retry. No statement here can degrade into a scan of the log whatever
      -- plan it cached.
      CREATE OR REPLACE FUNCTION event_store.append(p_stream text, p_expected text, p_batch jsonb)
        RETURNS TABLE (outcome text, stream_version bigint, positions bigint[])
        LANGUAGE plpgsql AS $$
      DECLARE
        n int := jsonb_array_length(p_batch);
        v bigint;
      BEGIN
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
            INSERT INTO event_store.events (stream_id, stream_position, event_id, event_type, data, metadata, key_id, protected)
            SELECT p_stream, v - n + b.ord, (b.ev->>'id')::uuid, b.ev->>'type', b.ev->'data', b.ev->'metadata',
                   (b.ev->>'key_id')::uuid, decode(b.ev->>'protected', 'base64')
            FROM jsonb_array_elements(p_batch) WITH ORDINALITY AS b(ev, ord)
            ORDER BY b.ord
            RETURNING global_position)
          SELECT 'appended'::text, v, array_agg(global_position ORDER BY global_position) FROM inserted;
      END $$;
      ALTER FUNCTION event_store.append(text, text, jsonb) RESET plan_cache_mode;
    `,
  },
  {
    version: 7,
    name: 'data keys wrapped by a key-encryption key, never in statistics; forgotten persons kept as tombstones',
    sql: `
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
    `,
  },
  {
    version: 8,
    name: 'stream order in the log, fenced subscription checkpoints, indexes for filtered reads',
    sql: `
      -- A stream's appends take a transaction-scoped advisory lock on the stream
      -- before their first write, so before PostgreSQL gives the transaction its
      -- id: of two appends to one stream, the one that takes the lock later
      -- also gets the later transaction id, and the log, read in (transaction
      -- id, position) order, keeps each stream's events in stream order. A row
      -- lock cannot do it: locking a row already assigns the transaction id.
      -- The two-key form keeps stream locks apart from the store's other
      -- (single-key) advisory locks; a hash collision only makes two streams
      -- wait for each other.
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
            INSERT INTO event_store.events (stream_id, stream_position, event_id, event_type, data, metadata, key_id, protected)
            SELECT p_stream, v - n + b.ord, (b.ev->>'id')::uuid, b.ev->>'type', b.ev->'data', b.ev->'metadata',
                   (b.ev->>'key_id')::uuid, decode(b.ev->>'protected', 'base64')
            FROM jsonb_array_elements(p_batch) WITH ORDINALITY AS b(ev, ord)
            ORDER BY b.ord
            RETURNING global_position)
          SELECT 'appended'::text, v, array_agg(global_position ORDER BY global_position) FROM inserted;
      END $$;

      -- A subscription's fencing epoch: an instance that takes over increments
      -- it, and a checkpoint is saved only under the epoch its instance took,
      -- in the transaction of the instance's effect. A stale instance's commit
      -- fails and takes its effect with it.
      ALTER TABLE event_store.checkpoints ADD COLUMN epoch bigint NOT NULL DEFAULT 0;

      -- Filtered reads of the global log, in log order, cost what the matching
      -- events cost: one ordered index range per event type or per category.
      CREATE INDEX events_type_log_order ON event_store.events (event_type, transaction_id, global_position);
      CREATE INDEX events_category_log_order ON event_store.events ((split_part(stream_id, '-', 1)), transaction_id, global_position);
    `,
  },
  {
    version: 9,
    name: 'keyed chain: append MACs, keyed chain entries, the legacy boundary, alarms',
    sql: `
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
    `,
  },
];

const MIGRATION_LOCK = 7_301_931_001; // pg_advisory_xact_lock key: one migrator at a time

export interface MigrateOptions {
  /**
   * The role that owns the schema (ADR 6): the migration runs under `SET LOCAL
   * ROLE`, so what it creates belongs to that role, not to the connecting one.
   */
  asRole?: string;
  /** The services' role: granted, after migrating, only what appending and reading need (see `grantEventStoreAccess`). */
  grantTo?: string;
}

/**
 * Brings the schema to the latest version; safe to call from several processes
 * at once. When the schema is already up to date it changes nothing (so a
 * service connected as a role that may not alter the schema can call it at
 * start); when it is not, and the role may not migrate, the error says to run
 * `traiettorie-store migrate` as the owner.
 */
export async function migrateEventStore(pool: pg.Pool, options: MigrateOptions = {}): Promise<void> {
  if (!options.asRole && !options.grantTo && (await pendingMigrations(pool)) === 0) return;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    if (options.asRole) await client.query(`SET LOCAL ROLE ${quoteIdent(options.asRole)}`);
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE SCHEMA IF NOT EXISTS event_store');
    await client.query(
      `CREATE TABLE IF NOT EXISTS event_store.schema_migrations (
         version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM event_store.schema_migrations');
    const applied = new Set(rows.map((r) => r.version));
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO event_store.schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
    }
    if (options.grantTo) await grantEventStoreAccess(client, options.grantTo);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    if ((error as { code?: string }).code === '42501') {
      throw new Error(
        `the event store's schema needs migrating and this role may not do it (${(error as Error).message}): ` +
          'run `traiettorie-store migrate` (or `provision`) as the schema owner',
        { cause: error },
      );
    }
    throw error;
  } finally {
    client.release();
  }
}

/** How many migrations the database lacks (all of them when the schema does not exist). */
export async function pendingMigrations(db: Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>): Promise<number> {
  const { rows: exists } = await db.query<{ t: string | null }>(`SELECT to_regclass('event_store.schema_migrations')::text AS t`);
  if (!exists[0]?.t) return migrations.length;
  const { rows } = await db.query<{ version: number }>('SELECT version FROM event_store.schema_migrations');
  const applied = new Set(rows.map((r) => r.version));
  return migrations.filter((m) => !applied.has(m.version)).length;
}

/**
 * What the services' role may do in the store (ADR 6): read everything, append
 * events and chain entries through the store, keep its own bookkeeping
 * (streams' versions, checkpoints, data keys), never change or delete an
 * event, a chain entry, the chain's origin or an alarm, and own nothing, so it
 * cannot switch the append-only triggers off either. Run by the owner.
 */
export async function grantEventStoreAccess(db: Pick<pg.PoolClient, 'query'>, role: string): Promise<void> {
  const r = quoteIdent(role);
  await db.query(`
    REVOKE ALL ON ALL TABLES IN SCHEMA event_store FROM ${r};
    GRANT USAGE ON SCHEMA event_store TO ${r};
    GRANT SELECT ON ALL TABLES IN SCHEMA event_store TO ${r};
    GRANT INSERT ON event_store.events, event_store.chain, event_store.chain_alarms TO ${r};
    GRANT INSERT, UPDATE ON event_store.streams, event_store.checkpoints, event_store.person_keys TO ${r};
    GRANT EXECUTE ON FUNCTION event_store.append(text, text, jsonb) TO ${r};
  `);
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`role name "${name}" must be lower-case letters, digits and _`);
  return `"${name}"`;
}
