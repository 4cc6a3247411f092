import { recordEvents, type EventToRecord } from '@traiettorie/command-handling';
import { catalogueClassification, parseEvent } from '@traiettorie/contracts';
import { chainKeysFromEnv, createPostgresEventStore, keyWrapperFromEnv, type EventStore } from '@traiettorie/event-store';
import { recordersByType } from '@traiettorie/events';
import pg from 'pg';

type Way = 'allStreamsAtOnce' | 'streamByStream';

/** Milliseconds spent in the statements of each kind, summed (they overlap when streams are appended concurrently). */
class StatementClock {
  readonly ms = { read: 0, dataKeys: 0, append: 0 };
  watch(pool: pg.Pool): void {
    const query = pool.query.bind(pool) as (text: string, values?: unknown[]) => Promise<unknown>;
    (pool as unknown as { query: typeof query }).query = async (text, values) => {
      const started = performance.now();
      try {
        return await query(text, values);
      } finally {
        const kind = text.includes('person_keys') ? 'dataKeys' : /event_store\.append/.test(text) ? 'append' : 'read';
        this.ms[kind] += performance.now() - started;
      }
    };
  }
  reset(): void {
    this.ms.read = this.ms.dataKeys = this.ms.append = 0;
  }
}

/**
 * Where a batch's time goes, in the process (no HTTP, no door), on a store
 * opened as the service opens it (its own pool of 10 on the service's
 * database): the contract checks, then `recordEvents` with every stream
 * appended at once, split into its reads, deciders, data keys, sealing
 * (encryption and MACs) and the append statement; and, in turns with it,
 * `recordEvents` with each stream appended on its own (the path of a store
 * without `appendToStreams`, and of every batch before it).
 */
export async function splitOfBatch(databaseUrl: string, batch: () => unknown[], rounds: number) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const clock = new StatementClock();
  clock.watch(pool);
  const store = createPostgresEventStore(pool, { personalData: catalogueClassification, keyEncryptionKey: keyWrapperFromEnv(), chainKeys: chainKeysFromEnv() });
  const calls = { readStreams: 0, appendToStreams: 0 };
  const timed: EventStore = {
    ...store,
    readStreams: async (ids) => timedCall(calls, 'readStreams', () => store.readStreams!(ids)),
    appendToStreams: async (appends) => timedCall(calls, 'appendToStreams', () => store.appendToStreams!(appends)),
  };
  const streamByStream: EventStore = { ...store };
  delete streamByStream.appendToStreams;
  const recorders = recordersByType();
  const samples = { contractChecks: [] as number[], allStreamsAtOnce: [] as number[], streamByStream: [] as number[], reads: [] as number[], deciders: [] as number[], dataKeys: [] as number[], sealing: [] as number[], appendStatement: [] as number[] };
  const record = async (way: Way) => {
    const posted = batch();
    let started = performance.now();
    const items: EventToRecord[] = posted.map((raw) => {
      const event = parseEvent(raw);
      return { event, recorder: recorders.get(event.type)! };
    });
    samples.contractChecks.push(performance.now() - started);
    clock.reset();
    calls.readStreams = calls.appendToStreams = 0;
    started = performance.now();
    const outcomes = await recordEvents(way === 'allStreamsAtOnce' ? timed : streamByStream, items);
    const total = performance.now() - started;
    samples[way].push(total);
    if (outcomes.some((o) => o.status !== 'accepted')) throw new Error(`the batch was not recorded whole (${way})`);
    if (way === 'streamByStream') return;
    samples.reads.push(clock.ms.read);
    samples.deciders.push(total - calls.readStreams - calls.appendToStreams);
    samples.dataKeys.push(clock.ms.dataKeys);
    samples.sealing.push(calls.appendToStreams - clock.ms.dataKeys - clock.ms.append);
    samples.appendStatement.push(clock.ms.append);
  };
  try {
    for (let round = 0; round < rounds; round++) {
      // In turns, so that neither way always runs at the busier moment.
      for (const way of round % 2 ? (['streamByStream', 'allStreamsAtOnce'] as const) : (['allStreamsAtOnce', 'streamByStream'] as const)) await record(way);
      process.stderr.write(`split ${round + 1}/${rounds}: all streams at once ${samples.allStreamsAtOnce.at(-1)!.toFixed(0)} ms, stream by stream ${samples.streamByStream.at(-1)!.toFixed(0)} ms\n`);
    }
  } finally {
    await pool.end();
  }
  return Object.fromEntries(Object.entries(samples).map(([phase, all]) => [phase, { median: median(all), all }])) as Record<keyof typeof samples, { median: number; all: number[] }>;
}

async function timedCall<T>(calls: Record<string, number>, name: string, call: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await call();
  } finally {
    calls[name]! += performance.now() - started;
  }
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
