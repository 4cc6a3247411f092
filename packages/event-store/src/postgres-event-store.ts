import { ConcurrencyError, DuplicateEventIdError, ValidationError } from '@traiettorie/contracts';
import type pg from 'pg';
import { appendMac, ChainKeyError, type ChainKeys } from './chain-keys.js';
import type { EventStore, Queryable, ReadAllOptions, ReadStreamOptions, StreamAppend, StreamAppendOutcome } from './event-store.js';
import { sealLog, verifyLog } from './hash-chain.js';
import { KeyEncryptionKeyError, type KeyWrapper } from './key-encryption.js';
import {
  createTableKeyStore,
  decodeProtected,
  decryptSecret,
  encodeProtected,
  encryptSecret,
  fieldPath,
  jointKey,
  partContext,
  PersonForgottenError,
  restorePersonalData,
  separatePersonalData,
  type KeyStore,
  type PersonalDataPolicy,
  type PersonKey,
  type ProtectedEvent,
  type SealedPart,
} from './personal-data.js';
import {
  LOG_START,
  type AppendResult,
  type ExpectedVersion,
  type LogCheckpoint,
  type NewEvent,
  type ReadAllResult,
  type StoredEvent,
} from './types.js';

// command-handler.ts still names the port from here; it leaves this package in issue 9, and this line with it.
export type { EventStore } from './event-store.js';

export interface EventStoreOptions {
  /** Which data fields are personal; with it, they and the envelope's person reference are stored encrypted. */
  personalData?: PersonalDataPolicy;
  /**
   * Wraps the per-person data keys with a key-encryption key the database does
   * not hold (`keyWrapperFromEnv()`); required with `personalData` unless a `keyStore` is given.
   */
  keyEncryptionKey?: KeyWrapper;
  keyStore?: KeyStore;
  /**
   * The chain keys (ADR 6, `chainKeysFromEnv()`): every append is authenticated
   * with the current one (a MAC stored in the row), and seal/verify need them.
   * Without them appends carry no MAC, and a sealer refuses to seal them.
   */
  chainKeys?: ChainKeys;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The event store on PostgreSQL (schema `event_store`; run `migrateEventStore` first). */
export function createPostgresEventStore(pool: pg.Pool, storeOptions: EventStoreOptions = {}): EventStore {
  const wrapper = storeOptions.keyEncryptionKey;
  if (storeOptions.personalData && !storeOptions.keyStore && !wrapper) {
    throw new Error('createPostgresEventStore: personalData needs a keyEncryptionKey (keyWrapperFromEnv()) so data keys are never stored in clear');
  }
  const keys = storeOptions.keyStore ?? createTableKeyStore(wrapper ?? refuseKeys);
  const reveal = (rows: EventRow[], onDamaged: 'flag' | 'throw') => revealEvents(pool, keys, storeOptions.personalData, rows, onDamaged);
  return {
    appendToStream: (streamId, events, options) =>
      append(pool, streamId, events, options?.expectedVersion ?? 'any', storeOptions.personalData, keys, storeOptions.chainKeys),
    appendToStreams: (appends) => appendToMany(pool, appends, storeOptions.personalData, keys, storeOptions.chainKeys),
    readStream: async (streamId, options) => reveal(await readStream(pool, streamId, options), 'throw'),
    async readStreams(streamIds) {
      const { rows } = await pool.query<EventRow>(
        `SELECT ${COLUMNS} FROM event_store.events WHERE stream_id = ANY($1::text[]) ORDER BY stream_id, stream_position`,
        [[...new Set(streamIds)]],
      );
      const streams = new Map<string, StoredEvent[]>(streamIds.map((id) => [id, []]));
      for (const event of await reveal(rows, 'throw')) streams.get(event.streamId)?.push(event);
      return streams;
    },
    streamVersion: (streamId) => streamVersionOf(pool, streamId),
    async readAll(options) {
      const result = await readAll(pool, options);
      return { events: await reveal(result.rows, 'flag'), checkpoint: result.checkpoint };
    },
    async loadCheckpoint(name, db = pool) {
      const { rows } = await db.query<{ transaction_id: string; global_position: string }>(
        'SELECT transaction_id::text, global_position FROM event_store.checkpoints WHERE name = $1',
        [name],
      );
      const row = rows[0];
      return row ? { transactionId: row.transaction_id, globalPosition: Number(row.global_position) } : LOG_START;
    },
    async saveCheckpoint(name, checkpoint, db = pool) {
      // Never backwards: a late writer holding an older checkpoint leaves the newer one in place.
      await db.query(
        `INSERT INTO event_store.checkpoints AS c (name, transaction_id, global_position) VALUES ($1, $2::xid8, $3)
         ON CONFLICT (name) DO UPDATE SET transaction_id = EXCLUDED.transaction_id,
           global_position = EXCLUDED.global_position, updated_at = now()
         WHERE (c.transaction_id, c.global_position) < (EXCLUDED.transaction_id, EXCLUDED.global_position)`,
        [name, checkpoint.transactionId, checkpoint.globalPosition],
      );
    },
    seal: (options) => sealLog(pool, requireChainKeys(storeOptions.chainKeys, 'seal'), options),
    verify: (options) => verifyLog(pool, requireChainKeys(storeOptions.chainKeys, 'verify'), options),
    forget: (personRef) => keys.forget(personRef, pool),
  };
}

/** One stream's append, its events as the row batch `event_store.append` takes (personal fields sealed, MACs computed). */
interface PreparedAppend {
  streamId: string;
  expected: ExpectedVersion;
  batch: string;
  ids: string[];
}

async function append(
  pool: pg.Pool,
  streamId: string,
  events: NewEvent[],
  expected: ExpectedVersion,
  policy: PersonalDataPolicy | undefined,
  keys: KeyStore,
  chainKeys: ChainKeys | undefined,
): Promise<AppendResult> {
  const [prepared] = await prepareAppends(pool, [{ streamId, events, expectedVersion: expected }], policy, keys, chainKeys);
  if (prepared instanceof Error) throw prepared;
  return appendPrepared(pool, prepared!);
}

async function appendPrepared(pool: pg.Pool, prepared: PreparedAppend): Promise<AppendResult> {
  const { streamId, expected, batch } = prepared;
  let result: AppendRow | undefined;
  try {
    const { rows } = await pool.query<AppendRow>('SELECT outcome, stream_version, positions FROM event_store.append($1, $2, $3::jsonb)', [
      streamId,
      String(expected),
      batch,
    ]);
    result = rows[0];
  } catch (error) {
    // The unique index on event_id caught an id already stored.
    if (!isUniqueViolation(error, 'events_event_id_key')) throw error;
  }
  if (result?.outcome === 'appended') return appended(result);
  return notAppended(pool, prepared, result);
}

/**
 * Appends to many streams in one statement and one transaction
 * (`event_store.append_streams`, up to 256 streams a statement): every person's data key of all of them made
 * or found at once, each stream's events then checked and appended as
 * `append` does. One stream refused (a conflict, an id already used, invalid
 * events) leaves the others appended. Should the statement fail as a whole (an
 * id inserted meanwhile by a concurrent append, or a deadlock with one), each
 * stream is appended on its own instead, with the same outcomes.
 */
async function appendToMany(
  pool: pg.Pool,
  appends: readonly StreamAppend[],
  policy: PersonalDataPolicy | undefined,
  keys: KeyStore,
  chainKeys: ChainKeys | undefined,
): Promise<StreamAppendOutcome[]> {
  const prepared = await prepareAppends(pool, appends, policy, keys, chainKeys);
  const outcomes = new Array<StreamAppendOutcome>(appends.length);
  const ready = prepared.flatMap((p, i) => (p instanceof Error ? ((outcomes[i] = { error: p }), []) : [{ index: i, append: p }]));
  for (let start = 0; start < ready.length; start += STREAMS_PER_STATEMENT) {
    await appendTogether(pool, ready.slice(start, start + STREAMS_PER_STATEMENT), outcomes);
  }
  return outcomes;
}

/**
 * Streams appended by one `append_streams` statement: it holds a lock per
 * stream until it commits, and the server's lock table is shared and bounded
 * (`max_locks_per_transaction` × connections), so a batch of thousands of
 * streams goes in several transactions.
 */
const STREAMS_PER_STATEMENT = 256;

async function appendTogether(pool: pg.Pool, ready: { index: number; append: PreparedAppend }[], outcomes: StreamAppendOutcome[]): Promise<void> {
  let rows: (AppendRow & { ord: string })[] | undefined;
  try {
    rows = (
      await pool.query<AppendRow & { ord: string }>('SELECT ord, outcome, stream_version, positions FROM event_store.append_streams($1::jsonb)', [
        `[${ready.map(({ append: a }) => `{"stream":${JSON.stringify(a.streamId)},"expected":${JSON.stringify(String(a.expected))},"events":${a.batch}}`).join(',')}]`,
      ])
    ).rows;
  } catch (error) {
    if (!isUniqueViolation(error, 'events_event_id_key') && (error as { code?: string }).code !== DEADLOCK) throw error;
  }
  const byOrdinal = new Map((rows ?? []).map((row) => [Number(row.ord), row]));
  await Promise.all(
    ready.map(async ({ index, append: a }, i) => {
      try {
        const row = byOrdinal.get(i + 1);
        outcomes[index] = { result: !rows ? await appendPrepared(pool, a) : row?.outcome === 'appended' ? appended(row) : await notAppended(pool, a, row) };
      } catch (error) {
        outcomes[index] = { error: error as Error };
      }
    }),
  );
}

/** Checks each append and seals its personal fields, the data keys of all its persons found (or made) at once; an invalid append is its error. */
async function prepareAppends(
  pool: pg.Pool,
  appends: readonly StreamAppend[],
  policy: PersonalDataPolicy | undefined,
  keys: KeyStore,
  chainKeys: ChainKeys | undefined,
): Promise<(PreparedAppend | Error)[]> {
  const separatedAppends = appends.map(({ streamId, events }) => {
    try {
      validateAppend(streamId, events);
      return events.map((e) => ({ event: e, ...separatePersonalData(e.type, e.data, e.metadata ?? {}, policy) }));
    } catch (error) {
      if (error instanceof ValidationError) return error;
      throw error;
    }
  });
  // Every person whose key seals something: subjects and the persons their events reference.
  const persons = separatedAppends.flatMap((s) => (s instanceof Error ? [] : s.flatMap(({ parts }) => parts.flatMap((p) => p.persons))));
  const personKeys = await keys.keysFor(persons, pool);
  return appends.map(({ streamId, events, expectedVersion }, i) => {
    const separated = separatedAppends[i]!;
    if (separated instanceof Error) return separated;
    try {
      return { streamId, expected: expectedVersion ?? 'any', batch: appendBatch(streamId, separated, personKeys, chainKeys), ids: events.map((e) => e.id) };
    } catch (error) {
      if (error instanceof PersonForgottenError) return error;
      throw error;
    }
  });
}

/** The rows of one stream's append as JSON: personal fields sealed under the persons' keys, each row with its append MAC. */
function appendBatch(
  streamId: string,
  separated: ({ event: NewEvent } & ProtectedEvent)[],
  personKeys: ReadonlyMap<string, PersonKey | undefined>,
  chainKeys: ChainKeys | undefined,
): string {
  // The append MAC (ADR 6): computed here, over what the row will hold, so the INSERT stays one round trip.
  const authenticated = <T extends { id: string; type: string; data: unknown; metadata: unknown; key_id?: string; protected?: string }>(row: T) => {
    if (!chainKeys) return row;
    const macKey = chainKeys.currentKeyId;
    const mac = appendMac(chainKeys, macKey, {
      streamId,
      eventId: row.id,
      type: row.type,
      data: row.data,
      metadata: row.metadata,
      keyId: row.key_id ?? null,
      protected: row.protected ?? null,
    });
    return { ...row, mac_key: macKey, mac: mac.toString('base64') };
  };
  return JSON.stringify(
    separated.map(({ event, data, metadata, parts, personRef }) => {
      if (!personRef) return authenticated({ id: event.id, type: event.type, data, metadata });
      const subject = personKeys.get(personRef);
      if (!subject) throw new PersonForgottenError(event.id);
      const sealed = parts.map(({ persons, secret }): SealedPart => {
        const paths = Object.keys(secret);
        const found = persons.map((p) => personKeys.get(p));
        // A reference to someone already forgotten is stored already erased.
        if (found.some((k) => !k)) return { keys: [], paths };
        const keyIds = found.map((k) => k!.keyId);
        return { keys: keyIds, paths, sealed: encryptSecret(secret, jointKey(found.map((k) => k!.key)), partContext(event.id, keyIds)) };
      });
      return authenticated({ id: event.id, type: event.type, data, metadata, key_id: subject.keyId, protected: encodeProtected(sealed).toString('base64') });
    }),
  );
}

interface AppendRow {
  outcome: string;
  stream_version: string | null;
  positions: string[] | null;
}

const DEADLOCK = '40P01';

function appended(row: AppendRow): AppendResult {
  return { nextExpectedVersion: Number(row.stream_version ?? 0), globalPositions: (row.positions ?? []).map(Number) };
}

/** An id already stored, or a version conflict: either may be a retry of an append that succeeded. */
async function notAppended(pool: pg.Pool, { streamId, expected, batch, ids }: PreparedAppend, row: AppendRow | undefined): Promise<AppendResult> {
  const retried = await alreadyAppended(pool, streamId, batch, ids.length);
  if (retried !== undefined) return { nextExpectedVersion: retried, globalPositions: [] };
  if (row?.outcome === 'conflict') throw new ConcurrencyError(streamId, expected, Number(row.stream_version ?? 0));
  throw new DuplicateEventIdError(ids);
}

function validateAppend(streamId: string, events: NewEvent[]): void {
  const issues = [];
  if (!streamId) issues.push({ path: 'streamId', rule: 'required', message: 'a stream id is required' });
  if (events.length === 0) issues.push({ path: 'events', rule: 'min:1', message: 'at least one event is required' });
  events.forEach((event, i) => {
    if (!UUID.test(event.id)) issues.push({ path: `events.${i}.id`, rule: 'format:uuid', message: 'must be a UUID' });
    if (!event.type) issues.push({ path: `events.${i}.type`, rule: 'required', message: 'an event type is required' });
  });
  if (new Set(events.map((e) => e.id.toLowerCase())).size !== events.length) {
    issues.push({ path: 'events', rule: 'unique-ids', message: 'event ids must be unique within an append' });
  }
  if (issues.length > 0) throw new ValidationError(issues, 'append');
}

/**
 * Idempotent append: when every event id of the batch is already stored in this
 * stream with the same type and data, returns the stream's version; when some
 * id is used by a different event, throws; otherwise undefined (a new append).
 */
async function alreadyAppended(db: Queryable, streamId: string, batch: string, count: number): Promise<number | undefined> {
  const { rows } = await db.query<{ id: string; same: boolean }>(
    `SELECT e.event_id::text AS id,
            (e.stream_id = $1 AND e.event_type = n.ev->>'type' AND e.data = n.ev->'data') AS same
     FROM jsonb_array_elements($2::jsonb) AS n(ev)
     JOIN event_store.events e ON e.event_id = (n.ev->>'id')::uuid`,
    [streamId, batch],
  );
  if (rows.length === 0) return undefined;
  const different = rows.filter((r) => !r.same).map((r) => r.id);
  if (different.length > 0 || rows.length !== count) {
    throw new DuplicateEventIdError(different.length > 0 ? different : rows.map((r) => r.id));
  }
  return streamVersionOf(db, streamId);
}

async function streamVersionOf(db: Queryable, streamId: string): Promise<number> {
  const { rows } = await db.query<{ version: string }>('SELECT version FROM event_store.streams WHERE stream_id = $1', [streamId]);
  return Number(rows[0]?.version ?? 0);
}

async function readStream(db: Queryable, streamId: string, options: ReadStreamOptions = {}): Promise<EventRow[]> {
  const backwards = options.direction === 'backwards';
  const from = options.from ?? (backwards ? Number.MAX_SAFE_INTEGER : 1);
  const { rows } = await db.query<EventRow>(
    `SELECT ${COLUMNS} FROM event_store.events
     WHERE stream_id = $1 AND stream_position ${backwards ? '<=' : '>='} $2
       AND ($4::timestamptz IS NULL OR recorded_at <= $4)
     ORDER BY stream_position ${backwards ? 'DESC' : 'ASC'}
     LIMIT $3`,
    [streamId, from, options.maxCount ?? null, options.asOf ?? null],
  );
  return rows;
}

/**
 * Reads the global log after a checkpoint, in (transaction, position) order,
 * bounded by the oldest transaction still running: an event whose transaction
 * may still commit is never passed over, so nothing committed late is skipped.
 *
 * A read filtered by type or category walks one ordered index range per type
 * (or per category) and merges them, so it costs what the matching events
 * cost, not what the log holds. When a filtered read finds nothing, its
 * checkpoint moves to the horizon it looked up to (every transaction below the
 * snapshot's xmin has ended), so the next read does not scan the same rows.
 */
async function readAll(db: Queryable, options: ReadAllOptions = {}): Promise<{ rows: EventRow[]; checkpoint: LogCheckpoint }> {
  const after = options.after ?? LOG_START;
  const types = options.types ? [...new Set(options.types)] : null;
  const categories = options.categories ? [...new Set(options.categories)] : null;
  // The range each index walks: the log order after the checkpoint, below the horizon.
  const range = `(e.transaction_id, e.global_position) > ($1::xid8, $2::bigint) AND e.transaction_id < h.xmin
       AND ($6::timestamptz IS NULL OR e.recorded_at >= $6) AND ($7::timestamptz IS NULL OR e.recorded_at < $7)`;
  const ordered = `ORDER BY e.transaction_id, e.global_position LIMIT $3`;
  // One branch per type (or category), each an ordered range of its own index, merged in log order. Each value
  // is its own parameter, so the planner sees it and its statistics (behind unnest() it would guess, and walk the
  // whole log in order rather than the value's index range).
  const values: string[] = types ?? categories ?? [];
  const branch = (i: number) =>
    types
      ? `(SELECT ${COLUMNS}, e.transaction_id AS xid FROM event_store.events e
          WHERE e.event_type = $${8 + i} AND ${range} AND ($5::text[] IS NULL OR split_part(e.stream_id, '-', 1) = ANY($5))
          ${ordered})`
      : `(SELECT ${COLUMNS}, e.transaction_id AS xid FROM event_store.events e
          WHERE split_part(e.stream_id, '-', 1) = $${8 + i} AND ${range}
          ${ordered})`;
  const page =
    types || categories
      ? values.length === 0
        ? `SELECT ${COLUMNS}, e.transaction_id AS xid FROM event_store.events e WHERE false`
        : `SELECT * FROM (${values.map((_, i) => branch(i)).join(' UNION ALL ')}) e ORDER BY e.xid, e.global_position LIMIT $3`
      : `SELECT ${COLUMNS}, e.transaction_id AS xid FROM event_store.events e WHERE ${range} ${ordered}`;
  const { rows } = await db.query<EventRow & { horizon: string; xid: string | null }>(
    // The horizon is read once, in the statement's own snapshot, and returned even when no event is.
    // ORDER BY names the table's columns: the output column transaction_id is text, and text order is wrong.
    // ($4 and $5 are named there too: a branch that does not use them must still give them a type.)
    `WITH h AS MATERIALIZED (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin, $4::text[] AS types, $5::text[] AS categories)
     SELECT h.xmin::text AS horizon, page.* FROM h LEFT JOIN LATERAL (${page}) page ON true
     ORDER BY page.xid, page.global_position`,
    [
      after.transactionId,
      after.globalPosition,
      options.limit ?? 1000,
      types,
      categories,
      options.recordedFrom ?? null,
      options.recordedBefore ?? null,
      ...values,
    ],
  );
  const events = rows.filter((r) => r.xid !== null);
  const last = events.at(-1);
  if (last) return { rows: events, checkpoint: { transactionId: last.transaction_id, globalPosition: Number(last.global_position) } };
  const filtered = types || categories || options.recordedFrom || options.recordedBefore;
  const horizon = rows[0]?.horizon;
  // Nothing at or above the horizon was looked at: (horizon, 0) comes before any of it.
  if (filtered && horizon && BigInt(horizon) > BigInt(after.transactionId)) {
    return { rows: [], checkpoint: { transactionId: horizon, globalPosition: 0 } };
  }
  return { rows: [], checkpoint: after };
}

/**
 * Decrypts protected fields with the persons' keys; fields of forgotten persons
 * read as erased. A row whose protected fields do not open (altered in the
 * database) is, in the global log, delivered flagged `damaged` with those
 * fields left out, so one bad row never stops the log; a stream read (what a
 * command decides on) refuses it.
 */
async function revealEvents(
  db: Queryable,
  keys: KeyStore,
  policy: PersonalDataPolicy | undefined,
  rows: EventRow[],
  onDamaged: 'flag' | 'throw',
): Promise<StoredEvent[]> {
  // A damaged envelope reads as none here; opening the row below then fails and flags it.
  const decodeSafely = (bytes: Buffer) => {
    try {
      return decodeProtected(bytes);
    } catch {
      return undefined;
    }
  };
  const envelopes = new Map(
    rows.flatMap((r) => {
      const parts = r.key_id && r.protected ? decodeSafely(r.protected) : undefined;
      return parts ? [[r.event_id, parts] as const] : [];
    }),
  );
  const keyIds = new Set<string>();
  for (const row of rows) {
    if (!row.key_id || !row.protected) continue;
    const parts = envelopes.get(row.event_id);
    for (const id of parts ? parts.flatMap((p) => p.keys) : [row.key_id]) keyIds.add(id);
  }
  const found = await keys.keysById([...keyIds], db);
  return rows.map((row) => {
    const event = toStoredEvent(row);
    if (!row.key_id || !row.protected) return event;
    let opened;
    try {
      const parts = envelopes.get(row.event_id);
      opened = parts
        ? parts.map(({ keys: ids, paths, sealed }) => {
            const partKeys = ids.map((id) => found.get(id));
            const openable = sealed && ids.length > 0 && partKeys.every(Boolean);
            return { paths, secret: openable ? decryptSecret(sealed, jointKey(partKeys as Buffer[]), partContext(row.event_id, ids)) : undefined };
          })
        : [legacyPart(row, found.get(row.key_id), policy)];
    } catch (error) {
      const detail = `its protected fields do not open (${error instanceof Error ? error.message : String(error)})`;
      if (onDamaged === 'throw') {
        throw new Error(`event ${row.event_id} (stream ${row.stream_id}, position ${row.stream_position}): ${detail}`, { cause: error });
      }
      return { ...event, damaged: { reason: 'protected-fields-unreadable', detail } };
    }
    const restored = restorePersonalData(event.data, event.metadata, opened);
    return { ...event, data: restored.data, metadata: restored.metadata };
  });
}

/** An event stored in the first format: one ciphertext under the row's key. */
function legacyPart(row: EventRow, key: Buffer | undefined, policy: PersonalDataPolicy | undefined) {
  return key
    ? { paths: [], secret: decryptSecret(row.protected!, key, row.event_id) }
    : { paths: erasedPathsOf(row.event_type, policy), secret: undefined };
}

/** The fields a forgotten person's event had protected: the envelope's person reference and the type's personal fields. */
function erasedPathsOf(type: string, policy: PersonalDataPolicy | undefined): string[] {
  return ['metadata.personref', ...(policy?.protectedPaths(type) ?? []).map((path) => `data.${fieldPath(path).join('.')}`)];
}

const COLUMNS = `global_position, transaction_id::text AS transaction_id, stream_id, stream_position, event_id::text AS event_id,
  event_type, data, metadata, recorded_at, key_id::text AS key_id, protected`;

interface EventRow {
  global_position: string;
  transaction_id: string;
  stream_id: string;
  stream_position: string;
  event_id: string;
  event_type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  recorded_at: Date;
  key_id: string | null;
  protected: Buffer | null;
}

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    globalPosition: Number(row.global_position),
    transactionId: row.transaction_id,
    streamId: row.stream_id,
    streamPosition: Number(row.stream_position),
    id: row.event_id,
    type: row.event_type,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
  };
}

/** The KeyWrapper of a store given its own KeyStore: never called. */
const refuseKeys: KeyWrapper = {
  currentKekId: 'none',
  wrap: () => {
    throw new KeyEncryptionKeyError('this store was created without a keyEncryptionKey: it cannot seal personal data');
  },
  unwrap: () => {
    throw new KeyEncryptionKeyError('this store was created without a keyEncryptionKey: it cannot open personal data');
  },
};

function requireChainKeys(chainKeys: ChainKeys | undefined, what: string): ChainKeys {
  if (!chainKeys) throw new ChainKeyError(`${what} needs the chain keys: create the store with chainKeys (chainKeysFromEnv(): TRAIETTORIE_CHAIN_KEY or TRAIETTORIE_CHAIN_KEY_FILE)`);
  return chainKeys;
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string };
  return e.code === '23505' && e.constraint === constraint;
}
