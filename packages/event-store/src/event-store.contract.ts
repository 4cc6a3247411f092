import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConcurrencyError, DuplicateEventIdError, ValidationError } from '@traiettorie/contracts';
import { waitFor } from '@traiettorie/testing';
import type { StoreDatabase } from './contract-database.js';
import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createConfigKeyWrapper } from './key-encryption.js';
import { migrateEventStore } from './migrations.js';
import type { EventStore } from './event-store.js';
import { createPostgresEventStore } from './postgres-event-store.js';
import { testChainKeys } from './hash-chain.contract.js';
import { LOG_START, type LogCheckpoint, type NewEvent } from './types.js';

const chainKeys = testChainKeys();

const event = (type = 'Something', data: unknown = { n: 1 }): NewEvent => ({ id: randomUUID(), type, data, metadata: { source: 'test' } });

export function eventStoreContract(backend: string, createDatabase: () => Promise<StoreDatabase>): void {
describe(`event store contract on ${backend}`, () => {
  let db: StoreDatabase;
  let store: EventStore;

  beforeAll(async () => {
    db = await createDatabase();
    await migrateEventStore(db.pool);
    await migrateEventStore(db.pool); // a second run is a no-op
    store = createPostgresEventStore(db.pool, { chainKeys });
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

  describe('appending to several streams at once', () => {
    it('appends each stream as appendToStream would, in the order given, numbering each stream on its own', async () => {
      const [fresh, existing] = [`case-${randomUUID()}`, `case-${randomUUID()}`];
      await store.appendToStream(existing, [event('A')]);
      const outcomes = await store.appendToStreams!([
        { streamId: fresh, events: [event('B'), event('C')], expectedVersion: 'no_stream' },
        { streamId: existing, events: [event('D')], expectedVersion: 1 },
      ]);
      expect(outcomes.map((o) => o.result?.nextExpectedVersion)).toEqual([2, 2]);
      const positions = outcomes.flatMap((o) => o.result!.globalPositions);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect((await store.readStream(fresh)).map((e) => [e.type, e.streamPosition])).toEqual([['B', 1], ['C', 2]]);
      expect((await store.readStream(existing)).map((e) => [e.type, e.streamPosition])).toEqual([['A', 1], ['D', 2]]);
    });

    it("refuses a stale stream, a reused id or an invalid append on its own: the other streams' events are stored", async () => {
      const [stale, reusing, invalid, kept, retried] = [`case-${randomUUID()}`, `case-${randomUUID()}`, `case-${randomUUID()}`, `case-${randomUUID()}`, `case-${randomUUID()}`];
      const used = event('Used');
      const before = [event('R1'), event('R2')];
      await store.appendToStream(stale, [event('A')]);
      await store.appendToStream(`case-${randomUUID()}`, [used]);
      await store.appendToStream(retried, before, { expectedVersion: 'no_stream' });
      const outcomes = await store.appendToStreams!([
        { streamId: stale, events: [event('Late')], expectedVersion: 0 },
        { streamId: reusing, events: [event('New'), { ...used, data: { n: 2 } }] },
        { streamId: invalid, events: [] },
        { streamId: kept, events: [event('Kept')], expectedVersion: 'no_stream' },
        { streamId: retried, events: before, expectedVersion: 'no_stream' },
      ]);
      expect(outcomes[0]!.error).toBeInstanceOf(ConcurrencyError);
      expect(outcomes[0]!.error).toMatchObject({ streamId: stale, expected: 0, actual: 1 });
      expect(outcomes[1]!.error).toBeInstanceOf(DuplicateEventIdError);
      expect(outcomes[2]!.error).toBeInstanceOf(ValidationError);
      expect(outcomes[3]!.result?.nextExpectedVersion).toBe(1);
      expect(outcomes[4]!.result).toEqual({ nextExpectedVersion: 2, globalPositions: [] }); // the same events again: stored once
      expect((await store.readStream(stale)).map((e) => e.type)).toEqual(['A']);
      expect(await store.readStream(reusing)).toEqual([]);
      expect(await store.streamVersion(reusing)).toBe(0);
      expect((await store.readStream(kept)).map((e) => e.type)).toEqual(['Kept']);
      expect((await store.readStream(retried)).map((e) => e.type)).toEqual(['R1', 'R2']);
    });

    it('appends more streams than one transaction takes, each outcome in its place', async () => {
      const stale = `case-${randomUUID()}`;
      await store.appendToStream(stale, [event('A')]);
      const appends = Array.from({ length: 300 }, (_, i) => ({ streamId: i === 280 ? stale : `case-${randomUUID()}`, events: [event(`E${i}`)], expectedVersion: 0 }));
      const outcomes = await store.appendToStreams!(appends);
      expect(outcomes.flatMap((o, i) => (o.error ? [[i, o.error.constructor.name]] : []))).toEqual([[280, 'ConcurrencyError']]);
      expect((await store.readStream(appends[299]!.streamId)).map((e) => e.type)).toEqual(['E299']);
      expect((await store.readStream(stale)).map((e) => e.type)).toEqual(['A']);
    });

    it('gives an id used twice in one call to its first stream only', async () => {
      const [first, second] = [`case-${randomUUID()}`, `case-${randomUUID()}`];
      const shared = event('Shared');
      const outcomes = await store.appendToStreams!([
        { streamId: first, events: [shared] },
        { streamId: second, events: [{ ...shared, data: { n: 2 } }] },
      ]);
      expect(outcomes[0]!.result?.nextExpectedVersion).toBe(1);
      expect(outcomes[1]!.error).toBeInstanceOf(DuplicateEventIdError);
      expect(await store.readStream(second)).toEqual([]);
    });
  });

  it('reads several streams in one call, each in stream order, an absent one as empty', async () => {
    const [first, second, absent] = [`case-${randomUUID()}`, `case-${randomUUID()}`, `case-${randomUUID()}`];
    await store.appendToStream(first, [event('A'), event('B')]);
    await store.appendToStream(second, [event('C')]);
    await store.appendToStream(first, [event('D')]);
    const streams = await store.readStreams!([first, second, absent]);
    expect([...streams].map(([id, events]) => [id, events.map((e) => [e.type, e.streamPosition])])).toEqual([
      [first, [['A', 1], ['B', 2], ['D', 3]]],
      [second, [['C', 1]]],
      [absent, []],
    ]);
  });

  it('reads a stream backwards from a version', async () => {
    const stream = `case-${randomUUID()}`;
    await store.appendToStream(stream, [event('A'), event('B'), event('C')]);
    const read = await store.readStream(stream, { direction: 'backwards', from: 2 });
    expect(read.map((e) => e.type)).toEqual(['B', 'A']);
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

  it('moves a filtered read that matched nothing to the horizon it scanned, and passes no later match', async () => {
    const start = { checkpoint: await settle(store, db) };
    const marker = `absent${randomUUID().slice(0, 8)}`;
    await store.appendToStream(`other-${marker}`, [event('Other'), event('Other')]);
    const appended = await waitFor(() => store.readAll({ after: start.checkpoint }), (r) => r.events.length === 2, { what: 'the two events' });
    const empty = await waitFor(
      () => store.readAll({ after: start.checkpoint, types: [marker] }),
      (r) => BigInt(r.checkpoint.transactionId) > BigInt(appended.checkpoint.transactionId),
      { what: 'the filtered read to move past the events it scanned' },
    );
    expect(empty.events).toEqual([]);
    const unfiltered = await store.readAll({ after: appended.checkpoint });
    expect(unfiltered).toEqual({ events: [], checkpoint: appended.checkpoint }); // unfiltered, nothing new: it stays put
    await store.appendToStream(`case-${marker}`, [event(marker)]);
    const next = await waitFor(() => store.readAll({ after: empty.checkpoint, types: [marker] }), (r) => r.events.length === 1, {
      what: 'the matching event appended after the horizon',
    });
    expect(next.events.map((e) => e.streamId)).toEqual([`case-${marker}`]);
    const byCategory = await store.readAll({ after: empty.checkpoint, categories: ['case'] });
    expect(byCategory.events.map((e) => e.type)).toEqual([marker]);
  });

  it('delivers an event whose ciphertext was altered in the database flagged as damaged, the rest whole; verify names it', async () => {
    const keyEncryptionKey = createConfigKeyWrapper([{ id: 'test-kek', key: randomBytes(32) }]);
    const guarded = createPostgresEventStore(db.pool, { personalData: { protectedPaths: () => ['name'] }, keyEncryptionKey, chainKeys });
    const start = { checkpoint: await settle(store, db) };
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    for (const id of ids) {
      await guarded.appendToStream(`case-${id}`, [{ id, type: 'Named', data: { name: 'Maria Rossi', n: 1 }, metadata: { personref: 'P-1', source: 'test' } }]);
    }
    await waitFor(() => guarded.seal(), () => true);
    const client = await db.pool.connect();
    try {
      await client.query('SET session_replication_role = replica');
      // One byte of the middle event's ciphertext flipped (its last part: the sealed fields, not the envelope's header).
      await client.query('UPDATE event_store.events SET protected = set_byte(protected, length(protected) - 20, get_byte(protected, length(protected) - 20) # 1) WHERE event_id = $1', [ids[1]]);
    } finally {
      await client.query('RESET session_replication_role');
      client.release();
    }
    const read = await waitFor(() => guarded.readAll({ after: start.checkpoint }), (r) => r.events.length === 3, { what: 'the three events' });
    expect(read.events.map((e) => [e.id, e.damaged?.reason])).toEqual([
      [ids[0], undefined],
      [ids[1], 'protected-fields-unreadable'],
      [ids[2], undefined],
    ]);
    const [whole, damaged] = read.events;
    expect(whole).toMatchObject({ data: { name: 'Maria Rossi', n: 1 }, metadata: { personref: 'P-1', source: 'test' } });
    expect(whole).not.toHaveProperty('damaged');
    // Only what was stored in clear; no personal value, and nothing that reads as erased.
    expect(damaged).toMatchObject({ data: { n: 1 }, metadata: { source: 'test' } });
    expect(damaged?.data).not.toHaveProperty('name');
    expect(damaged?.metadata).not.toHaveProperty('personref');
    expect(JSON.stringify(damaged)).not.toContain('Maria');
    // A command never decides on it: reading the stream refuses, naming the event.
    await expect(guarded.readStream(`case-${ids[1]}`)).rejects.toThrow(ids[1]!);
    const verified = await guarded.verify();
    expect(verified.ok).toBe(false);
    expect(verified.firstBreak).toMatchObject({ eventId: ids[1], reason: 'content-changed' });
  });

  it('saves and loads a named checkpoint, never moving it backwards', async () => {
    expect(await store.loadCheckpoint('nobody')).toEqual(LOG_START);
    await store.saveCheckpoint('relay', { transactionId: '42', globalPosition: 7 });
    await store.saveCheckpoint('relay', { transactionId: '43', globalPosition: 9 });
    expect(await store.loadCheckpoint('relay')).toEqual({ transactionId: '43', globalPosition: 9 });
    // A late writer holding an older checkpoint does not move it backwards.
    await store.saveCheckpoint('relay', { transactionId: '43', globalPosition: 8 });
    await store.saveCheckpoint('relay', { transactionId: '42', globalPosition: 100 });
    expect(await store.loadCheckpoint('relay')).toEqual({ transactionId: '43', globalPosition: 9 });
  });
});
}

/**
 * Reads the log until every committed event was seen. Other test files' open
 * transactions on the same server hold readers back for a moment (the
 * snapshot's xmin is server-wide), so this waits rather than assumes.
 */
export async function settle(store: EventStore, db: StoreDatabase): Promise<LogCheckpoint> {
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

export async function drain(store: EventStore, from: LogCheckpoint): Promise<{ checkpoint: LogCheckpoint; ids: string[] }> {
  const ids: string[] = [];
  let checkpoint = from;
  for (;;) {
    const batch = await store.readAll({ after: checkpoint, limit: 500 });
    if (batch.events.length === 0) return { checkpoint, ids };
    ids.push(...batch.events.map((e) => e.id));
    checkpoint = batch.checkpoint;
  }
}
