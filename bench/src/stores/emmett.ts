import { dumbo } from '@event-driven-io/dumbo';
import { getPostgreSQLEventStore, readMessagesBatch } from '@event-driven-io/emmett-postgresql';
import pg from 'pg';
import { IDLE_MS, type BenchStore } from './store.js';

/**
 * Emmett's PostgreSQL store. It is given our own pg.Pool (through a dumbo pool,
 * which also serves `readMessagesBatch`, Emmett's catch-up read of the global
 * log): by default dumbo makes a pg.Pool of pg's default size, 10.
 * Note: creating the dumbo pool globally sets pg's int8/jsonb type parsers
 * (to BigInt and dumbo's JSON parser), so this store runs in its own process.
 */
export function emmettStore(connectionString: string, poolSize: number): BenchStore {
  const pool = new pg.Pool({ connectionString, max: poolSize, idleTimeoutMillis: IDLE_MS });
  const db = dumbo({ connectionString, pool });
  const store = getPostgreSQLEventStore(connectionString, { connectionOptions: { dumbo: db } });
  return {
    name: 'emmett',
    async setup() {
      await store.schema.migrate();
    },
    async append(streamId, expectedVersion, events) {
      await store.appendToStream(
        streamId,
        // Emmett takes the message id from metadata.messageId (else makes one up).
        events.map((e) => ({ type: e.type, data: e.data, metadata: { ...e.metadata, messageId: e.id } })),
        { expectedStreamVersion: BigInt(expectedVersion) },
      );
    },
    async readBatch(cursor, limit) {
      const batch = await readMessagesBatch(db.execute, { after: (cursor as bigint | undefined) ?? 0n, batchSize: limit });
      return { positions: batch.messages.map((m) => Number(m.metadata.globalPosition)), cursor: batch.currentGlobalPosition };
    },
    async close() {
      await store.close();
      await db.close();
      await pool.end();
    },
  };
}
