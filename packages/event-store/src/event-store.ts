import type pg from 'pg';
import type { AppendResult, ExpectedVersion, LogCheckpoint, NewEvent, ReadAllResult, StoredEvent } from './types.js';

/** A pool, or a client inside a transaction: where the store runs a statement. */
export type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

export interface ReadStreamOptions {
  /** First stream position to read (forwards) or last (backwards); defaults to the start or the end. */
  from?: number;
  direction?: 'forwards' | 'backwards';
  maxCount?: number;
  /** The stream as it was known at this instant: only events recorded until then. */
  asOf?: Date;
}

/** One stream's part of `appendToStreams`. */
export interface StreamAppend {
  streamId: string;
  events: NewEvent[];
  expectedVersion?: ExpectedVersion;
}

/** What became of one stream's append: its result, or the error `appendToStream` would have thrown. */
export type StreamAppendOutcome = { result: AppendResult; error?: undefined } | { error: Error; result?: undefined };

export interface ReadAllOptions {
  after?: LogCheckpoint;
  limit?: number;
  /** Only these event types. */
  types?: string[];
  /** Only streams of these categories: the part of the stream id before the first `-` (`case` for `case-…`). */
  categories?: string[];
  /** Only events recorded at or after / before this instant. */
  recordedFrom?: Date;
  recordedBefore?: Date;
}

/**
 * The event store's port: what services, the relay, the sealer and the CLI
 * may ask of a store, whatever backs it (`createPostgresEventStore` on
 * PostgreSQL or on the embedded PGlite). The contract suites
 * (`*.contract.ts`) hold every adapter to it.
 */
export interface EventStore {
  appendToStream(streamId: string, events: NewEvent[], options?: { expectedVersion?: ExpectedVersion }): Promise<AppendResult>;
  /**
   * Appends to several streams at once (one round trip and one transaction on
   * PostgreSQL): each stream's append is as `appendToStream` would make it,
   * and refused on its own (its `ConcurrencyError`, `DuplicateEventIdError`,
   * `ValidationError`…) without stopping the others. An outcome per append,
   * in order. Optional: a caller without it appends each stream on its own.
   */
  appendToStreams?(appends: readonly StreamAppend[]): Promise<StreamAppendOutcome[]>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  /**
   * Several whole streams in one round trip, each in stream order (an absent
   * stream reads as none): what a batch of commands on many streams reads.
   * Optional: a caller without it reads each stream with `readStream`.
   */
  readStreams?(streamIds: readonly string[]): Promise<Map<string, StoredEvent[]>>;
  /** The stream's version (its number of events); 0 when it does not exist. */
  streamVersion(streamId: string): Promise<number>;
  /**
   * The global log after a checkpoint. An event whose protected fields do not
   * open is delivered with `damaged` set rather than stopping the read.
   */
  readAll(options?: ReadAllOptions): Promise<ReadAllResult>;
  loadCheckpoint(name: string, db?: Queryable): Promise<LogCheckpoint>;
  /** Saves a named checkpoint; it never moves backwards (an older one leaves the saved one in place). */
  saveCheckpoint(name: string, checkpoint: LogCheckpoint, db?: Queryable): Promise<void>;
  /** Extends the tamper-evident chain over newly committed events (needs `chainKeys`); refuses, and says why, at a forged or altered row. */
  seal(options?: SealOptions): Promise<SealResult>;
  /** Recomputes the chain (needs `chainKeys`), optionally against signed checkpoints, and reports the first break. Changes nothing. */
  verify(options?: VerifyOptions): Promise<VerifyResult>;
  /**
   * Crypto-shredding: destroys the person's data key. Their protected fields
   * read as null afterwards (listed in `metadata.erased`); the chain still verifies.
   */
  forget(personRef: string): Promise<boolean>;
}

// The tamper-evident chain (ADR 6): what `seal` and `verify` take and report.

export type ChainBreak =
  | 'content-changed'
  | 'event-missing'
  | 'chain-entry-missing'
  | 'event-outside-chain'
  /** A row no append authenticated: inserted by SQL, not through the store. */
  | 'event-unauthenticated'
  /** A row or chain entry names a chain key that is not configured. */
  | 'chain-key-unknown'
  /** A chain entry without a key after keyed ones, or past the legacy boundary. */
  | 'entry-unkeyed'
  /** The chain is shorter than a signed checkpoint says it was. */
  | 'chain-truncated'
  /** The chain's hash at a checkpointed entry differs from the signed checkpoint: history was rewritten. */
  | 'chain-rewritten'
  /** The sealer found a chain entry in the way of the next one (the head was moved). */
  | 'chain-conflict';

export interface ChainBreakAt {
  seq: number;
  globalPosition: number;
  eventId?: string;
  reason: ChainBreak;
  detail: string;
}

export interface ChainHead {
  seq: number;
  globalPosition: number;
  /** Hex. */
  hash: string;
  /** The chain key of the head entry; null for an entry sealed before ADR 6. */
  keyId: string | null;
}

export interface SealRefusal extends ChainBreakAt {}

export interface SealResult {
  sealed: number;
  head: ChainHead | null;
  /** Set when the sealer stopped at something it must not seal or extend: the chain stays there until someone acts. */
  refused?: SealRefusal;
}

export interface SealOptions {
  batchSize?: number;
  /** An entry the sealer knows was sealed (its last head, or a signed checkpoint): it refuses to extend a chain that no longer has it. */
  expect?: { seq: number; hash: string };
}

export interface VerifyResult {
  ok: boolean;
  /** Events whose chain entries were recomputed and matched. */
  verified: number;
  /** Committed events not sealed yet (the tail after the chain's head); each was checked against its append MAC. */
  unsealed: number;
  /** Of the verified, those sealed before ADR 6 (bare SHA-256, no append MAC): anchored only by the keyed entries after them and the checkpoints. */
  legacy?: number;
  /** The last entry verified. */
  head?: ChainHead;
  /** Signed checkpoints the chain was checked against. */
  checkpoints?: number;
  /** The first place where the chain breaks, in log order. */
  firstBreak?: ChainBreakAt;
}

export interface VerifyOptions {
  batchSize?: number;
  onProgress?: (verified: number) => void;
  /** Signed checkpoints (already checked: `readCheckpointFile`): the chain must still hold each of them. */
  against?: readonly ChainCheckpoint[];
}

/**
 * A signed checkpoint of the chain's head, published outside the database
 * (ADR 6): to an append-only file and to a Kafka topic. Whoever keeps a copy
 * can later show that the store's chain was cut back (it is shorter than a
 * checkpoint) or rewritten (its hash at a checkpointed entry differs).
 * Ed25519 over the RFC 8785 canonical JSON of every other field.
 */
export interface ChainCheckpoint {
  seq: number;
  globalPosition: number;
  /** The chain's hash at `seq`, hex. */
  hash: string;
  /** The chain key the entry was sealed with; null for an entry from before ADR 6. */
  keyId: string | null;
  /** ISO 8601. */
  time: string;
  /** The id of the Ed25519 key that signed (first 16 hex digits of the SHA-256 of its public key, as the relay's). */
  signingKeyId: string;
  /** Base64. */
  signature: string;
}
