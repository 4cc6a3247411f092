import type { StoreName } from '../config.js';
import type { BenchEvent } from '../payloads.js';

/** The few operations the scenarios need, adapted to each store's own API. */
export interface BenchStore {
  readonly name: StoreName;
  /** Creates the schema in the (empty, fresh) database. */
  setup(): Promise<void>;
  /** One append call: `expectedVersion` is the stream's version before it (0: new stream). */
  append(streamId: string, expectedVersion: number, events: BenchEvent[]): Promise<void>;
  /** Reads one batch of the global log after `cursor` (undefined: from the start); `positions`: the events' global positions. */
  readBatch(cursor: unknown, limit: number): Promise<{ positions: number[]; cursor: unknown }>;
  /** Brings a tamper-evidence structure up to date before `verify` (not measured); returns events sealed. */
  seal?(): Promise<number>;
  /** Verifies the whole log (a hash chain); absent when the store has no such thing. */
  verify?(onProgress: (verified: number) => void): Promise<{ ok: boolean; verified: number }>;
  /** Ends every connection the store opened. */
  close(): Promise<void>;
}

/**
 * Idle pool connections close after this: the other stores' processes wait
 * while one runs, and 3 x 34 idle connections would crowd max_connections.
 */
export const IDLE_MS = 1_000;
