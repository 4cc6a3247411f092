import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, waitFor, type TestDatabase } from '@traiettorie/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { appendMac } from './chain-keys.js';
import type { EventStore } from './event-store.js';
import { testChainKeys } from './hash-chain.contract.js';
import { createConfigKeyWrapper } from './key-encryption.js';
import { createPostgresEventStore } from './postgres-event-store.js';
import { provisionEventStore } from './roles.js';
import { LOG_START, type LogCheckpoint, type NewEvent } from './types.js';

/**
 * An adversary's review of `event_store.append_streams` (migration 10) and
 * `appendToStreams`: raw SQL as the services' role, and the store's own calls,
 * against what `event_store.append` guarantees.
 */
describe('append_streams attacked as traiettorie_app', () => {
  let db: TestDatabase;
  let app: pg.Pool;
  let store: EventStore;
  const chainKeys = testChainKeys();

  beforeAll(async () => {
    db = await createTestDatabase('review_append_streams');
    await provisionEventStore(db.pool);
    app = new pg.Pool({ connectionString: db.appUrl, max: 12 });
    store = createPostgresEventStore(app, {
      chainKeys,
      personalData: { protectedPaths: () => ['note'] },
      keyEncryptionKey: createConfigKeyWrapper([{ id: 'review-kek', key: randomBytes(32) }]),
    });
  });
  afterAll(async () => {
    await app.end();
    await db.drop();
  });

  /** One row of append_streams' argument, its MAC made as the store makes it. */
  const row = (stream: string, id: string = randomUUID(), data: unknown = { n: 1 }) => {
    const content = { streamId: stream, eventId: id, type: 'Noted', data, metadata: {}, keyId: null, protected: null };
    return { id, type: 'Noted', data, metadata: {}, mac_key: chainKeys.currentKeyId, mac: appendMac(chainKeys, chainKeys.currentKeyId, content).toString('base64') };
  };
  const call = async (appends: unknown[], client: pg.Pool | pg.PoolClient = app) =>
    (await client.query<{ ord: string; outcome: string; stream_version: string; positions: string[] | null }>(
      'SELECT ord, outcome, stream_version, positions FROM event_store.append_streams($1::jsonb)',
      [JSON.stringify(appends)],
    )).rows.map((r) => ({ ord: Number(r.ord), outcome: r.outcome, version: Number(r.stream_version), count: r.positions?.length ?? 0 }));
  const positions = async (stream: string) =>
    (await app.query<{ p: string }>('SELECT stream_position AS p FROM event_store.events WHERE stream_id = $1 ORDER BY global_position', [stream])).rows.map((r) => Number(r.p));

  it('an id already stored, on another stream or twice in one call, leaves that entry out and the others appended', async () => {
    const [a, b, c] = [`rev-a-${randomUUID()}`, `rev-b-${randomUUID()}`, `rev-c-${randomUUID()}`];
    const stored = row(a);
    expect(await call([{ stream: a, expected: 'no_stream', events: [stored] }])).toEqual([{ ord: 1, outcome: 'appended', version: 1, count: 1 }]);
    const shared = randomUUID();
    const outcomes = await call([
      { stream: b, expected: 'any', events: [row(b), { ...row(b, stored.id.toUpperCase()) }] },
      { stream: c, expected: 'any', events: [row(c, shared)] },
      { stream: b, expected: 'any', events: [row(b, shared)] },
    ]);
    expect(outcomes).toEqual([
      { ord: 1, outcome: 'duplicate', version: 0, count: 0 },
      { ord: 2, outcome: 'appended', version: 1, count: 1 },
      { ord: 3, outcome: 'duplicate', version: 0, count: 0 },
    ]);
    expect(await positions(b)).toEqual([]);
    // The same id twice in one entry: the unique index refuses the whole statement, as it refuses append's.
    await expect(call([{ stream: `rev-d-${randomUUID()}`, expected: 'any', events: [row('x', shared.replace(/.$/, '0')), row('x', shared.replace(/.$/, '0'))] }])).rejects.toMatchObject({ code: '23505' });
  });

  it('many entries for one stream: each checked against the version the previous left, positions without a gap; positions in the rows are ignored', async () => {
    const s = `rev-same-${randomUUID()}`;
    const outcomes = await call([
      { stream: s, expected: 'no_stream', events: [row(s), row(s)] },
      { stream: s, expected: '0', events: [row(s)] },
      { stream: s, expected: '2', events: [{ ...row(s), stream_position: 7, global_position: 1 }] },
      { stream: s, expected: 'any', events: [row(s)] },
      { stream: s, expected: '99', events: [row(s)] },
    ]);
    expect(outcomes.map((o) => [o.outcome, o.version])).toEqual([
      ['appended', 2],
      ['conflict', 2],
      ['appended', 3],
      ['appended', 4],
      ['conflict', 4],
    ]);
    expect(await positions(s)).toEqual([1, 2, 3, 4]);
  });

  it('an empty call appends nothing; an entry without events (or without a list of them) fails the call, as append with none fails', async () => {
    expect(await call([])).toEqual([]);
    const s = `rev-empty-${randomUUID()}`;
    await expect(call([{ stream: `rev-ok-${randomUUID()}`, expected: 'any', events: [row('ok')] }, { stream: s, expected: 'no_stream', events: [] }])).rejects.toMatchObject({ code: '23514' });
    await expect(app.query(`SELECT * FROM event_store.append($1, 'no_stream', '[]'::jsonb)`, [s])).rejects.toMatchObject({ code: '23514' });
    await expect(call([{ stream: s, expected: 'any' }])).rejects.toThrow();
    expect((await app.query("SELECT 1 FROM event_store.streams WHERE stream_id LIKE 'rev-ok-%' OR stream_id = $1", [s])).rowCount).toBe(0);
  });

  it('refuses to run after the transaction already wrote, as append does', async () => {
    const client = await app.connect();
    try {
      await client.query('BEGIN');
      await client.query('INSERT INTO event_store.streams (stream_id, version) VALUES ($1, 1)', [`rev-first-${randomUUID()}`]);
      await expect(call([{ stream: `rev-w-${randomUUID()}`, expected: 'any', events: [row('w')] }], client)).rejects.toMatchObject({ code: '25000' });
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });

  it('every event appendToStreams stores, of many streams, racing single appends, is seen once by a reader resuming from its checkpoints, sealed, verified and erasable', async () => {
    const seen: string[] = [];
    let checkpoint: LogCheckpoint = LOG_START;
    let writing = true;
    const reader = (async () => {
      for (;;) {
        const done = !writing;
        const batch = await store.readAll({ after: checkpoint, limit: 37 });
        seen.push(...batch.events.map((e) => e.id));
        checkpoint = batch.checkpoint;
        if (batch.events.length === 0 && done) return;
        if (batch.events.length === 0) await sleep(5);
      }
    })();
    const appended: string[] = [];
    const person = `P-REVIEW-${randomUUID()}`;
    const noted = (n: number): NewEvent => ({ id: randomUUID(), type: 'Noted', data: { note: `about ${person}`, n }, metadata: { personref: person } });
    for (let round = 0; round < 40; round++) {
      const streams = Array.from({ length: 6 }, (_, i) => `rev-race-${round}-${i}-${randomUUID()}`);
      await Promise.all(
        Array.from({ length: 6 }, async (_, writer) => {
          if (writer % 3 === 2) {
            const own = [noted(writer)];
            await store.appendToStream(streams[writer]!, own);
            appended.push(...own.map((e) => e.id));
            return;
          }
          const appends = (writer % 2 ? [...streams].reverse() : streams).map((streamId) => ({ streamId, events: [noted(writer), noted(writer)] }));
          const outcomes = await store.appendToStreams!(appends);
          expect(outcomes.filter((o) => o.error)).toEqual([]);
          appends.forEach((a) => appended.push(...a.events.map((e) => e.id)));
        }),
      );
    }
    // The log shows a commit once every older transaction on the server has ended (ADR 2): an empty page is no proof
    // that the reader is done. It is done when it has seen every appended event; one it skipped it never sees later.
    await waitFor(async () => new Set(seen), (ids) => appended.every((id) => ids.has(id)), { what: 'the reader to see every appended event', timeoutMs: 60_000 });
    writing = false;
    await reader;
    expect(seen.length).toBe(new Set(seen).size);
    const seenOnce = new Set(seen);
    expect(appended.filter((id) => !seenOnce.has(id))).toEqual([]);
    expect((await app.query<{ n: string }>('SELECT count(*) AS n FROM event_store.person_keys')).rows[0]!.n).toBe('1');

    const sealed = await waitFor(() => store.seal(), (r) => r.sealed === 0 || r.refused !== undefined, { what: 'the sealer caught up' });
    expect(sealed.refused).toBeUndefined();
    const verified = await store.verify();
    expect({ ok: verified.ok, unsealed: verified.unsealed }).toEqual({ ok: true, unsealed: 0 });
    expect(verified.verified).toBeGreaterThanOrEqual(appended.length);

    expect(await store.forget(person)).toBe(true);
    const read = await store.readAll({ after: LOG_START, limit: 5000 });
    const mine = read.events.filter((e) => appended.includes(e.id));
    expect(mine.length).toBe(appended.length);
    expect(mine.filter((e) => JSON.stringify(e.data).includes(person) || !(e.metadata['erased'] as string[] | undefined)?.includes('data.note'))).toEqual([]);
  }, 120_000);
});

describe('append_streams attacked as traiettorie_app: rows the store did not authenticate', () => {
  const chainKeys = testChainKeys();

  it.each([
    ['a forged MAC', 'forged', /content-changed/],
    ['no MAC', 'none', /event-unauthenticated/],
    ['a data key id the store never made, under an honest MAC', 'wrong-key', /content-changed/],
  ])('%s: appended as append would, then refused by the sealer and named by verify', async (_what, attack, reason) => {
    const db = await createTestDatabase('review_append_streams_forged');
    await provisionEventStore(db.pool);
    const app = new pg.Pool({ connectionString: db.appUrl, max: 2 });
    try {
      const store = createPostgresEventStore(app, { chainKeys });
      const stream = `rev-forged-${randomUUID()}`;
      await store.appendToStream(stream, [{ id: randomUUID(), type: 'Noted', data: { n: 0 } }]);
      const id = randomUUID();
      const content = { streamId: stream, eventId: id, type: 'Noted', data: { n: 1 }, metadata: {}, keyId: null, protected: null };
      const honest = { id, type: 'Noted', data: { n: 1 }, metadata: {}, mac_key: chainKeys.currentKeyId, mac: appendMac(chainKeys, chainKeys.currentKeyId, content).toString('base64') };
      const event =
        attack === 'wrong-key'
          ? { ...honest, key_id: randomUUID() }
          : attack === 'forged'
            ? { ...honest, mac: randomBytes(32).toString('base64') }
            : { id, type: 'Noted', data: { n: 1 }, metadata: {} };
      const { rows } = await app.query<{ outcome: string }>('SELECT outcome FROM event_store.append_streams($1::jsonb)', [
        JSON.stringify([{ stream, expected: 'any', events: [event] }]),
      ]);
      expect(rows.map((r) => r.outcome)).toEqual(['appended']);
      // The sealer follows the gap-safe log, which shows the row once every older transaction on the server ended.
      const sealed = await waitFor(() => store.seal(), (result) => result.refused !== undefined, { what: 'the sealer to reach the row' });
      expect(sealed.refused?.reason).toMatch(reason);
      expect(sealed.refused?.eventId).toBe(id);
      expect((await store.verify()).ok).toBe(false);
    } finally {
      await app.end();
      await db.drop();
    }
  }, 60_000);
});
