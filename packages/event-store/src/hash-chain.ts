import { createHash } from 'node:crypto';
import type pg from 'pg';
import { appendMac, sameMac, type ChainKeys } from './chain-keys.js';
import type {
  ChainBreak,
  ChainBreakAt,
  ChainCheckpoint,
  ChainHead,
  Queryable,
  SealOptions,
  SealRefusal,
  SealResult,
  VerifyOptions,
  VerifyResult,
} from './event-store.js';

/**
 * An event's canonical content, as PostgreSQL renders it: jsonb's text form is
 * canonical (keys ordered), the time is in epoch microseconds so the session's
 * time zone cannot change it. Position and transaction are included, so moving
 * a row is as visible as editing it. Protected (encrypted) fields enter as
 * ciphertext: destroying a person's key does not change any hash.
 */
const CONTENT = `jsonb_build_array(e.global_position, e.transaction_id::text, e.stream_id, e.stream_position,
  e.event_id::text, e.event_type, e.data, e.metadata, (extract(epoch FROM e.recorded_at) * 1000000)::bigint,
  e.key_id::text, encode(e.protected, 'base64'))::text`;

/** What the sealer and verify read of an event: its content as PostgreSQL renders it, and its fields to check the append MAC. */
const ROW = `e.global_position AS row_position, e.transaction_id::text AS row_transaction, e.stream_id, e.event_id::text AS event_id,
  e.event_type, e.data, e.metadata, e.key_id::text AS data_key_id, e.protected, e.mac_key_id, e.append_mac, ${CONTENT} AS content`;

export const GENESIS_HASH = Buffer.alloc(32);
const SEAL_LOCK = 7_301_931_002;

/** The bare SHA-256 link of the chain before ADR 6 (entries whose key_id is NULL). */
export function chainHash(previous: Buffer, content: string): Buffer {
  return createHash('sha256').update(previous).update(content, 'utf8').digest();
}

interface EventFields {
  row_position: string;
  row_transaction: string;
  stream_id: string;
  event_id: string;
  event_type: string;
  data: unknown;
  metadata: unknown;
  data_key_id: string | null;
  protected: Buffer | null;
  mac_key_id: string | null;
  append_mac: Buffer | null;
  content: string;
}

interface EntryFields {
  seq: number;
  globalPosition: string;
  transactionId: string;
  keyId: string;
}

/**
 * A keyed chain entry (ADR 6): HMAC-SHA256 under the chain key it names, over
 * the previous hash, every field of the entry, the legacy boundary, the
 * event's content as PostgreSQL renders it and the event's append MAC.
 */
export function keyedChainHash(keys: ChainKeys, previous: Buffer, entry: EntryFields, legacyUntil: string, row: EventFields): Buffer {
  return keys.mac(
    entry.keyId,
    'chain-v2',
    previous,
    String(entry.seq),
    String(entry.globalPosition),
    String(entry.transactionId),
    entry.keyId,
    legacyUntil,
    row.content,
    row.mac_key_id ?? '',
    row.append_mac ?? Buffer.alloc(0),
  );
}

/** Why a row fails its append MAC, if it does. Rows at or before the legacy boundary were stored before append MACs. */
function checkAppendMac(keys: ChainKeys, row: EventFields, legacyUntil: bigint): { reason: ChainBreak; detail: string } | undefined {
  const position = String(row.row_position);
  if (!row.append_mac || !row.mac_key_id) {
    if (BigInt(position) <= legacyUntil) return undefined;
    return {
      reason: 'event-unauthenticated',
      detail: `the event at position ${position} has no append MAC: it was not written through the store's append`,
    };
  }
  if (!keys.has(row.mac_key_id)) {
    return { reason: 'chain-key-unknown', detail: `the event at position ${position} was authenticated with chain key ${row.mac_key_id}, which is not configured` };
  }
  const expected = appendMac(keys, row.mac_key_id, {
    streamId: row.stream_id,
    eventId: row.event_id,
    type: row.event_type,
    data: row.data,
    metadata: row.metadata,
    keyId: row.data_key_id,
    protected: row.protected ? row.protected.toString('base64') : null,
  });
  if (sameMac(expected, row.append_mac)) return undefined;
  return {
    reason: 'content-changed',
    detail: `the event at position ${position} differs from what its append authenticated (stream, id, type, data, metadata or protected fields)`,
  };
}

/**
 * Extends the chain over events that committed since the last seal, in the
 * global log's order, with the current chain key. Appends stay concurrent; one
 * sealer at a time (an advisory lock) keeps the chain linear.
 *
 * It refuses, rather than seals or fails for ever: a row without a valid
 * append MAC (seals up to it and stops there), a head entry that does not
 * verify, or a chain that lost an entry it was told to expect. A refusal is
 * returned, and recorded once in `event_store.chain_alarms` for the auditors.
 */
export async function sealLog(pool: pg.Pool, keys: ChainKeys, { batchSize = 5000, expect }: SealOptions = {}): Promise<SealResult> {
  const client = await pool.connect();
  let total = 0;
  let head: ChainHead | null = null;
  const refuse = async (refused: SealRefusal): Promise<SealResult> => {
    await client.query(
      `INSERT INTO event_store.chain_alarms (reason, global_position, event_id, detail) VALUES ($1, $2, $3, $4)
       ON CONFLICT (reason, global_position) DO NOTHING`,
      [refused.reason, refused.globalPosition, refused.eventId ?? null, refused.detail],
    );
    await client.query('COMMIT');
    return { sealed: total, head, refused };
  };
  try {
    for (;;) {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [SEAL_LOCK]);
      const legacyUntil = await legacyBoundary(client);
      const { rows: last } = await client.query<{ seq: string; global_position: string; transaction_id: string; hash: Buffer; key_id: string | null } & Partial<EventFields>>(
        `SELECT c.seq, c.global_position, c.transaction_id::text, c.hash, c.key_id, ${ROW}
         FROM event_store.chain c LEFT JOIN event_store.events e ON e.global_position = c.global_position
         ORDER BY c.seq DESC LIMIT 2`,
      );
      const [top, before] = last;
      head = top ? { seq: Number(top.seq), globalPosition: Number(top.global_position), hash: top.hash.toString('hex'), keyId: top.key_id } : null;
      if (expect) {
        const { rows } = await client.query<{ hash: Buffer }>('SELECT hash FROM event_store.chain WHERE seq = $1', [expect.seq]);
        if (!rows[0]) {
          return await refuse({
            seq: expect.seq,
            globalPosition: 0,
            reason: 'chain-truncated',
            detail: `chain entry ${expect.seq}, sealed before, is gone: the chain was cut back`,
          });
        }
        if (rows[0].hash.toString('hex') !== expect.hash) {
          return await refuse({
            seq: expect.seq,
            globalPosition: 0,
            reason: 'chain-rewritten',
            detail: `chain entry ${expect.seq} no longer has the hash it was sealed with: the chain was rewritten`,
          });
        }
      }
      if (top) {
        // The head must verify before anything is chained to it: a moved or edited head is reported, never built on.
        const at = { seq: Number(top.seq), globalPosition: Number(top.global_position) };
        if (!top.event_id) return await refuse({ ...at, reason: 'event-missing', detail: `the event under the chain's head (position ${top.global_position}) was deleted` });
        const row = top as typeof top & EventFields;
        if (row.row_transaction !== top.transaction_id) {
          return await refuse({ ...at, eventId: row.event_id, reason: 'content-changed', detail: `the chain's head names transaction ${top.transaction_id}, its event ${row.row_transaction}` });
        }
        const previous = before && Number(before.seq) === at.seq - 1 ? before.hash : at.seq === 1 ? GENESIS_HASH : undefined;
        if (!previous) return await refuse({ ...at, seq: at.seq - 1, reason: 'chain-entry-missing', detail: `chain entry ${at.seq - 1} is missing` });
        let expected: Buffer;
        if (top.key_id === null) {
          expected = chainHash(previous, row.content);
        } else if (!keys.has(top.key_id)) {
          return await refuse({ ...at, reason: 'chain-key-unknown', detail: `the chain's head was sealed with chain key ${top.key_id}, which is not configured` });
        } else {
          expected = keyedChainHash(keys, previous, { seq: at.seq, globalPosition: top.global_position, transactionId: top.transaction_id, keyId: top.key_id }, String(legacyUntil), row);
        }
        if (!expected.equals(top.hash)) {
          return await refuse({ ...at, eventId: row.event_id, reason: 'content-changed', detail: `the chain's head (entry ${at.seq}) does not verify: it or its event was altered` });
        }
      }
      const { rows } = await client.query<EventFields>(
        `SELECT ${ROW} FROM event_store.events e
         WHERE (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)
           AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
         ORDER BY e.transaction_id, e.global_position LIMIT $3`,
        [top?.transaction_id ?? '0', top?.global_position ?? 0, batchSize],
      );
      let previous: Buffer = top?.hash ?? GENESIS_HASH;
      let seq = Number(top?.seq ?? 0);
      const keyId = keys.currentKeyId;
      const seqs: number[] = [];
      const positions: string[] = [];
      const transactions: string[] = [];
      const hashes: Buffer[] = [];
      let refusal: SealRefusal | undefined;
      for (const row of rows) {
        const unauthenticated = checkAppendMac(keys, row, legacyUntil);
        if (unauthenticated) {
          refusal = { seq: seq + 1, globalPosition: Number(row.row_position), eventId: row.event_id, ...unauthenticated };
          break;
        }
        seq++;
        previous = keyedChainHash(keys, previous, { seq, globalPosition: row.row_position, transactionId: row.row_transaction, keyId }, String(legacyUntil), row);
        seqs.push(seq);
        positions.push(row.row_position);
        transactions.push(row.row_transaction);
        hashes.push(previous);
      }
      if (seqs.length > 0) {
        try {
          await client.query('SAVEPOINT chain_insert');
          await client.query(
            `INSERT INTO event_store.chain (seq, global_position, transaction_id, hash, key_id)
             SELECT s, p, t, h, $5 FROM unnest($1::bigint[], $2::bigint[], $3::xid8[], $4::bytea[]) AS u(s, p, t, h)`,
            [seqs, positions, transactions, hashes, keyId],
          );
        } catch (error) {
          if ((error as { code?: string }).code !== '23505') throw error;
          await client.query('ROLLBACK TO SAVEPOINT chain_insert');
          return await refuse({
            seq: seqs[0]!,
            globalPosition: Number(positions[0]),
            reason: 'chain-conflict',
            detail: `a chain entry already covers an event the sealer found after the head (${(error as { detail?: string }).detail ?? 'duplicate key'})`,
          });
        }
        head = { seq, globalPosition: Number(positions.at(-1)), hash: previous.toString('hex'), keyId };
      }
      total += seqs.length;
      if (refusal) return await refuse(refusal);
      await client.query('COMMIT');
      if (rows.length < batchSize) return { sealed: total, head };
    }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function legacyBoundary(db: Queryable): Promise<bigint> {
  // No origin row (deleted) means no legacy rows: the strictest reading.
  const { rows } = await db.query<{ legacy_until: string }>('SELECT legacy_until FROM event_store.chain_origin');
  return BigInt(rows[0]?.legacy_until ?? 0);
}

/**
 * Walks the chain from its start, recomputing every entry with the chain keys
 * from the events as they are now, and checks every unsealed event's append
 * MAC. Reports the first break: an event edited, deleted, moved, inserted or
 * forged, a chain entry altered, and with checkpoints, a chain cut back or
 * rewritten. Reads only; changes nothing.
 */
export async function verifyLog(db: Queryable, keys: ChainKeys, { batchSize = 10_000, onProgress, against = [] }: VerifyOptions = {}): Promise<VerifyResult> {
  const legacyUntil = await legacyBoundary(db);
  const checkpoints = new Map(against.map((c) => [c.seq, c]));
  let previous: Buffer = GENESIS_HASH;
  let lastSeq = 0;
  let verified = 0;
  let legacy = 0;
  let keyed = false;
  let head: { transaction_id: string; global_position: string; key_id: string | null } | undefined;
  const broken = (firstBreak: ChainBreakAt): VerifyResult => ({ ok: false, verified, unsealed: 0, firstBreak });
  for (;;) {
    const { rows } = await db.query<{ seq: string; global_position: string; transaction_id: string; hash: Buffer; key_id: string | null } & EventFields>(
      `SELECT c.seq, c.global_position, c.transaction_id::text, c.hash, c.key_id, ${ROW}
       FROM event_store.chain c LEFT JOIN event_store.events e ON e.global_position = c.global_position
       WHERE c.seq > $1 ORDER BY c.seq LIMIT $2`,
      [lastSeq, batchSize],
    );
    for (const row of rows) {
      const seq = Number(row.seq);
      const at = { seq, globalPosition: Number(row.global_position), ...(row.event_id ? { eventId: row.event_id } : {}) };
      if (seq !== lastSeq + 1) {
        return broken({ ...at, seq: lastSeq + 1, reason: 'chain-entry-missing', detail: `chain entry ${lastSeq + 1} is missing` });
      }
      if (row.event_id === null) {
        return broken({ ...at, reason: 'event-missing', detail: `the event at position ${row.global_position} was deleted` });
      }
      let expected: Buffer;
      if (row.key_id === null) {
        if (keyed || BigInt(row.global_position) > legacyUntil) {
          return broken({ ...at, reason: 'entry-unkeyed', detail: `chain entry ${seq} has no chain key, but is not one of those sealed before keyed chaining` });
        }
        expected = chainHash(previous, row.content);
        legacy++;
      } else {
        keyed = true;
        if (!keys.has(row.key_id)) {
          return broken({ ...at, reason: 'chain-key-unknown', detail: `chain entry ${seq} was sealed with chain key ${row.key_id}, which is not configured` });
        }
        const unauthenticated = checkAppendMac(keys, row, legacyUntil);
        if (unauthenticated) return broken({ ...at, ...unauthenticated });
        expected = keyedChainHash(
          keys,
          previous,
          { seq, globalPosition: row.global_position, transactionId: row.transaction_id, keyId: row.key_id },
          String(legacyUntil),
          row,
        );
      }
      if (!expected.equals(row.hash)) {
        return broken({
          ...at,
          reason: 'content-changed',
          detail: `chain entry ${seq} does not verify: the event at position ${row.global_position} (its position, transaction or time included), the entry, or one before it differs from what was sealed`,
        });
      }
      const checkpoint = checkpoints.get(seq);
      if (checkpoint && checkpoint.hash !== expected.toString('hex')) {
        return broken({
          ...at,
          reason: 'chain-rewritten',
          detail: `chain entry ${seq} differs from the checkpoint signed at ${checkpoint.time}: the history up to it was rewritten`,
        });
      }
      previous = expected;
      lastSeq = seq;
      verified++;
      head = row;
    }
    onProgress?.(verified);
    if (rows.length < batchSize) break;
  }
  const beyond = [...checkpoints.values()].filter((c) => c.seq > lastSeq).sort((a, b) => a.seq - b.seq)[0];
  if (beyond) {
    return broken({
      seq: beyond.seq,
      globalPosition: beyond.globalPosition,
      reason: 'chain-truncated',
      detail: `the chain ends at entry ${lastSeq}, but a checkpoint signed at ${beyond.time} holds entry ${beyond.seq}: the chain was cut back`,
    });
  }
  const after = [head?.transaction_id ?? '0', head?.global_position ?? 0];
  const { rows: inserted } = await db.query<{ global_position: string; event_id: string }>(
    `SELECT e.global_position, e.event_id::text FROM event_store.events e
     WHERE NOT EXISTS (SELECT 1 FROM event_store.chain c WHERE c.global_position = e.global_position)
       AND (e.transaction_id, e.global_position) < ($1::xid8, $2::bigint)
     ORDER BY e.transaction_id, e.global_position LIMIT 1`,
    after,
  );
  if (inserted[0]) {
    return broken({
      seq: 0,
      globalPosition: Number(inserted[0].global_position),
      eventId: inserted[0].event_id,
      reason: 'event-outside-chain',
      detail: `the event at position ${inserted[0].global_position} sits inside the sealed range but was never sealed (inserted)`,
    });
  }
  // The unsealed tail: not chained yet, but every row must still carry its append's MAC.
  let unsealed = 0;
  let cursor = after;
  for (;;) {
    const { rows } = await db.query<EventFields>(
      `SELECT ${ROW} FROM event_store.events e WHERE (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)
       ORDER BY e.transaction_id, e.global_position LIMIT $3`,
      [...cursor, batchSize],
    );
    for (const row of rows) {
      const unauthenticated = checkAppendMac(keys, row, legacyUntil);
      if (unauthenticated) return broken({ seq: 0, globalPosition: Number(row.row_position), eventId: row.event_id, ...unauthenticated });
      unsealed++;
    }
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) break;
    cursor = [last.row_transaction, last.row_position];
  }
  return {
    ok: true,
    verified,
    unsealed,
    ...(legacy > 0 ? { legacy } : {}),
    ...(head ? { head: { seq: lastSeq, globalPosition: Number(head.global_position), hash: previous.toString('hex'), keyId: head.key_id } } : {}),
    ...(against.length > 0 ? { checkpoints: against.length } : {}),
  };
}
