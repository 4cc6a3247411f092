import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DuplicateEventIdError, IllegalStateError, type EventType, type HubEvent } from '@traiettorie/contracts';
import { createPostgresEventStore, migrateEventStore, type EventStore } from '@traiettorie/event-store';
import { createTestDatabase, sampleEvent, type TestDatabase } from '@traiettorie/testing';
import { randomUUID } from 'node:crypto';
import { toNewEvent } from './cloud-events.js';
import type { Decider } from './decider.js';
import type { DomainEvent } from './domain-event.js';
import { recorder } from './recorder.js';
import { recordEvents, type EventToRecord } from './record-events.js';

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
