import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { waitFor } from '@traiettorie/testing';
import type { StoreDatabase } from './contract-database.js';
import { randomUUID } from 'node:crypto';
import { migrateEventStore } from './migrations.js';
import { createPostgresEventStore, type EventStore } from './postgres-event-store.js';

/** Runs SQL as someone who bypasses the store: with triggers off, as a superuser could. */
async function tamper(db: StoreDatabase, sql: string, params: unknown[] = []): Promise<void> {
  const client = await db.pool.connect();
  try {
    await client.query('SET session_replication_role = replica');
    await client.query(sql, params);
  } finally {
    await client.query('RESET session_replication_role');
    client.release();
  }
}

export function hashChainContract(backend: string, createDatabase: () => Promise<StoreDatabase>): void {
describe(`tamper evidence of the global log on ${backend}`, () => {
  let db: StoreDatabase;
  let store: EventStore;

  beforeEach(async () => {
    db = await createDatabase();
    await migrateEventStore(db.pool);
    store = createPostgresEventStore(db.pool);
    for (let i = 1; i <= 10; i++) {
      await store.appendToStream(`case-${i % 3}`, [{ id: randomUUID(), type: 'Noted', data: { n: i, note: `entry ${i}` } }]);
    }
    // Another test's open transaction on the same server can hold the seal back for a moment.
    await waitFor(() => store.seal(), (r) => r.head?.seq === 10, { what: 'all ten events to be sealed' });
  });
  afterEach(() => db.drop());

  it('verifies an untouched log, and reports the unsealed tail', async () => {
    await store.appendToStream('case-9', [{ id: randomUUID(), type: 'Noted', data: { n: 11 } }]);
    expect(await store.verify()).toEqual({ ok: true, verified: 10, unsealed: 1 });
    await waitFor(() => store.seal(), (r) => r.head?.seq === 11, { what: 'the new event to be sealed' });
    expect(await store.verify()).toEqual({ ok: true, verified: 11, unsealed: 0 });
  });

  it('refuses updates and deletes through ordinary SQL: the tables are append-only', async () => {
    await expect(db.pool.query(`UPDATE event_store.events SET data = '{"n":0}' WHERE global_position = 3`)).rejects.toThrow(
      /append-only/,
    );
    await expect(db.pool.query('DELETE FROM event_store.chain')).rejects.toThrow(/append-only/);
    await expect(db.pool.query('TRUNCATE event_store.events CASCADE')).rejects.toThrow(/append-only/);
  });

  it('detects an event whose data was changed, naming its position', async () => {
    await tamper(db, `UPDATE event_store.events SET data = '{"n": 4, "note": "rewritten"}' WHERE global_position = 4`);
    const result = await store.verify();
    expect(result).toMatchObject({ ok: false, verified: 3, firstBreak: { seq: 4, globalPosition: 4, reason: 'content-changed' } });
  });

  it('detects a change to the metadata or the recorded time', async () => {
    await tamper(db, `UPDATE event_store.events SET recorded_at = recorded_at - interval '1 day' WHERE global_position = 7`);
    expect((await store.verify()).firstBreak).toMatchObject({ globalPosition: 7, reason: 'content-changed' });
  });

  it('detects a deleted event', async () => {
    await tamper(db, 'DELETE FROM event_store.events WHERE global_position = 5');
    expect((await store.verify()).firstBreak).toMatchObject({ seq: 5, globalPosition: 5, reason: 'event-missing' });
  });

  it('detects an event deleted together with its chain entry', async () => {
    await tamper(db, 'DELETE FROM event_store.events WHERE global_position = 5');
    await tamper(db, 'DELETE FROM event_store.chain WHERE seq = 5');
    expect((await store.verify()).firstBreak).toMatchObject({ seq: 5, reason: 'chain-entry-missing' });
  });

  it('detects an event inserted inside the sealed range', async () => {
    await tamper(
      db,
      `INSERT INTO event_store.events (global_position, transaction_id, stream_id, stream_position, event_id, event_type, data, metadata)
       OVERRIDING SYSTEM VALUE
       SELECT 1000, transaction_id, 'case-x', 1, $1, 'Forged', '{}', '{}' FROM event_store.events WHERE global_position = 6`,
      [randomUUID()],
    );
    expect((await store.verify()).firstBreak).toMatchObject({ globalPosition: 1000, reason: 'event-outside-chain' });
  });

  it('detects two events swapped in the log', async () => {
    await tamper(
      db,
      `UPDATE event_store.events e SET data = o.data, metadata = o.metadata, event_type = o.event_type
       FROM event_store.events o
       WHERE (e.global_position, o.global_position) IN ((2, 8), (8, 2))`,
    );
    expect((await store.verify()).firstBreak).toMatchObject({ seq: 2, globalPosition: 2, reason: 'content-changed' });
  });

  it('detects a rewritten chain: recomputing one hash does not hide an edit', async () => {
    await tamper(db, `UPDATE event_store.events SET data = '{"n": 0}' WHERE global_position = 9`);
    await tamper(db, `UPDATE event_store.chain SET hash = sha256('forged') WHERE seq = 9`);
    expect((await store.verify()).firstBreak).toMatchObject({ seq: 9, reason: 'content-changed' });
  });
});
}
