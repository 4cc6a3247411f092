import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Queryable } from './postgres-event-store.js';

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

export const GENESIS_HASH = Buffer.alloc(32);
const SEAL_LOCK = 7_301_931_002;

export function chainHash(previous: Buffer, content: string): Buffer {
  return createHash('sha256').update(previous).update(content, 'utf8').digest();
}

export interface SealResult {
  sealed: number;
  head: { seq: number; globalPosition: number } | null;
}

/**
 * Extends the hash chain over events that committed since the last seal, in
 * the global log's order. Appends stay concurrent; the chain follows them, and
 * one sealer at a time (an advisory lock) keeps it linear.
 */
export async function sealLog(pool: pg.Pool, batchSize = 5000): Promise<SealResult> {
  const client = await pool.connect();
  let total = 0;
  try {
    for (;;) {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [SEAL_LOCK]);
      const { rows: heads } = await client.query<{ seq: string; global_position: string; transaction_id: string; hash: Buffer }>(
        'SELECT seq, global_position, transaction_id::text, hash FROM event_store.chain ORDER BY seq DESC LIMIT 1',
      );
      const head = heads[0];
      const { rows } = await client.query<{ global_position: string; transaction_id: string; content: string }>(
        `SELECT e.global_position, e.transaction_id::text, ${CONTENT} AS content FROM event_store.events e
         WHERE (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)
           AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
         ORDER BY e.transaction_id, e.global_position LIMIT $3`,
        [head?.transaction_id ?? '0', head?.global_position ?? 0, batchSize],
      );
      let previous: Buffer = head?.hash ?? GENESIS_HASH;
      let seq = Number(head?.seq ?? 0);
      const seqs: number[] = [];
      const positions: string[] = [];
      const transactions: string[] = [];
      const hashes: Buffer[] = [];
      for (const row of rows) {
        previous = chainHash(previous, row.content);
        seqs.push(++seq);
        positions.push(row.global_position);
        transactions.push(row.transaction_id);
        hashes.push(previous);
      }
      if (rows.length > 0) {
        await client.query(
          `INSERT INTO event_store.chain (seq, global_position, transaction_id, hash)
           SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::xid8[], $4::bytea[])`,
          [seqs, positions, transactions, hashes],
        );
      }
      await client.query('COMMIT');
      total += rows.length;
      if (rows.length < batchSize) {
        const last = rows.at(-1);
        return {
          sealed: total,
          head: last ? { seq, globalPosition: Number(last.global_position) } : head ? { seq, globalPosition: Number(head.global_position) } : null,
        };
      }
    }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export type ChainBreak =
  | 'content-changed'
  | 'event-missing'
  | 'chain-entry-missing'
  | 'event-outside-chain';

export interface VerifyResult {
  ok: boolean;
  /** Events whose hash was recomputed and matched. */
  verified: number;
  /** Committed events not sealed yet (the tail after the chain's head). */
  unsealed: number;
  /** The first place where the chain breaks, in log order. */
  firstBreak?: { seq: number; globalPosition: number; eventId?: string; reason: ChainBreak; detail: string };
}

/**
 * Walks the chain from its start, recomputing every hash from the events as
 * they are now. Reports the first break: an event edited, deleted, moved, or
 * inserted inside the sealed range. Reads only; changes nothing.
 */
export async function verifyLog(
  db: Queryable,
  { batchSize = 10_000, onProgress }: { batchSize?: number; onProgress?: (verified: number) => void } = {},
): Promise<VerifyResult> {
  let previous: Buffer = GENESIS_HASH;
  let lastSeq = 0;
  let verified = 0;
  let head: { transaction_id: string; global_position: string } | undefined;
  for (;;) {
    const { rows } = await db.query<{
      seq: string;
      global_position: string;
      transaction_id: string;
      hash: Buffer;
      event_id: string | null;
      content: string;
    }>(
      `SELECT c.seq, c.global_position, c.transaction_id::text, c.hash, e.event_id::text, ${CONTENT} AS content
       FROM event_store.chain c LEFT JOIN event_store.events e ON e.global_position = c.global_position
       WHERE c.seq > $1 ORDER BY c.seq LIMIT $2`,
      [lastSeq, batchSize],
    );
    for (const row of rows) {
      const seq = Number(row.seq);
      const at = { seq, globalPosition: Number(row.global_position), ...(row.event_id ? { eventId: row.event_id } : {}) };
      if (seq !== lastSeq + 1) {
        return broken(verified, { ...at, seq: lastSeq + 1, reason: 'chain-entry-missing', detail: `chain entry ${lastSeq + 1} is missing` });
      }
      if (row.event_id === null) {
        return broken(verified, { ...at, reason: 'event-missing', detail: `the event at position ${row.global_position} was deleted` });
      }
      const expected = chainHash(previous, row.content);
      if (!expected.equals(row.hash)) {
        return broken(verified, {
          ...at,
          reason: 'content-changed',
          detail: `the event at position ${row.global_position} (or one before it) differs from what was sealed`,
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
  const after = [head?.transaction_id ?? '0', head?.global_position ?? 0];
  const { rows: inserted } = await db.query<{ global_position: string; event_id: string }>(
    `SELECT e.global_position, e.event_id::text FROM event_store.events e
     WHERE NOT EXISTS (SELECT 1 FROM event_store.chain c WHERE c.global_position = e.global_position)
       AND (e.transaction_id, e.global_position) < ($1::xid8, $2::bigint)
     ORDER BY e.transaction_id, e.global_position LIMIT 1`,
    after,
  );
  if (inserted[0]) {
    return broken(verified, {
      seq: 0,
      globalPosition: Number(inserted[0].global_position),
      eventId: inserted[0].event_id,
      reason: 'event-outside-chain',
      detail: `the event at position ${inserted[0].global_position} sits inside the sealed range but was never sealed (inserted)`,
    });
  }
  const { rows: tail } = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM event_store.events e WHERE (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)`,
    after,
  );
  return { ok: true, verified, unsealed: Number(tail[0]?.n ?? 0) };
}

function broken(verified: number, firstBreak: NonNullable<VerifyResult['firstBreak']>): VerifyResult {
  return { ok: false, verified, unsealed: 0, firstBreak };
}
