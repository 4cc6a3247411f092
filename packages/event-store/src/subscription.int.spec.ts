import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createTestDatabase, waitFor, type TestDatabase } from '@traiettorie/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createConfigKeyWrapper } from './key-encryption.js';
import { migrateEventStore } from './migrations.js';
import type { EventStore } from './event-store.js';
import { createPostgresEventStore } from './postgres-event-store.js';
import { createSubscription, type Subscription, type SubscriptionOptions } from './subscription.js';
import { LOG_START, type StoredEvent } from './types.js';

describe('durable subscriptions', () => {
  let db: TestDatabase;
  let store: EventStore;
  const running: Subscription[] = [];
  /** Handlers held inside a batch; let go before stopping, also when a test failed midway. */
  const gates: (() => void)[] = [];

  beforeEach(async () => {
    db = await createTestDatabase('subscription');
    await migrateEventStore(db.pool);
    store = createPostgresEventStore(db.pool);
    await db.pool.query('CREATE TABLE tally (stream_id text PRIMARY KEY, n int NOT NULL)');
  });
  afterEach(async () => {
    for (const release of gates.splice(0)) release();
    for (const s of running.splice(0)) await s.stop();
    await db.drop();
  });

  /** A projection counting events per stream, written in the subscription's transaction. */
  function tally(name: string, fail?: () => boolean): Subscription {
    const subscription = createSubscription({
      name,
      store,
      pool: db.pool,
      idleMs: 50,
      batchSize: 7,
      async handle(events, tx) {
        for (const e of events) {
          await tx.query('INSERT INTO tally VALUES ($1, 1) ON CONFLICT (stream_id) DO UPDATE SET n = tally.n + 1', [e.streamId]);
        }
        if (fail?.()) throw new Error('projection crashed after writing');
      },
    });
    running.push(subscription);
    return subscription;
  }

  const append = (stream: string, n: number) =>
    store.appendToStream(stream, Array.from({ length: n }, () => ({ id: randomUUID(), type: 'Counted', data: {} })));

  const counts = async () =>
    Object.fromEntries((await db.pool.query<{ stream_id: string; n: number }>('SELECT * FROM tally')).rows.map((r) => [r.stream_id, r.n]));

  it('commits the projection and its checkpoint together: a failed batch leaves no trace and is retried', async () => {
    await append('case-a', 10);
    let failures = 2;
    const subscription = tally('tally', () => failures-- > 0);
    subscription.start();
    await waitFor(counts, (c) => c['case-a'] === 10, { what: 'the tally to reach 10' });
    expect(await counts()).toEqual({ 'case-a': 10 });
  });

  it('retries a batch whose handler threw a TypeError or a non-Error, as any other failure, and stays active', async () => {
    await append('case-a', 4);
    const thrown: unknown[] = [new TypeError('a bug in the handler'), 'not even an Error'];
    const logged: Record<string, unknown>[] = [];
    const subscription = createSubscription({
      name: 'bugged',
      store,
      pool: db.pool,
      idleMs: 50,
      log: (message, fields) => void (message === 'subscription batch failed; retrying' && logged.push(fields ?? {})),
      async handle(events, tx) {
        for (const e of events) {
          await tx.query('INSERT INTO tally VALUES ($1, 1) ON CONFLICT (stream_id) DO UPDATE SET n = tally.n + 1', [e.streamId]);
        }
        if (thrown.length > 0) throw thrown.shift();
      },
    });
    running.push(subscription);
    subscription.start();
    await waitFor(counts, (c) => c['case-a'] === 4, { what: 'the tally to reach 4 after two failed batches' });
    expect(subscription.isActive()).toBe(true);
    expect(logged.map((f) => [f.error, f.attempt])).toEqual([
      ['TypeError: a bug in the handler', 1],
      ['not even an Error', 2],
    ]);
  });

  it('resumes from its checkpoint after a restart, counting nothing twice', async () => {
    await append('case-a', 5);
    const first = tally('tally');
    first.start();
    await waitFor(counts, (c) => c['case-a'] === 5, { what: 'the first run' });
    await first.stop();
    await append('case-a', 3);
    await append('case-b', 2);
    tally('tally').start();
    await waitFor(counts, (c) => c['case-a'] === 8 && c['case-b'] === 2, { what: 'the second run' });
  });

  it('runs one instance per name; another takes over when it stops', async () => {
    await append('case-a', 3);
    const active = tally('tally');
    active.start();
    await waitFor(() => active.isActive(), Boolean, { what: 'the first instance to become active' });
    const standby = tally('tally');
    standby.start();
    await append('case-a', 3);
    await waitFor(counts, (c) => c['case-a'] === 6, { what: 'the active instance' });
    expect(standby.isActive()).toBe(false);
    expect(standby.handled()).toBe(0);
    await active.stop();
    await append('case-a', 4);
    await waitFor(counts, (c) => c['case-a'] === 10, { what: 'the standby to take over' });
    expect(standby.handled()).toBe(4);
  });

  it('delivers only the event types and stream categories it asked for', async () => {
    await store.appendToStream('case-1', [{ id: randomUUID(), type: 'Wanted', data: {} }]);
    await store.appendToStream('case-2', [{ id: randomUUID(), type: 'Unwanted', data: {} }]);
    await store.appendToStream('employment-1', [{ id: randomUUID(), type: 'Wanted', data: {} }]);
    const seen: string[] = [];
    const subscription = createSubscription({
      name: 'filtered',
      store,
      pool: db.pool,
      idleMs: 50,
      filter: { types: ['Wanted'], categories: ['case'] },
      handle: async (events) => void seen.push(...events.map((e) => `${e.streamId}:${e.type}`)),
    });
    running.push(subscription);
    subscription.start();
    await waitFor(() => seen.length, (n) => n >= 1, { what: 'the filtered event' });
    await store.appendToStream('case-3', [{ id: randomUUID(), type: 'Wanted', data: {} }]);
    await waitFor(() => seen.length, (n) => n >= 2, { what: 'the next wanted event' });
    expect(seen).toEqual(['case-1:Wanted', 'case-3:Wanted']);
  });

  describe('exactly once whatever the timing of a takeover', () => {
    /**
     * Every event's effect is a row written through the batch's transaction, with no key, so
     * nothing but the subscription itself can keep a second application out; every change of
     * the subscription's checkpoint row is recorded, so a move backwards is seen.
     */
    beforeEach(async () => {
      await db.pool.query('CREATE TABLE applied (event_id uuid NOT NULL, instance text NOT NULL)');
      await db.pool.query(`CREATE TABLE checkpoint_history (seq bigserial PRIMARY KEY, transaction_id xid8, global_position bigint)`);
      await db.pool.query(`
        CREATE FUNCTION record_checkpoint() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO checkpoint_history (transaction_id, global_position) VALUES (NEW.transaction_id, NEW.global_position);
          RETURN NEW;
        END $$;
        CREATE TRIGGER checkpoint_history AFTER INSERT OR UPDATE ON event_store.checkpoints
          FOR EACH ROW WHEN (NEW.name = 'subscription:fenced') EXECUTE FUNCTION record_checkpoint();`);
    });

    interface Instance {
      subscription: Subscription;
      /** Resolves when the instance's first batch is inside its handler, effect written, waiting. */
      blocked: Promise<void>;
      /** Lets the blocked handler return. */
      release(): void;
      logs: string[];
      fatal: unknown[];
    }

    function instance(label: string, options: { blockFirstBatch?: boolean } & Partial<SubscriptionOptions> = {}): Instance {
      let signalBlocked!: () => void;
      const blocked = new Promise<void>((resolve) => (signalBlocked = resolve));
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      gates.push(() => release());
      let batches = 0;
      const logs: string[] = [];
      const fatal: unknown[] = [];
      const { blockFirstBatch, ...overrides } = options;
      const subscription = createSubscription({
        name: 'fenced',
        store,
        pool: db.pool,
        idleMs: 20,
        batchSize: 10,
        log: (message) => void logs.push(message),
        onFatal: (error) => void fatal.push(error),
        async handle(events: StoredEvent[], tx) {
          await tx.query('INSERT INTO applied SELECT unnest($1::uuid[]), $2', [events.map((e) => e.id), label]);
          if (blockFirstBatch && batches++ === 0) {
            signalBlocked();
            await gate;
          }
        },
        ...overrides,
      });
      running.push(subscription);
      return { subscription, blocked, release, logs, fatal };
    }

    const applications = async () => {
      const { rows } = await db.pool.query<{ rows: number; events: number; most: number }>(
        `SELECT coalesce(sum(n), 0)::int AS rows, count(*)::int AS events, coalesce(max(n), 0)::int AS most
         FROM (SELECT event_id, count(*) AS n FROM applied GROUP BY event_id) per_event`,
      );
      return { rows: rows[0]!.rows, events: rows[0]!.events, mostTimesOneEventApplied: rows[0]!.most };
    };

    /** Checkpoint changes that moved it backwards, in the order they committed. */
    const backwardMoves = async () =>
      (
        await db.pool.query<{ seq: string }>(
          `SELECT seq FROM (SELECT seq, transaction_id, global_position,
             lag(transaction_id) OVER w AS prev_tx, lag(global_position) OVER w AS prev_pos
             FROM checkpoint_history WINDOW w AS (ORDER BY seq)) h
           WHERE (transaction_id, global_position) < (prev_tx, prev_pos)`,
        )
      ).rows.length;

    const lockHolders = async () =>
      (
        await db.pool.query<{ pid: number }>(
          // The single-key advisory locks: subscriptions' (appends take two-key ones on their stream).
          `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1 AND granted
             AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        )
      ).rows.map((r) => r.pid);

    async function appendThirty(): Promise<void> {
      for (let i = 0; i < 3; i++) await append(`case-${i}`, 10);
    }

    /** A restarted instance finds nothing left to do, and applies a new event exactly once. */
    async function expectRestartAppliesNothingTwice(): Promise<void> {
      for (const s of running.splice(0)) await s.stop();
      const restarted = instance('restarted');
      restarted.subscription.start();
      await waitFor(() => restarted.subscription.isActive(), Boolean, { what: 'the restarted instance to become active' });
      await sleep(300);
      expect(restarted.subscription.handled()).toBe(0);
      await append('case-new', 1);
      await waitFor(applications, (a) => a.events === 31, { what: 'the new event' });
      expect(await applications()).toEqual({ rows: 31, events: 31, mostTimesOneEventApplied: 1 });
      expect(restarted.subscription.handled()).toBe(1);
    }

    it('applies every event once when the active instance loses its lock connection mid-batch and a standby takes over', async () => {
      await appendThirty();
      const stale = instance('stale', { blockFirstBatch: true });
      stale.subscription.start();
      await stale.blocked;
      expect(stale.subscription.isActive()).toBe(true);
      const standby = instance('standby');
      standby.subscription.start();
      await sleep(100);
      expect(standby.subscription.isActive()).toBe(false);

      // The active instance's lock connection dies while its handler is still inside the batch.
      const holders = await lockHolders();
      expect(holders).toHaveLength(1);
      await db.pool.query('SELECT pg_terminate_backend($1)', [holders[0]]);

      await waitFor(() => standby.subscription.isActive(), Boolean, { what: 'the standby to take over' });
      await waitFor(applications, (a) => a.events === 30, { what: 'the standby to apply all 30 events' });
      expect(stale.subscription.isActive()).toBe(false);

      // Now the stale instance's batch finishes and tries to commit.
      stale.release();
      await waitFor(
        () => stale.logs.includes('subscription fenced off: another instance took over') || stale.subscription.handled() > 0,
        Boolean,
        { what: 'the stale batch to end' },
      );
      expect(await applications()).toEqual({ rows: 30, events: 30, mostTimesOneEventApplied: 1 });
      expect(stale.subscription.handled()).toBe(0);
      expect(stale.subscription.isActive()).toBe(false);
      expect(standby.subscription.isActive()).toBe(true);
      expect(stale.fatal).toHaveLength(1);
      expect(await backwardMoves()).toBe(0);
      const saved = await store.loadCheckpoint('subscription:fenced');
      const last = (await store.readAll({ limit: 100 })).events.at(-1)!;
      expect(saved).toEqual({ transactionId: last.transactionId, globalPosition: last.globalPosition });

      await expectRestartAppliesNothingTwice();
      expect(await backwardMoves()).toBe(0);
    });

    it('applies a batch once when its commit went through but the acknowledgement was lost', async () => {
      await appendThirty();
      // The database commits the second batch, then the connection "fails" before the client hears of it.
      let commits = 0;
      const lossy = new Proxy(db.pool, {
        get(pool, property) {
          if (property === 'connect') {
            return async () => {
              const client = await pool.connect();
              return new Proxy(client, {
                get(target, key) {
                  if (key === 'query') {
                    return async (text: string, params?: unknown[]) => {
                      const result = await target.query(text, params);
                      if (text === 'COMMIT' && ++commits === 2) throw new Error('Connection terminated unexpectedly');
                      return result;
                    };
                  }
                  const value = Reflect.get(target, key) as unknown;
                  return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
                },
              });
            };
          }
          const value = Reflect.get(pool, property) as unknown;
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(pool) : value;
        },
      });
      const subscription = instance('lossy', { pool: lossy });
      subscription.subscription.start();
      await waitFor(applications, (a) => a.events === 30, { what: 'all 30 events' });
      await sleep(500); // time for a wrongful retry of the batch whose acknowledgement was lost
      expect(commits).toBeGreaterThanOrEqual(3);
      expect(await applications()).toEqual({ rows: 30, events: 30, mostTimesOneEventApplied: 1 });
      expect(subscription.logs).toContain('subscription batch failed; retrying');
      expect(await backwardMoves()).toBe(0);
    });

    it('applies every event once when stop() gives up on a slow handler and the next instance takes over', async () => {
      await appendThirty();
      const slow = instance('slow', { blockFirstBatch: true, stopTimeoutMs: 500 });
      slow.subscription.start();
      await slow.blocked;
      const started = Date.now();
      await slow.subscription.stop();
      expect(Date.now() - started).toBeLessThan(15_000); // it gave up on the handler
      expect(slow.subscription.isActive()).toBe(false);

      const next = instance('next');
      next.subscription.start();
      await waitFor(() => next.subscription.isActive(), Boolean, { what: 'the next instance to take over' });
      await waitFor(applications, (a) => a.events === 30, { what: 'the next instance to apply all 30 events' });

      slow.release();
      await waitFor(
        () => slow.logs.includes('subscription fenced off: another instance took over') || slow.subscription.handled() > 0,
        Boolean,
        { what: 'the slow batch to end' },
      );
      expect(await applications()).toEqual({ rows: 30, events: 30, mostTimesOneEventApplied: 1 });
      expect(slow.subscription.handled()).toBe(0);
      expect(slow.fatal).toEqual([]); // it was stopped on purpose: nobody to alarm
      expect(await backwardMoves()).toBe(0);

      await expectRestartAppliesNothingTwice();
      expect(await backwardMoves()).toBe(0);
    });
  });

  it('a filtered subscription whose filter matches nothing saves the horizon it scanned, and still gets the next match', async () => {
    for (let i = 0; i < 5; i++) await append(`noise-${i}`, 20);
    const seen: string[] = [];
    const subscription = createSubscription({
      name: 'rare',
      store,
      pool: db.pool,
      idleMs: 20,
      horizonSaveMs: 0,
      filter: { types: ['Rare'] },
      handle: async (events) => void seen.push(...events.map((e) => e.type)),
    });
    running.push(subscription);
    subscription.start();
    // Readers see events below the oldest running transaction on the server (ADR 2): other spec files'
    // transactions can hold the horizon back for a moment, so wait until all the noise is visible.
    const noise = (await waitFor(() => store.readAll({ limit: 1000 }), (r) => r.events.length === 100, { what: 'the noise to be visible' })).events;
    const lastNoise = noise.at(-1)!;
    const saved = await waitFor(
      () => store.loadCheckpoint('subscription:rare'),
      (c) => BigInt(c.transactionId) > BigInt(lastNoise.transactionId),
      { what: 'the checkpoint to move past the non-matching events' },
    );
    expect(saved).not.toEqual(LOG_START);
    expect(seen).toEqual([]);
    await store.appendToStream('case-rare', [{ id: randomUUID(), type: 'Rare', data: {} }]);
    await waitFor(() => seen.length, (n) => n === 1, { what: 'the matching event' });
    expect(seen).toEqual(['Rare']);
  });

  it('goes past an event whose ciphertext was altered, delivering it flagged as damaged', async () => {
    const keyEncryptionKey = createConfigKeyWrapper([{ id: 'test-kek', key: randomBytes(32) }]);
    const protectedStore = createPostgresEventStore(db.pool, { personalData: { protectedPaths: () => ['name'] }, keyEncryptionKey });
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    for (const id of ids) {
      await protectedStore.appendToStream(`case-${id}`, [{ id, type: 'Named', data: { name: 'Maria Rossi', n: 1 }, metadata: { personref: 'P-1' } }]);
    }
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL session_replication_role = replica');
      await client.query('UPDATE event_store.events SET protected = set_byte(protected, length(protected) - 20, get_byte(protected, length(protected) - 20) # 1) WHERE event_id = $1', [ids[1]]);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const delivered: StoredEvent[] = [];
    const subscription = createSubscription({
      name: 'past-damage',
      store: protectedStore,
      pool: db.pool,
      idleMs: 20,
      batchSize: 2,
      handle: async (events) => void delivered.push(...events),
    });
    running.push(subscription);
    subscription.start();
    await waitFor(() => delivered.length, (n) => n === 3, { what: 'all three events, the damaged one included' });
    expect(delivered.map((e) => [e.id, e.damaged?.reason])).toEqual([
      [ids[0], undefined],
      [ids[1], 'protected-fields-unreadable'],
      [ids[2], undefined],
    ]);
    expect(delivered[1]!.data).toEqual({ n: 1 });
    expect(delivered[2]!.data).toEqual({ name: 'Maria Rossi', n: 1 });
  });
});
