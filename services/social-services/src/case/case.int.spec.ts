import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { dataSchemaOf, IllegalStateError, pactSignedV2, parseEvent, sourceOf, type EventType, type HubEvent } from '@traiettorie/contracts';
import { derivedEventId, handleCommand, toCloudEvent, toNewEvent, type CommandContext, type EventRecorder } from '@traiettorie/command-handling';
import { createPostgresEventStore, migrateEventStore, type EventStore } from '@traiettorie/event-store';
import { createTestDatabase, sampleEvent, type TestDatabase } from '@traiettorie/testing';
import { randomUUID } from 'node:crypto';
import { learnOfEmploymentDecider } from '../learn-of-employment/learn-of-employment.decider.js';
import { learnOfEmploymentCall } from '../learn-of-employment/learn-of-employment.listener.js';
import { deadlineMissedRecorder, socialServicesRecorders } from '../recorders.js';
import { revisePactDecider } from '../revise-pact/revise-pact.decider.js';
import { caseEventTypes, caseStream } from './case.state.js';

const source = sourceOf('social-services', 'ambito-sesto-san-giovanni');
const context = (eventId: () => string = () => randomUUID()): CommandContext => ({ source, now: new Date().toISOString(), eventId });

/** Records a posted event as the events service would: the recorder's decider, on the recorder's stream, the event's own id. */
function record(store: EventStore, recorder: EventRecorder, event: HubEvent) {
  return handleCommand(store, recorder.decider, {
    stream: recorder.stream(event),
    command: recorder.command(event),
    context: { source: event.source, now: event.time, eventId: () => event.id },
    ...(recorder.usuallyOpensStream ? { usuallyOpensStream: true } : {}),
  });
}

const recorderOf = (type: EventType) => socialServicesRecorders.find((r) => r.type === type)!;

describe('a case’s pathway on the PostgreSQL event store', () => {
  let db: TestDatabase;
  let store: EventStore;

  beforeAll(async () => {
    db = await createTestDatabase('social_services_case');
    await migrateEventStore(db.pool);
    store = createPostgresEventStore(db.pool);
  });
  afterAll(() => db.drop());

  it('when every step is recorded in the pathway’s order › the case’s stream holds each, as posted, and reads back through the contracts', async () => {
    const caseId = randomUUID();
    const posted = caseEventTypes.filter((type) => type !== 'DeadlineMissed').map((type) => sampleEvent(type, { caseId, agencyId: 'ambito-sesto-san-giovanni' }));

    for (const event of posted) await record(store, recorderOf(event.type), event);

    const stored = (await store.readStream(caseStream(caseId))).map((e) => parseEvent(toCloudEvent(e)));
    expect(stored.map((e) => [e.id, e.type])).toEqual(posted.map((e) => [e.id, e.type]));
    expect(stored.map((e) => e.data)).toEqual(posted.map((e) => e.data));
  });

  it('when a step is posted out of order › nothing is stored', async () => {
    const caseId = randomUUID();
    await record(store, recorderOf('CaseOpened'), sampleEvent('CaseOpened', { caseId }));

    await expect(record(store, recorderOf('PUCAttendanceRecorded'), sampleEvent('PUCAttendanceRecorded', { caseId }))).rejects.toThrow(/never assigned/);
    expect(await store.readStream(caseStream(caseId))).toHaveLength(1);
  });

  it('when a pact was stored as v2, before commitments › it is read as v3 with none, and can be revised', async () => {
    const caseId = randomUUID();
    await record(store, recorderOf('CaseOpened'), sampleEvent('CaseOpened', { caseId }));
    await record(store, recorderOf('AssessmentCompleted'), sampleEvent('AssessmentCompleted', { caseId }));
    const v2: HubEvent = { ...sampleEvent('PactSigned', { caseId }), dataschema: dataSchemaOf(pactSignedV2), data: pactSignedV2.example } as HubEvent;
    await store.appendToStream(caseStream(caseId), [toNewEvent(v2)], { expectedVersion: 2 });

    const [pact] = (await store.readStream(caseStream(caseId))).map((e) => parseEvent(toCloudEvent(e))).filter((e) => e.type === 'PactSigned');
    expect(pact?.data).toMatchObject({ pactId: pactSignedV2.example.pactId, commitments: [] });

    const { pactId: _pactId, revision: _revision, ...revision } = sampleEvent('PactRevised').data;
    const revised = await handleCommand(store, revisePactDecider, { stream: caseStream(caseId), command: { type: 'RevisePact', caseId, data: revision }, context: context() });
    expect(revised.events.map((e) => [e.type, e.data])).toEqual([['PactRevised', { ...revision, pactId: pactSignedV2.example.pactId, revision: 1 }]]);
  });

  describe('the EmploymentStarted policy, delivered more than once', () => {
    it('when the same employment arrives twice, then twice at once › the conditionality is updated once, with the id derived from the employment', async () => {
      const caseId = randomUUID();
      await record(store, recorderOf('CaseOpened'), sampleEvent('CaseOpened', { caseId }));
      const employment = sampleEvent('EmploymentStarted', { caseId });
      const deliver = () => {
        const call = learnOfEmploymentCall(employment, new Date().toISOString());
        return handleCommand(store, learnOfEmploymentDecider, { stream: call.stream, command: call.command, context: { source, now: call.now!, eventId: call.eventId! } });
      };

      await deliver();
      await deliver();
      await Promise.all([deliver(), deliver()]);

      const updates = (await store.readStream(caseStream(caseId))).filter((e) => e.type === 'ConditionalityUpdated');
      expect(updates.map((e) => e.id)).toEqual([derivedEventId(employment.id, 'ConditionalityUpdated')]);
      expect(updates[0]?.data).toMatchObject({ causeEventId: employment.id, conditionality: 'suspended-employed', since: employment.data.startsOn });
    });
  });

  describe('the deadlines worker’s DeadlineMissed', () => {
    it('when two workers record the same missed deadline at once › it is stored once; a later attempt is refused', async () => {
      const caseId = randomUUID();
      await record(store, recorderOf('CaseOpened'), sampleEvent('CaseOpened', { caseId }));
      const missed = sampleEvent('DeadlineMissed', { caseId });
      const worker = () => record(store, deadlineMissedRecorder as EventRecorder, { ...missed, id: derivedEventId(missed.data.deadlineId, 'DeadlineMissed') });

      // The second worker either finds the same event already appended (idempotent) or decides after it (refused).
      const outcomes = await Promise.allSettled([worker(), worker()]);

      expect(outcomes.filter((o) => o.status === 'fulfilled').length).toBeGreaterThanOrEqual(1);
      for (const outcome of outcomes) if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(IllegalStateError);
      expect((await store.readStream(caseStream(caseId))).filter((e) => e.type === 'DeadlineMissed')).toHaveLength(1);
      await expect(record(store, deadlineMissedRecorder as EventRecorder, { ...missed, id: randomUUID() })).rejects.toThrow(IllegalStateError);
    });
  });
});
