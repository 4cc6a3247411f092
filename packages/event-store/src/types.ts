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
  /** Where the next read continues; unchanged when nothing new was visible. */
  checkpoint: LogCheckpoint;
}
