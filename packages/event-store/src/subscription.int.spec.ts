import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createTestDatabase, waitFor, type TestDatabase } from '@traiettorie/testing';
import { randomUUID } from 'node:crypto';
import { migrateEventStore } from './migrations.js';
import { createPostgresEventStore, type EventStore } from './postgres-event-store.js';
import { createSubscription, type Subscription } from './subscription.js';

describe('durable subscriptions', () => {
  let db: TestDatabase;
  let store: EventStore;
  const running: Subscription[] = [];

  beforeEach(async () => {
    db = await createTestDatabase('subscription');
    await migrateEventStore(db.pool);
    store = createPostgresEventStore(db.pool);
    await db.pool.query('CREATE TABLE tally (stream_id text PRIMARY KEY, n int NOT NULL)');
  });
  afterEach(async () => {
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
});
