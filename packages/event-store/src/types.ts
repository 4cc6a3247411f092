/** What a caller appends. `id` is the event's identity: appending it again is a no-op. */
export interface NewEvent {
  id: string;
  type: string;
  data: unknown;
  metadata?: Record<string, unknown>;
}

export interface StoredEvent {
  globalPosition: number;
  transactionId: string;
  streamId: string;
  /** 1 for a stream's first event. */
  streamPosition: number;
  id: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  recordedAt: Date;
  /**
   * Set when the stored row cannot be read whole: its protected (encrypted)
   * fields do not open, because the row was altered in the database. `data`
   * and `metadata` then hold only the fields stored in clear; the personal
   * fields and the person reference are absent (not null, which means erased).
   * `verify` names the event. Readers of the global log get such an event
   * rather than an error, so one bad row does not stop the log.
   */
  damaged?: { reason: 'protected-fields-unreadable'; detail: string };
}

/**
 * What the appender expects the stream's version (its number of events) to be:
 * `any`, `no_stream` (the stream must not exist), `stream_exists`, or exactly N.
 */
export type ExpectedVersion = 'any' | 'no_stream' | 'stream_exists' | number;

export interface AppendResult {
  /** The stream's version after the append. */
  nextExpectedVersion: number;
  /** The global positions given to the appended events (empty on an idempotent retry). */
  globalPositions: number[];
}

/**
 * A position in the global log: the order is (transactionId, globalPosition),
 * which is the order in which events become visible, so a reader that resumes
 * from a checkpoint never skips an event that committed late.
 */
export interface LogCheckpoint {
  transactionId: string;
  globalPosition: number;
}

export const LOG_START: LogCheckpoint = Object.freeze({ transactionId: '0', globalPosition: 0 });

export interface ReadAllResult {
  events: StoredEvent[];
  /**
   * Where the next read continues: after the last event returned; when a
   * filtered read matched nothing, the horizon it looked up to (so the next
   * read does not scan the same events again); otherwise unchanged.
   */
  checkpoint: LogCheckpoint;
}
