import { createChainKeys, createPostgresEventStore, migrateEventStore, type LogCheckpoint } from '@traiettorie/event-store';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { IDLE_MS, type BenchStore } from './store.js';

/**
 * The hash-chain API, looked up at run time so the bench builds against any
 * version of the store: `seal()` extends the chain, `verify({ onProgress })`
 * recomputes it and reports `{ ok, verified }`.
 */
interface HashChain {
  seal?: () => Promise<{ sealed?: number } | undefined>;
  verify?: (options?: { onProgress?: (verified: number) => void }) => Promise<{ ok?: boolean; verified?: number } | undefined>;
}

/**
 * Our store: `createPostgresEventStore(pool, { chainKeys })` after `migrateEventStore(pool)`, as the
 * services run it: every append carries its MAC (ADR 6), the chain is keyed.
 */
export function oursStore(connectionString: string, poolSize: number): BenchStore {
  const pool = new pg.Pool({ connectionString, max: poolSize, idleTimeoutMillis: IDLE_MS });
  const store = createPostgresEventStore(pool, { chainKeys: createChainKeys([{ id: 'bench', key: randomBytes(32) }]) });
  const chain = store as unknown as HashChain;
  return {
    name: 'ours',
    setup: () => migrateEventStore(pool),
    async append(streamId, expectedVersion, events) {
      await store.appendToStream(streamId, events, { expectedVersion: expectedVersion === 0 ? 'no_stream' : expectedVersion });
    },
    async readBatch(cursor, limit) {
      const { events, checkpoint } = await store.readAll({ after: cursor as LogCheckpoint | undefined, limit });
      return { positions: events.map((e) => e.globalPosition), cursor: checkpoint };
    },
    ...(typeof chain.seal === 'function' && {
      seal: async () => (await chain.seal!.call(store))?.sealed ?? 0,
    }),
    ...(typeof chain.verify === 'function' && {
      async verify(onProgress: (verified: number) => void) {
        const result = await chain.verify!.call(store, { onProgress });
        return { ok: result?.ok ?? true, verified: result?.verified ?? 0 };
      },
    }),
    close: () => pool.end(),
  };
}
