import { toHubEvents, toNewEvent } from '@traiettorie/command-handling';
import type { EventStore, NewEvent } from '@traiettorie/event-store';
import { randomUUID } from 'node:crypto';
import { accessLogStreamOf, toAccessEvent, type AccessEntry } from './access-entry.js';

export interface AccessLogOptions {
  /** The longest an entry waits in memory before its batch is appended (default 50 ms). */
  flushMs?: number;
  /** A batch is appended as soon as it has this many entries (default 500). */
  maxBatch?: number;
  /**
   * Entries kept in memory while the store refuses appends (default 100,000).
   * Past it `record` throws `AccessLogUnavailableError`: the caller must then
   * refuse the read, since a read that cannot be logged must not happen.
   */
  maxBuffered?: number;
  /** The first wait before retrying a failed append; it doubles, with jitter, up to 5 s (default 100 ms). */
  retryMs?: number;
  clock?: () => Date;
  newId?: () => string;
  log?: (message: string, fields?: Record<string, unknown>) => void;
}

export interface AccessLog {
  /**
   * Records a read: checks the entry against the `PersonalDataAccessed`
   * contract (throws `ValidationError` at once when it is not valid) and
   * queues it; it never waits for the store. Throws
   * `AccessLogUnavailableError` when the store has been failing for so long
   * that `maxBuffered` entries wait, and after `close()`.
   */
  record(entry: AccessEntry): void;
  /**
   * Records a read and resolves once it is durably appended; rejects with
   * `AccessLogUnavailableError` after `timeoutMs` (default 5 s). For reads
   * whose record must exist before the data leaves, e.g. the auditor's.
   */
  recordDurably(entry: AccessEntry, timeoutMs?: number): Promise<void>;
  /** Resolves once every entry recorded before the call is appended. */
  flush(): Promise<void>;
  /** Flushes and stops: no entry recorded before it is lost. */
  close(): Promise<void>;
  /** Entries recorded and not yet appended. */
  pending(): number;
}

/** The access log cannot take or keep a record: the read it was for must be refused. */
export class AccessLogUnavailableError extends Error {
  readonly code = 'access-log-unavailable';
}

interface Queued {
  seq: number;
  stream: string;
  event: NewEvent;
}

interface Waiter {
  seq: number;
  resolve: () => void;
}

/**
 * The access log (issue 10, item 5): every read of personal data becomes a
 * `PersonalDataAccessed` event on the day's stream `access-log-<yyyy-mm-dd>`,
 * appended through the store like every event, so it is hash-chained and its
 * personal fields are sealed under the read person's key. Reads do not wait
 * for it: entries are appended in batches, one append per batch (per day the
 * batch spans), at most `flushMs` after they were recorded. A failed append is
 * logged and retried with backoff; the events' ids make a retry of an append
 * that did commit a no-op.
 */
export function createAccessLog(store: EventStore, options: AccessLogOptions = {}): AccessLog {
  const flushMs = options.flushMs ?? 50;
  const maxBatch = options.maxBatch ?? 500;
  const maxBuffered = options.maxBuffered ?? 100_000;
  const retryMs = options.retryMs ?? 100;
  const clock = options.clock ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  const log = options.log ?? ((message, fields) => process.stderr.write(`${JSON.stringify({ level: 'error', context: 'access-log', message, ...fields })}\n`));

  let queue: Queued[] = [];
  let recorded = 0;
  let appended = 0;
  let waiters: Waiter[] = [];
  let timer: NodeJS.Timeout | undefined;
  let draining: Promise<void> | undefined;
  let closed = false;

  function settle(): void {
    const due = waiters.filter((w) => w.seq <= appended);
    waiters = waiters.filter((w) => w.seq > appended);
    due.forEach((w) => w.resolve());
  }

  async function appendBatch(batch: Queued[]): Promise<void> {
    const byStream = new Map<string, NewEvent[]>();
    for (const item of batch) {
      const events = byStream.get(item.stream) ?? [];
      events.push(item.event);
      byStream.set(item.stream, events);
    }
    for (let wait = retryMs; ; wait = Math.min(wait * 2, 5_000)) {
      try {
        for (const [stream, events] of byStream) await store.appendToStream(stream, events);
        return;
      } catch (error) {
        log('appending the access log failed; retrying', { entries: batch.length, error: String(error), retryInMs: wait });
        await new Promise((resolve) => setTimeout(resolve, wait / 2 + Math.random() * (wait / 2)));
      }
    }
  }

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      await appendBatch(batch);
      queue = queue.slice(batch.length);
      appended = batch.at(-1)!.seq;
      settle();
    }
  }

  function startDrain(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    draining ??= drain().finally(() => {
      draining = undefined;
      if (queue.length > 0) schedule();
    });
    return draining;
  }

  function schedule(): void {
    if (queue.length >= maxBatch) void startDrain();
    else timer ??= setTimeout(() => void startDrain(), flushMs);
  }

  function waitFor(seq: number): Promise<void> {
    if (seq <= appended) return Promise.resolve();
    return new Promise((resolve) => waiters.push({ seq, resolve }));
  }

  function record(entry: AccessEntry): number {
    if (closed) throw new AccessLogUnavailableError('the access log is closed');
    if (queue.length >= maxBuffered) {
      throw new AccessLogUnavailableError(`the access log holds ${queue.length} unwritten entries: the event store is not taking appends`);
    }
    const { event, identity } = toAccessEvent(entry);
    const now = clock().toISOString();
    const [hubEvent] = toHubEvents([event], identity, { source: entry.case.custodian, now, eventId: () => newId() });
    const seq = ++recorded;
    queue.push({ seq, stream: accessLogStreamOf(now), event: toNewEvent(hubEvent!) });
    schedule();
    return seq;
  }

  return {
    record(entry) {
      record(entry);
    },
    async recordDurably(entry, timeoutMs = 5_000) {
      const seq = record(entry);
      void startDrain();
      let timeout: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          waitFor(seq),
          new Promise<never>((_, reject) => {
            timeout = setTimeout(() => reject(new AccessLogUnavailableError(`the access log did not store the record within ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
      } finally {
        clearTimeout(timeout);
      }
    },
    async flush() {
      const seq = recorded;
      if (queue.length > 0) void startDrain();
      await waitFor(seq);
    },
    async close() {
      closed = true;
      await this.flush();
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
    pending: () => recorded - appended,
  };
}
