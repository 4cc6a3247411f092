import type pg from 'pg';
import type { EventStore, ReadAllOptions } from './postgres-event-store.js';
import type { LogCheckpoint, StoredEvent } from './types.js';

export interface SubscriptionOptions {
  /** The subscriber's durable name: its checkpoint and its single-instance lock. */
  name: string;
  store: EventStore;
  pool: pg.Pool;
  /**
   * Handles a batch in log order. `tx` is the transaction in which the
   * checkpoint will be saved: write the subscriber's own PostgreSQL effect
   * through it and effect and checkpoint commit together (exactly once). An
   * effect elsewhere (Kafka) happens at least once.
   */
  handle(events: StoredEvent[], tx: pg.PoolClient): Promise<void>;
  filter?: Pick<ReadAllOptions, 'types' | 'categories'>;
  batchSize?: number;
  /** Poll interval while caught up (default 100 ms); also the standby's retry interval. */
  idleMs?: number;
  log?: (message: string, fields?: Record<string, unknown>) => void;
  /** Called when the subscription cannot go on (its lock connection failed). */
  onFatal?: (error: unknown) => void;
  /**
   * Runs once this instance holds the lock, before its first read, with the
   * saved checkpoint. Returning another checkpoint rewinds the subscription to
   * it (saved at once), e.g. a relay whose broker lost what it had published.
   */
  onActive?: (checkpoint: LogCheckpoint) => Promise<LogCheckpoint | void>;
}

export interface Subscription {
  /** Resolves at once; the subscription runs once it holds its lock (standby until then). */
  start(): void;
  stop(): Promise<void>;
  /** Events handled by this instance since it started. */
  handled(): number;
  /** Whether this instance holds the lock and runs. */
  isActive(): boolean;
}

/**
 * A durable subscription to the global log: resumes from its checkpoint, one
 * active instance per name (a PostgreSQL advisory lock on a dedicated
 * connection, released when that connection dies), the others standby and take
 * over. Polls while caught up (appends do not NOTIFY: notifying transactions
 * commit one at a time) and retries a failing batch with backoff from the
 * same checkpoint.
 */
export function createSubscription(options: SubscriptionOptions): Subscription {
  const { name, store, pool } = options;
  const idleMs = options.idleMs ?? 100;
  const log = options.log ?? (() => {});
  const checkpointName = `subscription:${name}`;
  let stopping = false;
  let active = false;
  let count = 0;
  let wake: (() => void) | undefined;
  let loop: Promise<void> | undefined;
  let lockClient: pg.PoolClient | undefined;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function acquireLock(): Promise<pg.PoolClient | undefined> {
    while (!stopping) {
      const client = await pool.connect();
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [checkpointName]);
      if (rows[0]?.locked) return client;
      client.release();
      await sleep(idleMs);
    }
    return undefined;
  }

  async function handleBatch(events: StoredEvent[], checkpoint: LogCheckpoint): Promise<void> {
    const tx = await pool.connect();
    try {
      await tx.query('BEGIN');
      await options.handle(events, tx);
      await store.saveCheckpoint(checkpointName, checkpoint, tx);
      await tx.query('COMMIT');
      count += events.length;
    } catch (error) {
      await tx.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      tx.release();
    }
  }

  async function run(): Promise<void> {
    let checkpoint = await store.loadCheckpoint(checkpointName);
    const rewound = await options.onActive?.(checkpoint);
    if (rewound) {
      await store.saveCheckpoint(checkpointName, rewound);
      checkpoint = rewound;
    }
    let failures = 0;
    while (!stopping) {
      try {
        const batch = await store.readAll({ after: checkpoint, limit: options.batchSize ?? 500, ...options.filter });
        if (batch.events.length === 0) {
          await sleep(idleMs);
          continue;
        }
        await handleBatch(batch.events, batch.checkpoint);
        checkpoint = batch.checkpoint;
        failures = 0;
      } catch (error) {
        failures++;
        const delay = Math.min(10_000, 200 * 2 ** failures) * (0.5 + Math.random() / 2);
        log('subscription batch failed; retrying', { name, error: String(error), attempt: failures, delayMs: Math.round(delay) });
        await sleep(delay);
      }
    }
  }

  return {
    start() {
      loop = (async () => {
        lockClient = await acquireLock();
        if (!lockClient) return;
        lockClient.on('error', (error) => {
          // The lock went with the connection: stop before another instance takes over.
          stopping = true;
          wake?.();
          options.onFatal?.(error);
        });
        active = true;
        log('subscription active', { name });
        await run();
      })().catch((error: unknown) => {
        log('subscription stopped by an error', { name, error: String(error) });
        options.onFatal?.(error);
      });
    },
    async stop() {
      if (stopping && !loop) return;
      stopping = true;
      wake?.();
      // A handler stuck on an unreachable broker would wait forever: give it a bound.
      await Promise.race([loop, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
      loop = undefined;
      active = false;
      lockClient?.release(true);
      lockClient = undefined;
    },
    handled: () => count,
    isActive: () => active,
  };
}
