import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { waitFor } from '@traiettorie/testing';
import type { StoreDatabase } from './contract-database.js';
import { generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createChainKeys, type ChainKeys } from './chain-keys.js';
import { appendCheckpointFile, CheckpointError, readCheckpointFile, signChainCheckpoint } from './checkpoints.js';
import { migrateEventStore } from './migrations.js';
import type { EventStore } from './event-store.js';
import { createPostgresEventStore } from './postgres-event-store.js';
import { startSealer } from './sealer.js';

/** A chain key made for one test run: the database never sees it. */
export const testChainKeys = (id = 'test-1', key = randomBytes(32)): ChainKeys => {
  const keys = createChainKeys([{ id, key }]);
  keyMaterial.set(keys, key);
  return keys;
};

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
  let chainKeys: ChainKeys;
  const alarms = async () =>
    (await db.pool.query<{ reason: string; global_position: string }>('SELECT reason, global_position FROM event_store.chain_alarms ORDER BY id')).rows.map(
      (r) => ({ reason: r.reason, globalPosition: Number(r.global_position) }),
    );

  beforeEach(async () => {
    db = await createDatabase();
    await migrateEventStore(db.pool);
    chainKeys = testChainKeys();
    store = createPostgresEventStore(db.pool, { chainKeys });
    for (let i = 1; i <= 10; i++) {
      await store.appendToStream(`case-${i % 3}`, [{ id: randomUUID(), type: 'Noted', data: { n: i, note: `entry ${i}` } }]);
    }
    // Another test's open transaction on the same server can hold the seal back for a moment.
    await waitFor(() => store.seal(), (r) => r.head?.seq === 10, { what: 'all ten events to be sealed' });
  });
  afterEach(() => db.drop());

  it('verifies an untouched log, and reports the unsealed tail', async () => {
    await store.appendToStream('case-9', [{ id: randomUUID(), type: 'Noted', data: { n: 11 } }]);
    expect(await store.verify()).toMatchObject({ ok: true, verified: 10, unsealed: 1, head: { seq: 10, keyId: 'test-1' } });
    const sealed = await waitFor(() => store.seal(), (r) => r.head?.seq === 11, { what: 'the new event to be sealed' });
    const verified = await store.verify();
    expect(verified).toEqual({ ok: true, verified: 11, unsealed: 0, head: sealed.head });
    expect(verified.firstBreak).toBeUndefined();
    expect(await alarms()).toEqual([]);
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

  // The attacks of issue 8: each passed `verify` with the bare SHA-256 chain of ADR 3.

  it('attack: an event edited in the middle, the chain cut back to it and seal() re-run: the sealer refuses and verify names it', async () => {
    await tamper(db, `UPDATE event_store.events SET data = '{"n": 4, "note": "rewritten"}' WHERE global_position = 4`);
    await tamper(db, 'DELETE FROM event_store.chain WHERE seq >= 4');
    const result = await store.seal();
    expect(result).toMatchObject({ sealed: 0, head: { seq: 3 }, refused: { globalPosition: 4, reason: 'content-changed' } });
    expect(await store.verify()).toMatchObject({ ok: false, firstBreak: { globalPosition: 4, reason: 'content-changed' } });
    expect(await alarms()).toEqual([{ reason: 'content-changed', globalPosition: 4 }]);
    // Refusing again changes nothing and never throws.
    expect((await store.seal()).refused).toMatchObject({ globalPosition: 4 });
    expect(await alarms()).toHaveLength(1);
  });

  it('attack: the chain cut back and an event edited without re-sealing: verify checks the unsealed tail and names it', async () => {
    await tamper(db, 'DELETE FROM event_store.chain WHERE seq >= 6');
    await tamper(db, `UPDATE event_store.events SET event_type = 'Forged' WHERE global_position = 8`);
    expect(await store.verify()).toMatchObject({ ok: false, verified: 5, firstBreak: { globalPosition: 8, reason: 'content-changed' } });
  });

  it("attack: a forged event inserted and the chain head's transaction_id edited: verify names the head, seal() reports it and never wedges", async () => {
    await tamper(
      db,
      `INSERT INTO event_store.events (stream_id, stream_position, event_id, event_type, data, metadata)
       VALUES ('case-x', 1, $1, 'Forged', '{}', '{}')`,
      [randomUUID()],
    );
    await tamper(db, `UPDATE event_store.chain SET transaction_id = (SELECT max(transaction_id) FROM event_store.events) WHERE seq = 10`);
    expect(await store.verify()).toMatchObject({ ok: false, verified: 9, firstBreak: { seq: 10, reason: 'content-changed' } });
    for (let i = 0; i < 2; i++) {
      expect(await store.seal()).toMatchObject({ sealed: 0, refused: { seq: 10, reason: 'content-changed' } });
    }
  });

  it('attack: a raw INSERT is refused by the sealer, which raises an alarm; the log keeps flowing, the chain stops at the forgery', async () => {
    const forged = randomUUID();
    await tamper(
      db,
      `INSERT INTO event_store.events (stream_id, stream_position, event_id, event_type, data, metadata)
       VALUES ('case-x', 1, $1, 'Forged', '{"n": 99}', '{}')`,
      [forged],
    );
    await store.appendToStream('case-1', [{ id: randomUUID(), type: 'Noted', data: { n: 12 } }]);
    const result = await waitFor(() => store.seal(), (r) => r.refused !== undefined, { what: 'the sealer to reach the forged row' });
    expect(result.refused).toMatchObject({ seq: 11, globalPosition: 11, eventId: forged, reason: 'event-unauthenticated' });
    expect(result.head?.seq).toBe(10);
    expect(await alarms()).toEqual([{ reason: 'event-unauthenticated', globalPosition: 11 }]);
    // Appends and reads go on; the chain does not pass the forgery.
    const appended = await store.appendToStream('case-2', [{ id: randomUUID(), type: 'Noted', data: { n: 13 } }]);
    expect(appended.globalPositions).toEqual([13]);
    // The log shows a commit once older transactions on the (shared) server have ended (ADR 2): wait for it, then assert.
    const flowing = await waitFor(() => store.readAll({ limit: 100 }), (r) => r.events.length >= 13, { what: 'the log to show event 13' });
    expect(flowing.events.map((e) => e.globalPosition)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect((await store.seal()).head?.seq).toBe(10);
    expect(await store.verify()).toMatchObject({ ok: false, verified: 10, firstBreak: { globalPosition: 11, eventId: forged, reason: 'event-unauthenticated' } });
  });

  it("attack: a forged row carrying another row's valid append MAC does not pass", async () => {
    await tamper(
      db,
      `INSERT INTO event_store.events (stream_id, stream_position, event_id, event_type, data, metadata, mac_key_id, append_mac)
       SELECT 'case-x', 1, $1, event_type, data, metadata, mac_key_id, append_mac FROM event_store.events WHERE global_position = 10`,
      [randomUUID()],
    );
    expect((await store.seal()).refused).toMatchObject({ globalPosition: 11, reason: 'content-changed' });
  });

  it('attack: the tail deleted with its chain entries: the sealer that saw it refuses, and verify --against a signed checkpoint names the truncation', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'chain-checkpoints-'));
    const file = path.join(dir, 'checkpoints.jsonl');
    try {
      const head = (await store.seal()).head!;
      appendCheckpointFile(file, signChainCheckpoint(head, privateKey));
      const against = readCheckpointFile(file, [publicKey]);
      expect(await store.verify({ against })).toMatchObject({ ok: true, verified: 10, checkpoints: 1 });
      await tamper(db, 'DELETE FROM event_store.events WHERE global_position >= 8');
      await tamper(db, 'DELETE FROM event_store.chain WHERE seq >= 8');
      // Without an anchor outside the database, a clean cut is indistinguishable from a shorter log.
      expect(await store.verify()).toMatchObject({ ok: true, verified: 7 });
      expect(await store.verify({ against })).toMatchObject({ ok: false, verified: 7, firstBreak: { seq: 10, reason: 'chain-truncated' } });
      expect(await store.seal({ expect: { seq: head.seq, hash: head.hash } })).toMatchObject({ refused: { reason: 'chain-truncated' } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('attack: history rewritten and re-sealed by the real sealer (a moved time): the signed checkpoint shows the regression, a sealer with an anchor refuses', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const head = (await store.seal()).head!;
    const checkpoint = signChainCheckpoint(head, privateKey);
    await tamper(db, 'DELETE FROM event_store.chain WHERE seq >= 6');
    // The time is the database's, so no append MAC covers it: only the chain does.
    await tamper(db, `UPDATE event_store.events SET recorded_at = recorded_at - interval '1 day' WHERE global_position = 8`);
    const sealer = startSealer(store, { intervalMs: 20, anchor: { seq: head.seq, hash: head.hash } });
    try {
      await waitFor(async () => sealer.state(), (s) => s.sealing === 'refused', { what: 'the anchored sealer to refuse' });
      expect(sealer.state().refused).toMatchObject({ reason: 'chain-truncated' });
    } finally {
      await sealer.stop();
    }
    // A sealer that did not know the old head re-seals the rewritten history: it verifies on its own…
    expect((await store.seal()).head?.seq).toBe(10);
    expect(await store.verify()).toMatchObject({ ok: true, verified: 10 });
    // …but not against the checkpoint signed before.
    const against = [checkpoint].map((c) => readBack(c, publicKey));
    expect(await store.verify({ against })).toMatchObject({ ok: false, firstBreak: { seq: 10, reason: 'chain-rewritten' } });
  });

  it('refuses a checkpoint file whose line was altered or signed by another key', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const other = generateKeyPairSync('ed25519');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'chain-checkpoints-'));
    const file = path.join(dir, 'checkpoints.jsonl');
    try {
      const head = (await store.seal()).head!;
      appendCheckpointFile(file, signChainCheckpoint(head, privateKey));
      expect(() => readCheckpointFile(file, [other.publicKey])).toThrow(/line 1: signed by key .* not trusted/);
      writeFileSync(file, readFileSync(file, 'utf8').replace(`"seq":10`, `"seq":3`));
      expect(() => readCheckpointFile(file, [publicKey])).toThrow(CheckpointError);
      expect(() => readCheckpointFile(file, [publicKey])).toThrow(/line 1: the signature does not match/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without the chain key nothing verifies; after a rotation the old key still checks what it sealed', async () => {
    const stranger = createPostgresEventStore(db.pool, { chainKeys: testChainKeys('test-1') });
    expect(await stranger.verify()).toMatchObject({ ok: false, verified: 0, firstBreak: { seq: 1, reason: 'content-changed' } });
    const rotatedKeys = createChainKeys([
      { id: 'test-2', key: randomBytes(32) },
      { id: 'test-1', key: exportKey(chainKeys, 'test-1') },
    ]);
    const rotated = createPostgresEventStore(db.pool, { chainKeys: rotatedKeys });
    await rotated.appendToStream('case-1', [{ id: randomUUID(), type: 'Noted', data: { n: 11 } }]);
    const sealed = await waitFor(() => rotated.seal(), (r) => r.head?.seq === 11, { what: 'the new event sealed with the new key' });
    expect(sealed.head?.keyId).toBe('test-2');
    expect(await rotated.verify()).toMatchObject({ ok: true, verified: 11 });
    expect(await store.verify()).toMatchObject({ ok: false, verified: 10, firstBreak: { seq: 11, reason: 'chain-key-unknown' } });
  });
});
}

/** A checkpoint as an auditor reads it back from where it was published (signature checked). */
function readBack(checkpoint: ReturnType<typeof signChainCheckpoint>, publicKey: KeyObject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'chain-checkpoints-'));
  try {
    const file = path.join(dir, 'checkpoints.jsonl');
    appendCheckpointFile(file, checkpoint);
    return readCheckpointFile(file, [publicKey])[0]!;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const keyMaterial = new WeakMap<ChainKeys, Buffer>();
/** The raw key behind a test's ChainKeys (kept aside when it was made), to build a rotated key set. */
function exportKey(keys: ChainKeys, id: string): Buffer {
  const key = keyMaterial.get(keys);
  if (!key || keys.currentKeyId !== id) throw new Error(`no key material kept for ${id}`);
  return key;
}
