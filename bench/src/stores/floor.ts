import pg from 'pg';
import { IDLE_MS, type BenchStore } from './store.js';

/**
 * The floor: one autocommitted multi-row INSERT (unnest of arrays) per append
 * into a plain table with only what any event log needs (a global order and
 * one event per stream position). No idempotency, no stream table, no notify:
 * what PostgreSQL itself costs for these bytes.
 */
export function floorStore(connectionString: string, poolSize: number): BenchStore {
  const pool = new pg.Pool({ connectionString, max: poolSize, idleTimeoutMillis: IDLE_MS });
  return {
    name: 'floor',
    async setup() {
      await pool.query(`
        CREATE TABLE floor_events (
          global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          stream_id text NOT NULL,
          stream_position bigint NOT NULL,
          event_id uuid NOT NULL,
          type text NOT NULL,
          data jsonb NOT NULL,
          metadata jsonb NOT NULL,
          UNIQUE (stream_id, stream_position)
        )`);
    },
    async append(streamId, expectedVersion, events) {
      await pool.query(
        `INSERT INTO floor_events (stream_id, stream_position, event_id, type, data, metadata)
         SELECT $1, $2::bigint + e.ord, e.id, e.type, e.data, e.metadata
         FROM unnest($3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[]) WITH ORDINALITY AS e(id, type, data, metadata, ord)`,
        [
          streamId,
          expectedVersion,
          events.map((e) => e.id),
          events.map((e) => e.type),
          events.map((e) => JSON.stringify(e.data)),
          events.map((e) => JSON.stringify(e.metadata)),
        ],
      );
    },
    async readBatch(cursor, limit) {
      const { rows } = await pool.query<{ global_position: string }>(
        `SELECT global_position, stream_id, stream_position, event_id, type, data, metadata
         FROM floor_events WHERE global_position > $1 ORDER BY global_position LIMIT $2`,
        [cursor ?? 0, limit],
      );
      return { positions: rows.map((r) => Number(r.global_position)), cursor: rows.at(-1)?.global_position ?? cursor };
    },
    close: () => pool.end(),
  };
}
