import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConcurrencyError, DuplicateEventIdError, ValidationError } from '@traiettorie/contracts';
import { createTestDatabase, waitFor, type TestDatabase } from '@traiettorie/testing';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { migrateEventStore } from './migrations.js';
import { createPostgresEventStore, type EventStore } from './postgres-event-store.js';
import { LOG_START, type LogCheckpoint, type NewEvent } from './types.js';

const event = (type = 'Something', data: unknown = { n: 1 }): NewEvent => ({ id: randomUUID(), type, data, metadata: { source: 'test' } });

describe('PostgreSQL event store', () => {
  let db: TestDatabase;
  let store: EventStore;

  beforeAll(async () => {
    db = await createTestDatabase('event_store');
    await migrateEventStore(db.pool);
    await migrateEventStore(db.pool); // a second run is a no-op
    store = createPostgresEventStore(db.pool);
  });
  afterAll(() => db.drop());

  describe('appending with an expected version', () => {
    it('creates a stream with no_stream and numbers its events from 1', async () => {
      const stream = `case-${randomUUID()}`;
      const result = await store.appendToStream(stream, [event('A'), event('B')], { expectedVersion: 'no_stream' });
      expect(result.nextExpectedVersion).toBe(2);
      const read = await store.readStream(stream);
      expect(read.map((e) => [e.type, e.streamPosition])).toEqual([
        ['A', 1],
        ['B', 2],
      ]);
      expect(read[0]?.metadata).toEqual({ source: 'test' });
    });

    it('refuses an append whose expected version is stale, naming stream, expected and actual', async () => {
      const stream = `case-${randomUUID()}`;
      await store.appendToStream(stream, [event()], { expectedVersion: 'no_stream' });
      const error = await store.appendToStream(stream, [event()], { expectedVersion: 0 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(error).toMatchObject({ streamId: stream, expected: 0, actual: 1 });
      await expect(store.appendToStream(stream, [event()], { expectedVersion: 5 })).rejects.toMatchObject({ actual: 1 });
      expect(await store.streamVersion(stream)).toBe(1);
    });

    it('lets exactly one of two racing writers with the same expectation win', async () => {
      const stream = `case-${randomUUID()}`;
      await store.appendToStream(stream, [event()]);
      const results = await Promise.allSettled([
        store.appendToStream(stream, [event('X')], { expectedVersion: 1 }),
        store.appendToStream(stream, [event('Y')], { expectedVersion: 1 }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect((await store.readStream(stream)).length).toBe(2);
    });

    it('requires an existing stream for stream_exists', async () => {
      await expect(store.appendToStream(`case-${randomUUID()}`, [event()], { expectedVersion: 'stream_exists' })).rejects.toBeInstanceOf(
        ConcurrencyError,
      );
    });

    it('rejects an append with a malformed event id, naming the field', async () => {
      await expect(store.appendToStream('case-x', [{ id: 'nope', type: 'T', data: {} }])).rejects.toThrow(ValidationError);
      await expect(store.appendToStream('case-x', [{ id: 'nope', type: 'T', data: {} }])).rejects.toMatchObject({
        issues: [{ path: 'events.0.id', rule: 'format:uuid' }],
      });
    });
  });

  describe('idempotent appends', () => {
    it('stores nothing twice when the same events are appended again', async () => {
      const stream = `case-${randomUUID()}`;
      const batch = [event('A'), event('B')];
      await store.appendToStream(stream, batch, { expectedVersion: 'no_stream' });
      const retry = await store.appendToStream(stream, batch, { expectedVersion: 'no_stream' });
      expect(retry).toEqual({ nextExpectedVersion: 2, globalPositions: [] });
      expect(await store.readStream(stream)).toHaveLength(2);
    });

    it('refuses a different event under an already used id', async () => {
      const stream = `case-${randomUUID()}`;
      const first = event('A', { n: 1 });
      await store.appendToStream(stream, [first]);
      await expect(store.appendToStream(stream, [{ ...first, data: { n: 2 } }])).rejects.toBeInstanceOf(DuplicateEventIdError);
    });
  });

  it('reads a stream backwards from a version', async () => {
    const stream = `case-${randomUUID()}`;
    await store.appendToStream(stream, [event('A'), event('B'), event('C')]);
    const read = await store.readStream(stream, { direction: 'backwards', from: 2 });
    expect(read.map((e) => e.type)).toEqual(['B', 'A']);
  });

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

  it('reads a stream as it was known at an earlier instant', async () => {
    const stream = `case-${randomUUID()}`;
    await store.appendToStream(stream, [event('A')]);
    await sleep(20);
    const between = new Date();
    await sleep(20);
    await store.appendToStream(stream, [event('B')]);
    expect((await store.readStream(stream, { asOf: between })).map((e) => e.type)).toEqual(['A']);
    expect((await store.readStream(stream, { asOf: new Date() })).map((e) => e.type)).toEqual(['A', 'B']);
  });

  it('filters the global log by event type, stream category and recorded time', async () => {
    const start = { checkpoint: await settle(store, db) };
    const marker = randomUUID().slice(0, 8);
    await store.appendToStream(`case${marker}-1`, [event('Kept'), event('Dropped')]);
    await sleep(20);
    const between = new Date();
    await sleep(20);
    await store.appendToStream(`other${marker}-1`, [event('Kept')]);
    await store.appendToStream(`case${marker}-2`, [event('Kept')]);
    await waitFor(() => store.readAll({ after: start.checkpoint }), (r) => r.events.length === 4, { what: 'the four events' });
    const byType = await store.readAll({ after: start.checkpoint, types: ['Kept'], categories: [`case${marker}`] });
    expect(byType.events.map((e) => e.streamId)).toEqual([`case${marker}-1`, `case${marker}-2`]);
    const later = await store.readAll({ after: start.checkpoint, recordedFrom: between });
    expect(later.events.map((e) => e.streamId)).toEqual([`other${marker}-1`, `case${marker}-2`]);
    const earlier = await store.readAll({ after: start.checkpoint, recordedBefore: between });
    expect(earlier.events.map((e) => e.type)).toEqual(['Kept', 'Dropped']);
  });

  it('saves and loads a named checkpoint', async () => {
    expect(await store.loadCheckpoint('nobody')).toEqual(LOG_START);
    await store.saveCheckpoint('relay', { transactionId: '42', globalPosition: 7 });
    await store.saveCheckpoint('relay', { transactionId: '43', globalPosition: 9 });
    expect(await store.loadCheckpoint('relay')).toEqual({ transactionId: '43', globalPosition: 9 });
  });
});

/**
 * Reads the log until every committed event was seen. Other test files' open
 * transactions on the same server hold readers back for a moment (the
 * snapshot's xmin is server-wide), so this waits rather than assumes.
 */
async function settle(store: EventStore, db: TestDatabase): Promise<LogCheckpoint> {
  const { rows } = await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM event_store.events');
  const total = Number(rows[0]?.n);
  let seen = 0;
  let checkpoint = LOG_START;
  await waitFor(
    async () => {
      const next = await drain(store, checkpoint);
      seen += next.ids.length;
      checkpoint = next.checkpoint;
      return seen;
    },
    (n) => n >= total,
    { what: 'the reader to catch up with every committed event' },
  );
  return checkpoint;
}

async function drain(store: EventStore, from: LogCheckpoint): Promise<{ checkpoint: LogCheckpoint; ids: string[] }> {
  const ids: string[] = [];
  let checkpoint = from;
  for (;;) {
    const batch = await store.readAll({ after: checkpoint, limit: 500 });
    if (batch.events.length === 0) return { checkpoint, ids };
    ids.push(...batch.events.map((e) => e.id));
    checkpoint = batch.checkpoint;
  }
}
