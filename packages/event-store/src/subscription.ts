import pRetry from 'p-retry';
import type pg from 'pg';
import type { EventStore, ReadAllOptions } from './event-store.js';
import type { LogCheckpoint, StoredEvent } from './types.js';

export interface SubscriptionOptions {
  /** The subscriber's durable name: its checkpoint and its single-instance lock. */
  name: string;
  store: EventStore;
  pool: pg.Pool;
  /**
   * Handles a batch in log order. `tx` is the transaction in which the
   * checkpoint will be saved: write the subscriber's own PostgreSQL effect
   * through it and effect and checkpoint commit together (exactly once, also
   * when another instance takes over mid-batch: the stale batch then rolls
   * back). An effect elsewhere (Kafka) happens at least once.
   */
  handle(events: StoredEvent[], tx: pg.PoolClient): Promise<void>;
  filter?: Pick<ReadAllOptions, 'types' | 'categories'>;
  batchSize?: number;
  /** Poll interval while caught up (default 100 ms); also the standby's retry interval. */
  idleMs?: number;
  log?: (message: string, fields?: Record<string, unknown>) => void;
  /**
   * Called when this instance cannot go on: its lock connection failed, or
   * another instance took over (`SubscriptionFencedError`).
   */
  onFatal?: (error: unknown) => void;
  /**
   * Runs once this instance holds the lock, before its first read, with the
   * saved checkpoint. Returning another checkpoint rewinds the subscription to
   * it (saved at once), e.g. a relay whose broker lost what it had published.
   */
  onActive?: (checkpoint: LogCheckpoint) => Promise<LogCheckpoint | void>;
  /** How long `stop()` waits for a batch in flight (default 10 s); a batch that ends later cannot commit. */
  stopTimeoutMs?: number;
  /**
   * How often at most a filtered subscription whose filter matched nothing
   * saves the horizon it scanned (default 1 s), so a restart does not scan
   * those events again.
   */
  horizonSaveMs?: number;
}

export interface Subscription {
  /** Resolves at once; the subscription runs once it holds its lock (standby until then). */
  start(): void;
  stop(): Promise<void>;
  /** Events handled by this instance since it started. */
  handled(): number;
  /** Whether this instance holds the lock and runs (false once it lost the lock or was fenced off). */
  isActive(): boolean;
}

/** The instance's epoch is no longer the subscription's: another instance took over, so this one must stop. */
export class SubscriptionFencedError extends Error {
  constructor(
    readonly subscription: string,
    readonly epoch: number,
  ) {
    super(`subscription ${subscription}: another instance took over (this instance's epoch ${epoch} is stale); its batch was rolled back`);
    this.name = 'SubscriptionFencedError';
  }
}

/**
 * A durable subscription to the global log: resumes from its checkpoint, one
 * active instance per name (a PostgreSQL advisory lock on a dedicated
 * connection, released when that connection dies), the others standby and take
 * over. Polls while caught up (appends do not NOTIFY: notifying transactions
 * commit one at a time) and retries a failing batch with backoff from the
 * same checkpoint.
 *
 * Exactly once does not rest on the lock, which an instance can lose without
 * knowing it in time (its connection dies mid-batch, or `stop()` gives up on a
 * slow handler): taking over increments the subscription's epoch, and every
 * checkpoint is saved, in the batch's transaction, only if the epoch is still
 * the instance's own and the checkpoint moves forwards. A stale instance's
 * batch fails at that update and rolls back with its effect, and the stale
 * instance stops. Taking over waits for a batch that already saved its
 * checkpoint to commit, and resumes after it.
 */
export function createSubscription(options: SubscriptionOptions): Subscription {
  const { name, pool } = options;
  const idleMs = options.idleMs ?? 100;
  const stopTimeoutMs = options.stopTimeoutMs ?? 10_000;
  const horizonSaveMs = options.horizonSaveMs ?? 1_000;
  const log = options.log ?? (() => {});
  const checkpointName = `subscription:${name}`;
  let stopping = false;
  let active = false;
  let fatal = false;
  let stopRequested = false;
  let count = 0;
  let wake: (() => void) | undefined;
  let loop: Promise<void> | undefined;
  let lockClient: pg.PoolClient | undefined;

  // Stops a retry's wait (as wake stops an idle one) when the instance stops or fails.
  const halted = new AbortController();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  /** This instance can no longer run: it lost its lock or was fenced off. */
  function fail(error: unknown): void {
    stopping = true;
    active = false;
    wake?.();
    halted.abort();
    // After stop() nobody is left to tell: the instance was being shut down anyway.
    if (fatal || stopRequested) return;
    fatal = true;
    options.onFatal?.(error);
  }

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

  /**
   * Takes the subscription over: increments its epoch and reads the checkpoint
   * in one statement. A batch of the previous instance that already updated the
   * checkpoint holds its row: this waits for that batch to end and reads past it.
   */
  async function takeOver(): Promise<{ epoch: number; checkpoint: LogCheckpoint }> {
    const { rows } = await pool.query<{ epoch: string; transaction_id: string; global_position: string }>(
      `INSERT INTO event_store.checkpoints AS c (name, transaction_id, global_position, epoch) VALUES ($1, '0', 0, 1)
       ON CONFLICT (name) DO UPDATE SET epoch = c.epoch + 1, updated_at = now()
       RETURNING c.epoch, c.transaction_id::text, c.global_position`,
      [checkpointName],
    );
    const row = rows[0]!;
    return { epoch: Number(row.epoch), checkpoint: { transactionId: row.transaction_id, globalPosition: Number(row.global_position) } };
  }

  /** The saved checkpoint, if this instance's epoch is still the subscription's. */
  async function savedCheckpoint(db: Pick<pg.PoolClient, 'query'>, epoch: number): Promise<LogCheckpoint> {
    const { rows } = await db.query<{ epoch: string; transaction_id: string; global_position: string }>(
      'SELECT epoch, transaction_id::text, global_position FROM event_store.checkpoints WHERE name = $1',
      [checkpointName],
    );
    const row = rows[0];
    if (!row || Number(row.epoch) !== epoch) throw new SubscriptionFencedError(name, epoch);
    return { transactionId: row.transaction_id, globalPosition: Number(row.global_position) };
  }

  /**
   * Saves the checkpoint under this instance's epoch, strictly forwards. Fails
   * when another instance took over, or when the saved checkpoint is already
   * there (a batch whose commit went through although its acknowledgement was
   * lost): the batch then rolls back and the loop resumes from what was saved.
   */
  async function saveFenced(db: Pick<pg.PoolClient, 'query'>, epoch: number, checkpoint: LogCheckpoint): Promise<void> {
    const { rowCount } = await db.query(
      `UPDATE event_store.checkpoints SET transaction_id = $3::xid8, global_position = $4, updated_at = now()
       WHERE name = $1 AND epoch = $2 AND (transaction_id, global_position) < ($3::xid8, $4::bigint)`,
      [checkpointName, epoch, checkpoint.transactionId, checkpoint.globalPosition],
    );
    if (rowCount === 1) return;
    const saved = await savedCheckpoint(db, epoch);
    throw new Error(
      `subscription ${name}: its checkpoint is already at ${saved.transactionId}/${saved.globalPosition}, ` +
        `not before ${checkpoint.transactionId}/${checkpoint.globalPosition}; resuming from it`,
    );
  }

  /** Moves the checkpoint to where `onActive` asked, backwards included, under this instance's epoch. */
  async function rewindFenced(epoch: number, checkpoint: LogCheckpoint): Promise<void> {
    const { rowCount } = await pool.query(
      `UPDATE event_store.checkpoints SET transaction_id = $3::xid8, global_position = $4, updated_at = now()
       WHERE name = $1 AND epoch = $2`,
      [checkpointName, epoch, checkpoint.transactionId, checkpoint.globalPosition],
    );
    if (rowCount !== 1) throw new SubscriptionFencedError(name, epoch);
    log('subscription rewound', { name, epoch, to: checkpoint.globalPosition });
  }

  async function handleBatch(events: StoredEvent[], epoch: number, checkpoint: LogCheckpoint): Promise<void> {
    const tx = await pool.connect();
    try {
      await tx.query('BEGIN');
      await options.handle(events, tx);
      // Last, so the checkpoint row is held only for the commit: a takeover is not kept waiting by a slow handler.
      await saveFenced(tx, epoch, checkpoint);
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
    const claimed = await takeOver();
    const { epoch } = claimed;
    let checkpoint = claimed.checkpoint;
    const rewound = await options.onActive?.(checkpoint);
    if (rewound) {
      await rewindFenced(epoch, rewound);
      checkpoint = rewound;
    }
    let saved = checkpoint;
    let savedAt = Date.now();
    if (stopping) return;
    active = true;
    log('subscription active', { name, epoch });

    /** One poll: a batch handled, or an idle wait. After a failed attempt it resumes from what is saved. */
    async function poll(attempt: number): Promise<void> {
      if (attempt > 1) {
        // A commit can succeed although its acknowledgement was lost.
        try {
          checkpoint = saved = await savedCheckpoint(pool, epoch);
        } catch (reloadError) {
          if (reloadError instanceof SubscriptionFencedError) throw reloadError;
          // The database is unreachable: this attempt retries from the checkpoint held in memory.
        }
      }
      try {
        const batch = await options.store.readAll({ after: checkpoint, limit: options.batchSize ?? 500, ...options.filter });
        if (batch.events.length === 0) {
          // A filtered read that matched nothing moved to the horizon it scanned: keep it, and save it now and then,
          // so neither the next poll nor a restart scans those events again.
          checkpoint = batch.checkpoint;
          if (!sameCheckpoint(checkpoint, saved) && Date.now() - savedAt >= horizonSaveMs) {
            await saveFenced(pool, epoch, checkpoint);
            saved = checkpoint;
            savedAt = Date.now();
          }
          await sleep(idleMs);
          return;
        }
        if (stopping) return;
        await handleBatch(batch.events, epoch, batch.checkpoint);
        checkpoint = saved = batch.checkpoint;
        savedAt = Date.now();
      } catch (error) {
        // p-retry gives up at once on a TypeError or a thrown non-Error (it takes them for bugs); a subscription retries every failure.
        throw error instanceof Error && !(error instanceof TypeError) ? error : new RetriedFailure(error);
      }
    }

    while (!stopping) {
      try {
        // Backoff with jitter: 200-400 ms after the first failure, doubling, at most 10 s; every failure but fencing is retried.
        await pRetry(poll, {
          retries: Infinity,
          minTimeout: 200,
          factor: 2,
          maxTimeout: 10_000,
          randomize: true,
          signal: halted.signal,
          shouldRetry: ({ error }) => !(error instanceof SubscriptionFencedError),
          onFailedAttempt: ({ error, attemptNumber }) => {
            if (error instanceof SubscriptionFencedError) return;
            const cause = error instanceof RetriedFailure ? error.cause : error;
            log('subscription batch failed; retrying', { name, error: String(cause), attempt: attemptNumber });
          },
        });
      } catch (error) {
        if (error instanceof SubscriptionFencedError) {
          log('subscription fenced off: another instance took over', { name, epoch });
          fail(error);
          return;
        }
        // Stopped (or failed) while waiting to retry.
        if (stopping) return;
        throw error;
      }
    }
  }

  return {
    start() {
      loop = (async () => {
        lockClient = await acquireLock();
        if (!lockClient) return;
        lockClient.on('error', (error) => {
          // The lock went with the connection: another instance may take over. A batch in flight
          // cannot commit any more (its epoch is fenced off), so stop here.
          log('subscription lost its lock connection', { name, error: String(error) });
          fail(error);
        });
        await run();
      })().catch((error: unknown) => {
        log('subscription stopped by an error', { name, error: String(error) });
        fail(error);
      });
    },
    async stop() {
      if (stopping && !loop) return;
      stopping = true;
      stopRequested = true;
      wake?.();
      halted.abort();
      // A handler stuck on an unreachable broker would wait forever: give it a bound. Whatever it does
      // afterwards cannot commit once another instance took over (the epoch fences it off).
      await Promise.race([loop, new Promise((resolve) => setTimeout(resolve, stopTimeoutMs).unref())]);
      loop = undefined;
      active = false;
      lockClient?.release(true);
      lockClient = undefined;
    },
    handled: () => count,
    isActive: () => active,
  };
}

/** A TypeError (or a non-Error) a poll threw, carried so that p-retry retries it like any other failure. */
class RetriedFailure extends Error {
  constructor(override readonly cause: unknown) {
    super(String(cause), { cause });
  }
}

function sameCheckpoint(a: LogCheckpoint, b: LogCheckpoint): boolean {
  return a.transactionId === b.transactionId && a.globalPosition === b.globalPosition;
}
