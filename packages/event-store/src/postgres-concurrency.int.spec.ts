import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, waitFor, type TestDatabase } from '@traiettorie/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { drain, settle } from './event-store.contract.js';
import { createConfigKeyWrapper } from './key-encryption.js';
import { migrateEventStore } from './migrations.js';
import type { EventStore } from './event-store.js';
import { createPostgresEventStore } from './postgres-event-store.js';
import { LOG_START, type LogCheckpoint, type NewEvent, type ReadAllResult } from './types.js';

let lastCheckpoint: LogCheckpoint = LOG_START;

/** Reads the log to its visible end from a checkpoint, keeping what the order checks need. */
async function drainEvents(store: EventStore, from: LogCheckpoint) {
  const events: { id: string; streamId: string; streamPosition: number }[] = [];
  let checkpoint = from;
  for (;;) {
    const batch = await store.readAll({ after: checkpoint, limit: 500 });
    if (batch.events.length === 0) return { checkpoint, events };
    events.push(...batch.events.map((e) => ({ id: e.id, streamId: e.streamId, streamPosition: e.streamPosition })));
    checkpoint = batch.checkpoint;
  }
}

const event = (type = 'Something', data: unknown = { n: 1 }): NewEvent => ({ id: randomUUID(), type, data, metadata: { source: 'test' } });

/** What only a server with concurrent connections can show: transactions that commit out of order. */
describe('event store on a PostgreSQL server, under concurrent connections', () => {
  let db: TestDatabase;
  let store: EventStore;

  beforeAll(async () => {
    db = await createTestDatabase('event_store_concurrency');
    await migrateEventStore(db.pool);
    store = createPostgresEventStore(db.pool);
  });
  afterAll(() => db.drop());

  describe('reading the global log', () => {
    it('does not pass an event whose transaction commits late', async () => {
      const start = { checkpoint: await settle(store, db) };
      const late = await db.pool.connect();
      try {
        // A transaction takes the next global position but has not committed yet.
        await late.query('BEGIN');
        await late.query(
          `INSERT INTO event_store.events (stream_id, stream_position, event_id, event_type, data, metadata)
           VALUES ($1, 1, $2, 'Late', '{}', '{}')`,
          [`case-${randomUUID()}`, randomUUID()],
        );
        await store.appendToStream(`case-${randomUUID()}`, [event('Early')]);
        const whileOpen = await store.readAll({ after: start.checkpoint });
        expect(whileOpen.events.map((e) => e.type)).toEqual([]);
        await late.query('COMMIT');
      } finally {
        late.release();
      }
      const after = await waitFor(() => store.readAll({ after: start.checkpoint }), (r) => r.events.length >= 2, {
        what: 'both events once the late one committed',
      });
      expect(after.events.map((e) => e.type)).toEqual(['Late', 'Early']);
    });

    it('gives a reader every event exactly once, in one order, under concurrent writers holding transactions open', async () => {
      const start = { checkpoint: await settle(store, db) };
      const appended = new Set<string>();
      const writers = Array.from({ length: 12 }, async (_, w) => {
        for (let i = 0; i < 15; i++) {
          const e = event(`W${w}`);
          if (Math.random() < 0.3) {
            const client = await db.pool.connect();
            try {
              await client.query('BEGIN');
              await client.query(
                `INSERT INTO event_store.events (stream_id, stream_position, event_id, event_type, data, metadata)
                 VALUES ($1, 1, $2, $3, '{}', '{}')`,
                [`held-${e.id}`, e.id, e.type],
              );
              await sleep(Math.random() * 40);
              await client.query('COMMIT');
            } finally {
              client.release();
            }
          } else {
            await store.appendToStream(`case-${w}-${i}-${randomUUID()}`, [e]);
          }
          appended.add(e.id);
        }
      });
      const seen: string[] = [];
      let checkpoint = start.checkpoint;
      let writing = true;
      const all = Promise.all(writers).then(() => (writing = false));
      while (writing) {
        const batch = await store.readAll({ after: checkpoint, limit: 7 });
        seen.push(...batch.events.map((e) => e.id));
        checkpoint = batch.checkpoint;
      }
      await all;
      await waitFor(
        async () => {
          const rest = await drain(store, checkpoint);
          seen.push(...rest.ids);
          checkpoint = rest.checkpoint;
          return seen.length;
        },
        (n) => n >= appended.size,
        { what: 'every appended event' },
      );
      expect(seen.length).toBe(appended.size);
      expect(new Set(seen)).toEqual(appended);
    });
  });

  it("keeps each stream's events in stream-position order in the global log, whoever wins the race to append", async () => {
    // 8 writers append to the same new stream with expectedVersion 'any', 300 times over (and then, every third
    // round, to the existing stream): whichever transaction takes the stream later gets the later positions, and
    // must come later in the log.
    const start = { checkpoint: await settle(store, db) };
    const appended = new Set<string>();
    const rounds = 300;
    const race = (stream: string, expectedVersion: (writer: number) => 'any' | 'stream_exists') =>
      Promise.all(
        Array.from({ length: 8 }, async (_, writer) => {
          const batch = Array.from({ length: 1 + (writer % 2) }, () => event('Raced'));
          await store.appendToStream(stream, batch, { expectedVersion: expectedVersion(writer) });
          for (const e of batch) appended.add(e.id);
        }),
      );
    for (let round = 0; round < rounds; round++) {
      const stream = `race-${round}-${randomUUID()}`;
      await race(stream, () => 'any'); // the stream is new: all race to create it
      if (round % 3 === 0) await race(stream, (writer) => (writer % 2 ? 'any' : 'stream_exists')); // and now it exists
    }
    const seen: { id: string; streamId: string; streamPosition: number }[] = [];
    await waitFor(
      async () => {
        const rest = await drainEvents(store, seen.length === 0 ? start.checkpoint : lastCheckpoint);
        seen.push(...rest.events);
        lastCheckpoint = rest.checkpoint;
        return seen.length;
      },
      (n) => n >= appended.size,
      { what: 'every raced event' },
    );
    expect(seen.length).toBe(appended.size);
    expect(new Set(seen.map((e) => e.id))).toEqual(appended);
    const lastPosition = new Map<string, number>();
    const outOfOrder: string[] = [];
    for (const e of seen) {
      const previous = lastPosition.get(e.streamId) ?? 0;
      if (e.streamPosition !== previous + 1) outOfOrder.push(`${e.streamId}@${e.streamPosition} after ${previous}`);
      lastPosition.set(e.streamId, e.streamPosition);
    }
    expect({ outOfOrder: outOfOrder.length, first: outOfOrder.slice(0, 5) }).toEqual({ outOfOrder: 0, first: [] });
  });

  it("keeps each stream's events in stream-position order in the log when batches of many streams race with single appends", async () => {
    // Per round, three new streams: 4 writers append to all three at once (each listing them in another order),
    // 4 append to one of them alone. A batch takes every stream's lock before its first write, so whichever
    // transaction takes a stream later comes later in the log, and two batches never wait on each other in a cycle.
    const start = { checkpoint: await settle(store, db) };
    const appended = new Set<string>();
    for (let round = 0; round < 60; round++) {
      const streams = Array.from({ length: 3 }, (_, i) => `batch-race-${round}-${i}-${randomUUID()}`);
      await Promise.all(
        Array.from({ length: 8 }, async (_, writer) => {
          if (writer % 2) {
            const own = [event('Alone')];
            await store.appendToStream(streams[writer % 3]!, own);
            own.forEach((e) => appended.add(e.id));
            return;
          }
          const listed = writer % 4 === 0 ? streams : [...streams].reverse();
          const appends = listed.map((streamId) => ({ streamId, events: [event('Batched'), event('Batched')] }));
          const outcomes = await store.appendToStreams!(appends);
          expect(outcomes.map((o) => o.error)).toEqual([undefined, undefined, undefined]);
          appends.forEach((a) => a.events.forEach((e) => appended.add(e.id)));
        }),
      );
    }
    const { events } = await waitFor(() => drainEvents(store, start.checkpoint), (r) => r.events.length >= appended.size, { what: 'every raced event' });
    expect(new Set(events.map((e) => e.id))).toEqual(appended);
    const lastPosition = new Map<string, number>();
    const outOfOrder: string[] = [];
    for (const e of events) {
      const previous = lastPosition.get(e.streamId) ?? 0;
      if (e.streamPosition !== previous + 1) outOfOrder.push(`${e.streamId}@${e.streamPosition} after ${previous}`);
      lastPosition.set(e.streamId, e.streamPosition);
    }
    expect({ outOfOrder: outOfOrder.length, first: outOfOrder.slice(0, 5) }).toEqual({ outOfOrder: 0, first: [] });
  });

  it('makes exactly one data key per new person when batches on the same new persons race', async () => {
    const keyed = createPostgresEventStore(db.pool, {
      personalData: { protectedPaths: () => ['note'] },
      keyEncryptionKey: createConfigKeyWrapper([{ id: 'race-kek', key: randomBytes(32) }]),
    });
    const persons = Array.from({ length: 40 }, () => `P-RACE-${randomUUID()}`);
    const noted = (person: string) => ({ id: randomUUID(), type: 'Noted', data: { note: `about ${person}` }, metadata: { personref: person } });
    // Four batches, two listing the persons in one order and two in the other: each person's key is made once.
    const batches = Array.from({ length: 4 }, (_, b) => (b % 2 ? [...persons].reverse() : persons).map((person) => ({ streamId: `note-${randomUUID()}`, events: [noted(person)] })));
    const keys = async () => Number((await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM event_store.person_keys')).rows[0]!.n);
    const before = await keys();
    const outcomes = await Promise.all(batches.map((appends) => keyed.appendToStreams!(appends)));
    expect(outcomes.flat().filter((o) => o.error)).toEqual([]);
    expect((await keys()) - before).toBe(persons.length);
    for (const appends of batches) {
      for (const { streamId, events } of appends.slice(0, 3)) expect((await keyed.readStream(streamId))[0]?.data).toEqual(events[0]!.data);
    }
  });

  it('reads the log filtered by type or category at the cost of the matching events, not of the log', async () => {
    const filtered = await createTestDatabase('filtered_reads');
    // One connection, so the statistics of the store's own reads can be flushed and counted.
    const pool = new pg.Pool({ connectionString: filtered.url, max: 1 });
    try {
      await migrateEventStore(pool);
      const reader = createPostgresEventStore(pool);
      await pool.query(
        `INSERT INTO event_store.events (stream_id, stream_position, event_id, event_type, data, metadata)
         SELECT 'noise-' || i, 1, gen_random_uuid(), 'Noise', '{}', '{}' FROM generate_series(1, 20000) AS i`,
      );
      for (let i = 0; i < 3; i++) await reader.appendToStream(`wanted-${i}`, [event('Wanted')]);
      await pool.query('ANALYZE event_store.events');
      await waitFor(() => reader.readAll({ after: LOG_START, limit: 100_000 }), (r) => r.events.length === 20_003, {
        what: 'every event to be visible',
      });

      /** Heap rows the read fetched or scanned in event_store.events (the backend's statistics, flushed). */
      const rowsRead = async (read: () => Promise<unknown>) => {
        const counted = async () => {
          await pool.query('SELECT pg_stat_force_next_flush()');
          const { rows } = await pool.query<{ n: string }>(
            `SELECT coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) AS n FROM pg_stat_user_tables
             WHERE schemaname = 'event_store' AND relname = 'events'`,
          );
          return Number(rows[0]!.n);
        };
        const before = await counted();
        await read();
        return (await counted()) - before;
      };

      let byType: ReadAllResult | undefined;
      expect(await rowsRead(async () => (byType = await reader.readAll({ types: ['Wanted'] })))).toBeLessThanOrEqual(5);
      expect(byType!.events.map((e) => e.streamId)).toEqual(['wanted-0', 'wanted-1', 'wanted-2']);

      let byCategory: ReadAllResult | undefined;
      expect(await rowsRead(async () => (byCategory = await reader.readAll({ categories: ['wanted'] })))).toBeLessThanOrEqual(5);
      expect(byCategory!.events.map((e) => e.streamId)).toEqual(['wanted-0', 'wanted-1', 'wanted-2']);

      // Two types, merged in log order, each walked only as far as the limit needs.
      let twoTypes: ReadAllResult | undefined;
      expect(await rowsRead(async () => (twoTypes = await reader.readAll({ types: ['Wanted', 'Noise'], limit: 10 })))).toBeLessThanOrEqual(25);
      expect(twoTypes!.events).toHaveLength(10);

      // A filter that matches nothing: nothing is scanned, and the checkpoint moves to the horizon it looked up to.
      let nothing: ReadAllResult | undefined;
      expect(await rowsRead(async () => (nothing = await reader.readAll({ types: ['Absent'] })))).toBeLessThanOrEqual(5);
      expect(nothing!.events).toEqual([]);
      const lastEvent = byType!.events.at(-1)!;
      expect(BigInt(nothing!.checkpoint.transactionId)).toBeGreaterThan(BigInt(lastEvent.transactionId));
      // ...and an event appended after it is not passed over.
      await reader.appendToStream('absent-1', [event('Absent')]);
      const next = await waitFor(() => reader.readAll({ after: nothing!.checkpoint, types: ['Absent'] }), (r) => r.events.length > 0, {
        what: 'the matching event after the horizon',
      });
      expect(next.events.map((e) => e.streamId)).toEqual(['absent-1']);
    } finally {
      await pool.end();
      await filtered.drop();
    }
  });

  it('orders the log by transaction number, not by its text: transaction 99 comes before transaction 100', async () => {
    const order = await createTestDatabase('xid_order');
    try {
      await migrateEventStore(order.pool);
      // Rows as two old transactions would have left them; the ids are set by hand to cross a digit boundary.
      await order.pool.query(
        `INSERT INTO event_store.events (transaction_id, stream_id, stream_position, event_id, event_type, data, metadata)
         VALUES ('100'::xid8, 'case-b', 1, $1, 'Second', '{}', '{}'), ('99'::xid8, 'case-a', 1, $2, 'First', '{}', '{}')`,
        [randomUUID(), randomUUID()],
      );
      const read = await createPostgresEventStore(order.pool).readAll({ limit: 1 });
      expect(read.events.map((e) => e.type)).toEqual(['First']);
      const next = await createPostgresEventStore(order.pool).readAll({ after: read.checkpoint });
      expect(next.events.map((e) => e.type)).toEqual(['Second']);
    } finally {
      await order.drop();
    }
  });
});
