import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConcurrencyError, DuplicateEventIdError, IllegalStateError, type EventData, type EventType, type HubEvent } from '@traiettorie/contracts';
import { createPostgresEventStore, migrateEventStore, type EventStore } from '@traiettorie/event-store';
import { createTestDatabase, sampleEvent, type TestDatabase } from '@traiettorie/testing';
import { randomUUID } from 'node:crypto';
import { toNewEvent } from './cloud-events.js';
import type { Decider } from './decider.js';
import type { DomainEvent } from './domain-event.js';
import { recordEvents, type EventToRecord } from './record-events.js';
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

/** A case opens once, and only an opened case records anything else: enough rules to see a stream decided again. */
const caseRecord: Decider<{ event: HubEvent }, { opened: boolean }, EventType> = {
  initialState: () => ({ opened: false }),
  evolve: (state, event) => ({ opened: state.opened || event.type === 'CaseOpened' }),
  decide({ event }, state) {
    if ((event.type === 'CaseOpened') === state.opened) throw new IllegalStateError(`case ${event.subject}: ${event.type} is out of order`);
    return [{ type: event.type, data: event.data } as DomainEvent<EventType>];
  },
  streamIdentity: (_state, { event }) => ({ subject: event.subject, ambito: event.ambito, personref: event.personref, legalbasis: event.legalbasis }),
};
const recorderOf = (type: EventType) => recorder({ type, decider: caseRecord, stream: (event) => `case-${event.subject}`, command: (event) => ({ event }) });
const recorders = new Map((['CaseOpened', 'AssessmentCompleted'] as const).map((type) => [type, recorderOf(type)]));
const toRecord = (event: HubEvent): EventToRecord => ({ event, recorder: recorders.get(event.type as 'CaseOpened')! });
const opened = (caseId: string = randomUUID()) => sampleEvent('CaseOpened', { caseId });

describe('recording a batch of published events, every stream appended at once', () => {
  let db: TestDatabase;
  let store: EventStore;

  beforeAll(async () => {
    db = await createTestDatabase('record_events');
    await migrateEventStore(db.pool);
    store = createPostgresEventStore(db.pool);
  });
  afterAll(() => db.drop());

  const types = async (caseId: string) => (await store.readStream(`case-${caseId}`)).map((e) => e.type);

  it("decides a stream again on what a concurrent writer stored between the batch's read and its append; the other streams are stored", async () => {
    const [first, raced] = [opened(), opened()];
    const assessed = sampleEvent('AssessmentCompleted', { caseId: first.subject });
    const theirs = opened(raced.subject);
    // Another writer opens the raced case once the batch has read its streams.
    const racing: EventStore = {
      ...store,
      readStreams: async (ids) => {
        const read = await store.readStreams!(ids);
        await store.appendToStream(`case-${raced.subject}`, [toNewEvent(theirs)]);
        return read;
      },
    };
    const outcomes = await recordEvents(racing, [first, assessed, raced].map(toRecord));
    expect(outcomes.map((o) => o.status)).toEqual(['accepted', 'accepted', 'refused']);
    // Refused by its decider on the stream as it now is, not as a conflict left to the caller.
    expect(outcomes[2]).toMatchObject({ error: expect.any(IllegalStateError) });
    expect(await types(first.subject)).toEqual(['CaseOpened', 'AssessmentCompleted']);
    expect((await store.readStream(`case-${raced.subject}`)).map((e) => e.id)).toEqual([theirs.id]);
  });

  it('refuses an event whose id is already stored on another stream, and records the rest of the batch', async () => {
    const elsewhere = opened();
    await store.appendToStream(`case-${elsewhere.subject}`, [toNewEvent(elsewhere)]);
    const reusing = { ...opened(), id: elsewhere.id };
    const fresh = opened();
    const outcomes = await recordEvents(store, [reusing, fresh].map(toRecord));
    expect(outcomes[0]).toMatchObject({ status: 'refused', error: expect.any(DuplicateEventIdError) });
    expect(outcomes[1]).toMatchObject({ status: 'accepted', version: 1 });
    expect(await types(reusing.subject)).toEqual([]);
    expect(await types(fresh.subject)).toEqual(['CaseOpened']);
  });
});
