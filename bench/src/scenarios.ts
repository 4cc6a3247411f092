import type { BenchConfig } from './config.js';
import { makeEvents } from './payloads.js';
import { every, fmtInt, now, percentile, progress } from './stats.js';
import type { BenchStore } from './stores/store.js';

export const APPEND_SCENARIOS = [
  { name: 'append-1x1', writers: 1, batch: 1 },
  { name: 'append-1x100', writers: 1, batch: 100 },
  { name: 'append-32x1', writers: 32, batch: 1 },
] as const;
export type AppendScenarioName = (typeof APPEND_SCENARIOS)[number]['name'];
export type ScenarioName = AppendScenarioName | 'read-all' | 'seal' | 'verify';
export const SCENARIOS: readonly ScenarioName[] = [...APPEND_SCENARIOS.map((s) => s.name), 'read-all', 'seal', 'verify'];

/** Throughput of one measured run, with a note when it is not a clean number. */
export interface Measured {
  eventsPerSecond: number;
  note?: string;
}

/** An append scenario's latencies are over every round so far. */
export interface AppendMeasured extends Measured {
  p50Ms: number;
  p99Ms: number;
  appends: number;
}

export const MAX_WRITERS = Math.max(...APPEND_SCENARIOS.map((s) => s.writers));
const PROGRESS_EVERY_MS = 2_000;

/** Counts every event a store was given, warm-up and seed included: the size of its log. */
export class Appender {
  appended = 0;
  private streams = 0;
  constructor(readonly store: BenchStore) {}

  /**
   * A writer: each call prepares its next append (events made before the
   * clock starts), to its current stream or to a new one once that holds
   * `streamLength` events; the returned function performs it.
   */
  writer(prefix: string, streamLength: number) {
    let streamId = '';
    let version = streamLength;
    return (batch: number): (() => Promise<void>) => {
      if (version + batch > streamLength) {
        streamId = `case-${prefix}-${++this.streams}`;
        version = 0;
      }
      const [id, expected, events] = [streamId, version, makeEvents(streamId, batch)];
      version += batch;
      return async () => {
        await this.store.append(id, expected, events);
        this.appended += batch;
      };
    };
  }
}

/**
 * `writers` concurrent loops of appends of `batch` events for warm-up plus
 * duration; only appends started after the warm-up count, and the window
 * ends when the last of them completes. Latencies are added to `samples`
 * (every round of the scenario) and the percentiles are over all of them.
 */
export async function measureAppends(
  appender: Appender,
  scenario: (typeof APPEND_SCENARIOS)[number],
  config: BenchConfig,
  samples: number[],
): Promise<AppendMeasured> {
  const { name, writers, batch } = scenario;
  const log = (message: string) => progress(appender.store.name, `${name}: ${message}`);
  const measureFrom = now() + config.warmupMs;
  const deadline = measureFrom + config.durationMs;
  const latencies: number[] = [];
  let lastEnd = measureFrom;
  log(`${writers} writer(s) x ${batch} event(s) per append, ${config.warmupMs} ms warm-up + ${config.durationMs} ms`);
  const stop = every(PROGRESS_EVERY_MS, () => {
    const t = now();
    if (t < measureFrom) return log('warming up');
    const secs = (t - measureFrom) / 1000;
    const events = latencies.length * batch;
    log(`${secs.toFixed(0)} s, ${fmtInt(events)} events, ${fmtInt(events / secs)} ev/s`);
  });
  try {
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        const next = appender.writer(`${name}-w${w}`, config.streamLength);
        while (now() < deadline) {
          const append = next(batch);
          const start = now();
          await append();
          const end = now();
          if (start >= measureFrom) {
            latencies.push(end - start);
            lastEnd = Math.max(lastEnd, end);
          }
        }
      }),
    );
  } finally {
    stop();
  }
  const seconds = (lastEnd - measureFrom) / 1000;
  const eventsPerSecond = seconds > 0 ? (latencies.length * batch) / seconds : 0;
  latencies.sort((a, b) => a - b);
  const p = (q: number) => percentile(latencies, q);
  log(`done: ${fmtInt(eventsPerSecond)} ev/s over ${fmtInt(latencies.length)} appends, p50 ${p(50).toFixed(2)} ms, p99 ${p(99).toFixed(2)} ms`);
  for (const latency of latencies) samples.push(latency);
  samples.sort((a, b) => a - b);
  return { eventsPerSecond, appends: samples.length, p50Ms: percentile(samples, 50), p99Ms: percentile(samples, 99) };
}

/** Fills the log up to `config.events` with 4 writers, each append a new stream (not measured). */
export async function seed(appender: Appender, config: BenchConfig): Promise<void> {
  const log = (message: string) => progress(appender.store.name, `seed: ${message}`);
  const missing = config.events - appender.appended;
  if (missing <= 0) return;
  log(`appending ${fmtInt(missing)} events, ${config.seedBatch} per append, 4 writers`);
  const started = now();
  const stop = every(PROGRESS_EVERY_MS * 2, () =>
    log(`${fmtInt(appender.appended)} / ${fmtInt(config.events)} events (${((now() - started) / 1000).toFixed(0)} s)`),
  );
  let reserved = appender.appended; // counted before the append completes, so 4 writers do not overshoot
  try {
    await Promise.all(
      Array.from({ length: 4 }, async (_, w) => {
        const next = appender.writer(`seed-w${w}`, config.seedBatch);
        while (reserved < config.events) {
          const count = Math.min(config.seedBatch, config.events - reserved);
          reserved += count;
          await next(count)();
        }
      }),
    );
  } finally {
    stop();
  }
  log(`done: ${fmtInt(appender.appended)} events in ${((now() - started) / 1000).toFixed(1)} s`);
}

/**
 * Catch-up read of the whole global log, batch after batch, as a new
 * subscriber would, until a short batch once all `total` events are read, or
 * the time cap. An empty batch before that is either a transaction elsewhere
 * on the server holding back the visible end of the log (wait for it, time not
 * counted) or, when none holds it, events the store's reads skipped.
 */
export async function measureReadAll(
  store: BenchStore,
  total: number,
  config: BenchConfig,
  horizonHolder: () => Promise<string | undefined>,
): Promise<Measured> {
  const log = (message: string) => progress(store.name, `read-all: ${message}`);
  log(`reading ${fmtInt(total)} events, ${fmtInt(config.readBatch)} per batch (at most ${config.readMaxMs / 1000} s)`);
  let read = 0;
  let cursor: unknown;
  let waited = 0;
  let note: string | undefined;
  const positions: number[] = []; // checked after the clock stops: was every event read, and once?
  const started = now();
  const elapsed = () => (now() - started - waited) / 1000;
  const stop = every(PROGRESS_EVERY_MS, () => log(`${fmtInt(read)} / ${fmtInt(total)} events, ${fmtInt(read / elapsed())} ev/s`));
  try {
    for (;;) {
      const batch = await store.readBatch(cursor, config.readBatch);
      const count = batch.positions.length;
      for (const position of batch.positions) positions.push(position);
      read += count;
      cursor = batch.cursor;
      if (read >= total && count < config.readBatch) break;
      if (elapsed() * 1000 > config.readMaxMs) {
        note = `read-all stopped at the ${config.readMaxMs / 1000} s cap after ${fmtInt(read)} of ${fmtInt(total)} events`;
        break;
      }
      if (count > 0) continue;
      const holder = await horizonHolder();
      if (!holder) break;
      if (waited > config.readWaitMs) throw new Error(`read-all held back for over ${config.readWaitMs / 1000} s by ${holder}`);
      log(`${fmtInt(read)} / ${fmtInt(total)}: waiting for ${holder}`);
      const pause = now();
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      waited += now() - pause;
    }
  } finally {
    stop();
  }
  const seconds = elapsed();
  const distinct = new Set(positions).size;
  const wrong = [
    ...(!note && distinct < total ? [`${fmtInt(total - distinct)} skipped`] : []),
    ...(read > distinct ? [`${fmtInt(read - distinct)} delivered twice`] : []),
  ];
  if (wrong.length > 0) {
    note = [note, `read-all delivered ${fmtInt(read)} events for a log of ${fmtInt(total)}: ${wrong.join(', ')}`]
      .filter(Boolean)
      .join('; ');
  }
  const eventsPerSecond = read / seconds;
  log(`done: ${fmtInt(read)} events, ${fmtInt(eventsPerSecond)} ev/s${note ? ` (${note})` : ''}`);
  return { eventsPerSecond, ...(note && { note }) };
}

/** Seals, if the store must (not measured), then verifies the whole log; null when the store cannot verify. */
/** Sealing the whole log in one go (the relay seals every second what was appended since): events chained per second. */
export async function measureSeal(store: BenchStore, total: number): Promise<Measured | null> {
  if (!store.seal) {
    progress(store.name, 'seal: not supported');
    return null;
  }
  const started = now();
  const sealed = await store.seal();
  const eventsPerSecond = sealed / ((now() - started) / 1000);
  const note = sealed !== total ? `sealed ${fmtInt(sealed)} of ${fmtInt(total)} events` : undefined;
  progress(store.name, `seal: ${fmtInt(sealed)} events, ${fmtInt(eventsPerSecond)} ev/s${note ? ` (${note})` : ''}`);
  return sealed > 0 ? { eventsPerSecond, ...(note && { note }) } : null;
}

export async function measureVerify(store: BenchStore, total: number): Promise<Measured | null> {
  const log = (message: string) => progress(store.name, `verify: ${message}`);
  if (!store.verify) {
    log('not supported');
    return null;
  }
  let verified = 0;
  const stop = every(PROGRESS_EVERY_MS, () => log(`${fmtInt(verified)} / ${fmtInt(total)} events`));
  try {
    if (store.seal) {
      log(`sealing ${fmtInt(total)} events first (not measured)`);
      const sealStart = now();
      const sealed = await store.seal();
      log(`sealed ${fmtInt(sealed)} events, ${fmtInt(sealed / ((now() - sealStart) / 1000))} ev/s`);
    }
    log(`verifying ${fmtInt(total)} events`);
    const started = now();
    const result = await store.verify((n) => (verified = n));
    verified = result.verified;
    const eventsPerSecond = verified / ((now() - started) / 1000);
    const note = !result.ok
      ? `verify reported a broken chain after ${fmtInt(verified)} events`
      : verified !== total
        ? `verify checked ${fmtInt(verified)} of ${fmtInt(total)} events`
        : undefined;
    log(`done: ${fmtInt(verified)} events, ${fmtInt(eventsPerSecond)} ev/s${note ? ` (${note})` : ''}`);
    return verified > 0 ? { eventsPerSecond, ...(note && { note }) } : null;
  } finally {
    stop();
  }
}
