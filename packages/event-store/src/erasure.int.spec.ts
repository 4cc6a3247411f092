import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '@traiettorie/testing';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createConfigKeyWrapper, KeyEncryptionKeyError, keyWrapperFromEnv } from './key-encryption.js';
import { migrateEventStore } from './migrations.js';
import { migrateAsBefore } from './schema.fixture.js';
import type { EventStore } from './event-store.js';
import { createPostgresEventStore } from './postgres-event-store.js';
import {
  decodeProtected,
  decryptSecret,
  encryptSecret,
  PersonForgottenError,
  rewrapDataKeys,
  type PersonalDataPolicy,
} from './personal-data.js';

const policy: PersonalDataPolicy = { protectedPaths: (type) => (type === 'CaseOpened' ? ['householdRef'] : []) };
const kekA = randomBytes(32);
const kek = createConfigKeyWrapper([{ id: 'kek-a', key: kekA }]);
const opened = (personRef: string) => ({
  id: randomUUID(),
  type: 'CaseOpened',
  data: { measure: 'ADI', householdRef: `H-OF-${personRef}` },
  metadata: { personref: personRef },
});

/** Every row of every table outside the system catalogs, and every statistic PostgreSQL keeps, as text. */
async function everywhere(db: TestDatabase): Promise<string> {
  const { rows: tables } = await db.pool.query<{ name: string }>(
    `SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS name FROM information_schema.tables
     WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'`,
  );
  let text = '';
  for (const { name } of tables) text += (await db.pool.query<{ row: string }>(`SELECT t::text AS row FROM ${name} t`)).rows.map((r) => r.row).join('\n');
  text += (await db.pool.query<{ row: string }>('SELECT s::text AS row FROM pg_stats s')).rows.map((r) => r.row).join('\n');
  // pg_statistic itself (superuser only): what pg_stats hides from others.
  text += (
    await db.pool.query<{ row: string }>(
      `SELECT concat_ws(' ', stavalues1::text, stavalues2::text, stavalues3::text, stavalues4::text, stavalues5::text) AS row FROM pg_statistic`,
    )
  ).rows
    .map((r) => r.row)
    .join('\n');
  return text.toLowerCase();
}

const hex = (bytes: Buffer) => bytes.toString('hex');

async function keyRow(db: TestDatabase, keyId: string) {
  const { rows } = await db.pool.query<{ kek_id: string | null; data_key: Buffer | null }>(
    'SELECT kek_id, data_key FROM event_store.person_keys WHERE key_id = $1',
    [keyId],
  );
  return rows[0]!;
}

async function eventRow(db: TestDatabase, streamId: string) {
  const { rows } = await db.pool.query<{ event_id: string; key_id: string; protected: Buffer }>(
    'SELECT event_id::text, key_id::text, protected FROM event_store.events WHERE stream_id = $1',
    [streamId],
  );
  return rows[0]!;
}

describe('erasure on PostgreSQL: no data key survives forget in tables, statistics or WAL', () => {
  let db: TestDatabase;
  let store: EventStore;
  beforeAll(async () => {
    db = await createTestDatabase('erasure');
    await migrateEventStore(db.pool);
    store = createPostgresEventStore(db.pool, { personalData: policy, keyEncryptionKey: kek });
  });
  afterAll(() => db.drop());

  it('after forget and ANALYZE, neither the raw nor the wrapped key is in any table, pg_stats or pg_statistic; the raw key never was', async () => {
    const { rows: before } = await db.pool.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
    for (const person of ['P-STATS-A', 'P-STATS-B', 'P-STATS-C']) await store.appendToStream(`case-${person}`, [opened(person)]);
    // What autovacuum does on its own: statistics over the keys table while the keys live.
    await db.pool.query('ANALYZE');
    const { key_id: keyId } = await eventRow(db, 'case-P-STATS-A');
    const { kek_id: kekId, data_key: wrapped } = await keyRow(db, keyId);
    const raw = kek.unwrap(kekId!, wrapped!, keyId);
    expect(raw).toHaveLength(32);

    const live = await everywhere(db);
    expect(live).not.toContain(hex(raw));
    expect(live).toContain(hex(wrapped!)); // the search does find bytea values

    expect(await store.forget('P-STATS-A')).toBe(true);
    expect(await store.forget('P-STATS-B')).toBe(true);
    expect(await store.forget('P-STATS-C')).toBe(true);
    await db.pool.query('ANALYZE');
    const after = await everywhere(db);
    expect(after).not.toContain(hex(raw));
    expect(after).not.toContain(hex(wrapped!));
    const { rows: stats } = await db.pool.query(
      `SELECT attname FROM pg_stats WHERE schemaname = 'event_store' AND tablename = 'person_keys' AND attname = 'data_key'`,
    );
    expect(stats).toEqual([]);

    // The WAL since the appends holds the wrapped key (the search works) but never the raw one.
    const { rows: files } = await db.pool.query<{ name: string }>(
      `SELECT DISTINCT pg_walfile_name(lsn) AS name FROM (VALUES ($1::pg_lsn), (pg_current_wal_lsn())) AS v(lsn)`,
      [before[0]!.lsn],
    );
    let foundWrapped = false;
    for (const { name } of files) {
      const { rows } = await db.pool.query<{ raw: number; wrapped: number }>(
        `SELECT position($1::bytea IN f) AS raw, position($2::bytea IN f) AS wrapped FROM pg_read_binary_file('pg_wal/' || $3) AS f`,
        [raw, wrapped, name],
      );
      expect(rows[0]!.raw).toBe(0);
      foundWrapped ||= rows[0]!.wrapped > 0;
    }
    expect(foundWrapped).toBe(true);
  });

  it('a wrapped key alone opens nothing: not with another KEK, not as a key itself; with its KEK it does', async () => {
    await store.appendToStream('case-wrapped', [opened('P-WRAPPED')]);
    const event = await eventRow(db, 'case-wrapped');
    const { kek_id: kekId, data_key: wrapped } = await keyRow(db, event.key_id);
    const [part] = decodeProtected(event.protected)!;
    const other = createConfigKeyWrapper([{ id: kekId!, key: randomBytes(32) }]);
    expect(() => other.unwrap(kekId!, wrapped!, event.key_id)).toThrow(KeyEncryptionKeyError);
    expect(() => decryptSecret(part!.sealed!, wrapped!.subarray(-32), event.event_id)).toThrow();
    expect(() => decryptSecret(part!.sealed!, wrapped!.subarray(0, 32), event.event_id)).toThrow();
    // A wrapped key moved to another person's row does not open either (the key id is bound to it).
    expect(() => kek.unwrap(kekId!, wrapped!, randomUUID())).toThrow(KeyEncryptionKeyError);
    expect(decryptSecret(part!.sealed!, kek.unwrap(kekId!, wrapped!, event.key_id), event.event_id)).toEqual({
      'metadata.personref': 'P-WRAPPED',
      'data.householdRef': 'H-OF-P-WRAPPED',
    });
  });

  it('rotates the KEK: keys wrapped by the old one are rewrapped with the new one, then the old one is no longer needed', async () => {
    await store.appendToStream('case-rotate', [opened('P-ROTATE')]);
    const kekB = randomBytes(32);
    const next = createConfigKeyWrapper([
      { id: 'kek-b', key: kekB },
      { id: 'kek-a', key: kekA },
    ]);
    expect(await rewrapDataKeys(db.pool, next)).toBeGreaterThan(0);
    const { rows } = await db.pool.query<{ kek_id: string }>('SELECT DISTINCT kek_id FROM event_store.person_keys WHERE data_key IS NOT NULL');
    expect(rows).toEqual([{ kek_id: 'kek-b' }]);
    const onlyNew = createConfigKeyWrapper([{ id: 'kek-b', key: kekB }]);
    const rotated = createPostgresEventStore(db.pool, { personalData: policy, keyEncryptionKey: onlyNew });
    expect((await rotated.readStream('case-rotate'))[0]?.data).toEqual(opened('P-ROTATE').data);
    await expect(store.readStream('case-rotate')).rejects.toThrow(/kek-b, which is not configured/);
  });
});

describe('migration 7 on a store written before it', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('erasure_legacy');
  });
  afterAll(() => db.drop());

  it('wipes the key statistics ANALYZE gathered, and rewrapDataKeys wraps the clear keys; old events stay readable and erasable', async () => {
    // The schema as version 6 left it, with one person key in clear and one event sealed the first way.
    await migrateAsBefore(db.pool, 6);
    const raw = randomBytes(32);
    const keyId = randomUUID();
    const digest = createHash('sha256').update('traiettorie:person:P-LEGACY').digest();
    await db.pool.query('INSERT INTO event_store.person_keys (key_id, person_digest, data_key) VALUES ($1, $2, $3)', [keyId, digest, raw]);
    for (const other of ['P-LEGACY-2', 'P-LEGACY-3']) {
      await db.pool.query('INSERT INTO event_store.person_keys (key_id, person_digest, data_key) VALUES ($1, $2, $3)', [
        randomUUID(),
        createHash('sha256').update(`traiettorie:person:${other}`).digest(),
        randomBytes(32),
      ]);
    }
    const eventId = randomUUID();
    const sealed = encryptSecret({ 'metadata.personref': 'P-LEGACY', 'data.householdRef': 'H-LEGACY' }, raw, eventId);
    await db.pool.query(`SELECT event_store.append('case-legacy', 'any', $1::jsonb)`, [
      JSON.stringify([{ id: eventId, type: 'CaseOpened', data: { measure: 'ADI' }, metadata: {}, key_id: keyId, protected: sealed.toString('base64') }]),
    ]);
    await db.pool.query('ANALYZE event_store.person_keys');
    expect(await everywhere(db)).toContain(hex(raw).slice(0, 40)); // the attack: the key is in pg_stats

    await migrateEventStore(db.pool);
    const store = createPostgresEventStore(db.pool, { personalData: policy, keyEncryptionKey: kek });
    expect(await rewrapDataKeys(db.pool, kek)).toBe(3);
    await db.pool.query('ANALYZE');
    expect(await everywhere(db)).not.toContain(hex(raw));
    const [read] = await store.readStream('case-legacy');
    expect(read?.data).toEqual({ measure: 'ADI', householdRef: 'H-LEGACY' });
    expect(read?.metadata).toEqual({ personref: 'P-LEGACY' });

    expect(await store.forget('P-LEGACY')).toBe(true);
    const [erased] = await store.readStream('case-legacy');
    expect(erased?.data).toEqual({ measure: 'ADI', householdRef: null });
    expect(erased?.metadata).toEqual({ personref: null, erased: ['metadata.personref', 'data.householdRef'] });
  });
});

describe('appends racing forget on PostgreSQL', () => {
  let db: TestDatabase;
  let store: EventStore;
  beforeAll(async () => {
    db = await createTestDatabase('erasure_race');
    await migrateEventStore(db.pool);
    store = createPostgresEventStore(db.pool, { personalData: policy, keyEncryptionKey: kek });
  });
  afterAll(() => db.drop());

  it('each append either lands (and reads erased) or is refused with PersonForgottenError; never a crash, never a fresh key', async () => {
    const persons = Array.from({ length: 25 }, (_, i) => `P-RACE-${String(i).padStart(3, '0')}`);
    const outcomes = await Promise.all(
      persons.flatMap((person) => [
        ...Array.from({ length: 4 }, (_, j) => store.appendToStream(`case-${person}-${j}`, [opened(person)]).then(() => 'appended', (e: unknown) => e)),
        store.forget(person).then(() => 'forgot'),
        ...Array.from({ length: 4 }, (_, j) => store.appendToStream(`case-${person}-${4 + j}`, [opened(person)]).then(() => 'appended', (e: unknown) => e)),
      ]),
    );
    const unexpected = outcomes.filter((o) => o !== 'appended' && o !== 'forgot' && !(o instanceof PersonForgottenError));
    expect(unexpected).toEqual([]);
    // Which appends land depends on timing: one whose key was read before forget destroyed it is stored, and reads erased.

    // Forget is final: no live key for anyone, every stored event reads erased, and a later append is refused.
    const { rows } = await db.pool.query<{ live: string }>('SELECT count(*) AS live FROM event_store.person_keys WHERE data_key IS NOT NULL');
    expect(Number(rows[0]!.live)).toBe(0);
    const events = [];
    for (const person of persons) for (let j = 0; j < 8; j++) events.push(...(await store.readStream(`case-${person}-${j}`)));
    expect(events.length).toBe(outcomes.filter((o) => o === 'appended').length);
    for (const event of events) expect(event.metadata).toMatchObject({ personref: null, erased: ['metadata.personref', 'data.householdRef'] });
    for (const person of persons) {
      await expect(store.appendToStream(`case-late-${person}`, [opened(person)])).rejects.toBeInstanceOf(PersonForgottenError);
    }
    expect(await store.streamVersion(`case-late-${persons[0]}`)).toBe(0);
  });
});

describe('the key-encryption key from the environment', () => {
  it('refuses to run without one unless the development flag is set, and never echoes key material', () => {
    expect(() => keyWrapperFromEnv({})).toThrow(/TRAIETTORIE_KEK/);
    expect(keyWrapperFromEnv({ TRAIETTORIE_DEV_KEK: '1' }).currentKekId).toBe('dev-insecure');
    const short = randomBytes(16).toString('base64');
    expect(() => keyWrapperFromEnv({ TRAIETTORIE_KEK: short })).toThrow(/32 bytes/);
    expect(() => keyWrapperFromEnv({ TRAIETTORIE_KEK: short })).not.toThrow(short);
    const [a, b] = [randomBytes(32), randomBytes(32)];
    const wrapper = keyWrapperFromEnv({ TRAIETTORIE_KEK: `new:${b.toString('base64')},old:${a.toString('base64')}` });
    expect(wrapper.currentKekId).toBe('new');
    const oldOnly = keyWrapperFromEnv({ TRAIETTORIE_KEK: `old:${a.toString('base64')}` });
    const { kekId, wrapped } = oldOnly.wrap(Buffer.alloc(32, 7), 'k');
    expect(wrapper.unwrap(kekId, wrapped, 'k')).toEqual(Buffer.alloc(32, 7));
    expect(() => keyWrapperFromEnv({ TRAIETTORIE_KEK_FILE: '/nonexistent/kek' })).toThrow(/cannot be read/);
  });
});
