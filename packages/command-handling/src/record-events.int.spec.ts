import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConcurrencyError, type EventData, type HubEvent } from '@traiettorie/contracts';
import { createPostgresEventStore, migrateEventStore, type EventStore } from '@traiettorie/event-store';
import { createTestDatabase, sampleEvent, type TestDatabase } from '@traiettorie/testing';
import { randomUUID } from 'node:crypto';
import { toNewEvent } from './cloud-events.js';
import { recordEvents } from './record-events.js';
import { recorder } from './recorder.js';

/** Records a TrainingCompleted as posted, on the CPI's record of the case, whatever the stream holds. */
const trainingRecorder = recorder<{ event: HubEvent }, number>({
  type: 'TrainingCompleted',
  decider: {
    initialState: () => 0,
    evolve: (recorded) => recorded + 1,
    decide: ({ event }) => [{ type: 'TrainingCompleted', data: event.data as EventData<'TrainingCompleted'> }],
    streamIdentity: (_state, { event }) => ({ subject: event.subject, ambito: event.ambito, personref: event.personref, legalbasis: event.legalbasis }),
  },
  stream: (event) => `employment-${event.subject}`,
  command: (event) => ({ event }),
});

describe('recording published events when another writer appends to the same stream', () => {
  let db: TestDatabase;
  let store: EventStore;

  beforeAll(async () => {
    db = await createTestDatabase('record_events');
    await migrateEventStore(db.pool);
    store = createPostgresEventStore(db.pool);
  });
  afterAll(() => db.drop());

  /** A case whose CPI record already holds a training, so it is no new record of the case. */
  async function trainedCase(): Promise<{ caseId: string; stream: string }> {
    const caseId = randomUUID();
    const stream = `employment-${caseId}`;
    await store.appendToStream(stream, [toNewEvent(sampleEvent('TrainingCompleted', { caseId }))], { expectedVersion: 'no_stream' });
    return { caseId, stream };
  }

  /** The store, except that right after each of its first `races` reads of a stream another writer appends to it. */
  function racedStore(caseId: string, races: number): { store: EventStore; reads: () => number } {
    let reads = 0;
    const raced: EventStore = new Proxy(store, {
      get(target, property) {
        // Without a batch read, every read of the batch goes through readStream.
        if (property === 'readStreams') return undefined;
        if (property === 'readStream') {
          return async (stream: string) => {
            const read = await target.readStream(stream);
            if (reads++ < races) {
              const other = sampleEvent('TrainingCompleted', { caseId });
              await target.appendToStream(stream, [toNewEvent(other)], { expectedVersion: read.at(-1)!.streamPosition });
            }
            return read;
          };
        }
        const value: unknown = Reflect.get(target, property);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    return { store: raced, reads: () => reads };
  }

  it('when the stream changed between the read and the append › it is read again, decided again and the event recorded after the other', async () => {
    const { caseId, stream } = await trainedCase();
    const posted = sampleEvent('TrainingCompleted', { caseId });
    const raced = racedStore(caseId, 2);

    const [outcome] = await recordEvents(raced.store, [{ event: posted, recorder: trainingRecorder }]);

    expect(outcome).toEqual({ status: 'accepted', stream, version: 4 });
    expect(raced.reads()).toBe(3);
    expect((await store.readStream(stream)).at(-1)?.id).toBe(posted.id);
  });

  it('when the stream keeps changing beyond the retries › the conflict is thrown and the event is not stored', async () => {
    const { caseId, stream } = await trainedCase();
    const posted = sampleEvent('TrainingCompleted', { caseId });
    const raced = racedStore(caseId, 2);

    await expect(recordEvents(raced.store, [{ event: posted, recorder: trainingRecorder }], { retries: 1 })).rejects.toThrow(ConcurrencyError);

    expect(raced.reads()).toBe(2);
    expect((await store.readStream(stream)).map((e) => e.id)).not.toContain(posted.id);
  });
});
