import { describe, expect, test } from '@jest/globals';
import { anonymousPersonRefOf, consentRecordedV1, specialistServiceInvolvedV2, type EventType, type HubEvent } from '@traiettorie/contracts';
import { foldState, type DomainEvent, type EventRecorder } from '@traiettorie/command-handling';
import { asStoredEvent, sampleEvent, testEnvelope } from '@traiettorie/testing';
import { healthServicesRecorders } from './recorders.js';

/** The case of the test envelope, in which the given histories are. */
const caseId = testEnvelope.subject;
const consent = { type: 'ConsentRecorded', data: consentRecordedV1.example } as const;
const involvement = { type: 'SpecialistServiceInvolved', data: specialistServiceInvolvedV2.example } as const;

/** A history after which each type's example event is in order. */
const inOrder: Record<string, DomainEvent[]> = {
  ConsentRecorded: [],
  ConsentWithdrawn: [consent],
  SpecialistServiceInvolved: [consent],
  ActivityFitnessAssessed: [consent, involvement],
  CarePathStatusChanged: [consent, involvement],
};

/** What the recorder's decider decides for `event` after `history` (domain events in the test envelope). */
function decided(recorder: EventRecorder, history: readonly DomainEvent[], event: HubEvent) {
  const state = foldState(recorder.decider, history.map((e, i) => asStoredEvent(e as never, i)) as HubEvent<EventType>[]);
  const command = recorder.command(event);
  return { events: recorder.decider.decide(command, state), identity: () => recorder.decider.streamIdentity(state, command) };
}

const sample = (type: EventType) => sampleEvent(type, { caseId });

describe('the health services’ recorders (POST /events, inbound topics)', () => {
  test('every health-services event type has exactly one recorder', () => {
    expect(healthServicesRecorders.map((r) => r.type).sort()).toEqual(Object.keys(inOrder).sort());
  });

  test.each(healthServicesRecorders.map((r) => [r.type, r] as const))('%s › in order, it is recorded as it is, on the case’s health record, with its envelope’s identity', (type, recorder) => {
    const event = sample(type);
    const { events, identity } = decided(recorder, inOrder[type]!, event);

    expect(events).toEqual([{ type, data: event.data }]);
    expect(identity()).toEqual({ subject: event.subject, ambito: event.ambito, personref: event.personref, legalbasis: event.legalbasis });
    expect(recorder.stream(event)).toBe(`health-${caseId}`);
  });

  test.each(healthServicesRecorders.map((r) => [r.type, r] as const))('%s › after its out-of-order history, it is refused', (type, recorder) => {
    expect(() => decided(recorder, recorder.outOfOrder ?? [], sample(type))).toThrow();
  });

  test('an anonymous involvement › goes to a record of its own, named by the subject, with its anon: reference', () => {
    const recorder = healthServicesRecorders.find((r) => r.type === 'SpecialistServiceInvolved')!;
    const anonymousId = '0d5c8b8e-3f0a-4c61-9d2e-7a1b3c5d7e9f';
    const event = {
      ...sampleEvent('SpecialistServiceInvolved', { caseId: anonymousId }),
      personref: anonymousPersonRefOf(anonymousId),
      data: { anonymous: true as const, involvedOn: '2026-10-20', serviceCategory: 'addictions' as const },
    };
    const { events, identity } = decided(recorder, [], event);

    expect(recorder.stream(event)).toBe(`health-anon-${anonymousId}`);
    expect(events).toEqual([{ type: 'SpecialistServiceInvolved', data: event.data }]);
    expect(identity()).toEqual({ subject: anonymousId, ambito: event.ambito, personref: `anon:${anonymousId}`, legalbasis: event.legalbasis });
  });
});
