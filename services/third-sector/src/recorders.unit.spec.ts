import { describe, expect, test } from '@jest/globals';
import { accessRules } from '@traiettorie/access';
import { ForbiddenError, serviceDeliveryExpectedV1, serviceDeliveryStartedV1, type EventType, type HubEvent } from '@traiettorie/contracts';
import { foldState, type DomainEvent, type EventRecorder } from '@traiettorie/command-handling';
import { asStoredEvent, sampleEvent, testEnvelope } from '@traiettorie/testing';
import { thirdSectorRecorders } from './recorders.js';

/** The case of the test envelope, in which the given histories are. */
const caseId = testEnvelope.subject;
const started = { type: 'ServiceDeliveryStarted', data: serviceDeliveryStartedV1.example } as const;
/** The provider the examples name, publishing as itself (its agency id in the event's source). */
const provider = serviceDeliveryStartedV1.example.providerId;

/** A history after which each type's example event is in order (the examples share one support and one delivery). */
const inOrder: Record<string, DomainEvent[]> = {
  ServiceDeliveryExpected: [],
  ServiceDeliveryStarted: [{ type: 'ServiceDeliveryExpected', data: serviceDeliveryExpectedV1.example }],
  AttendanceRecorded: [started],
  ParticipantExitRecorded: [started],
};

/** The case's stream as the social services recorded it: the support the examples answer, activated with their provider. */
const caseHistory = [sampleEvent('SupportActivated', { caseId })];

function decided(recorder: EventRecorder, history: readonly DomainEvent[], event: HubEvent) {
  const state = foldState(recorder.decider, history.map((e, i) => asStoredEvent(e as never, i)) as HubEvent<EventType>[]);
  const command = recorder.command(event, recorder.dependsOn ? caseHistory : undefined);
  return { events: recorder.decider.decide(command, state), identity: () => recorder.decider.streamIdentity(state, command) };
}

describe('the third sector’s recorders (POST /events, inbound topics)', () => {
  test('every third-sector event type has exactly one recorder', () => {
    expect(thirdSectorRecorders.map((r) => r.type).sort()).toEqual(Object.keys(inOrder).sort());
  });

  test.each(thirdSectorRecorders.map((r) => [r.type, r] as const))('%s › in order, it is recorded as it is, on the case’s delivery record, with its envelope’s identity', (type, recorder) => {
    const event = sampleEvent(type, { caseId, agencyId: provider });
    const { events, identity } = decided(recorder, inOrder[type]!, event);

    expect(events).toEqual([{ type, data: event.data }]);
    expect(identity()).toEqual({ subject: event.subject, ambito: event.ambito, personref: event.personref, legalbasis: event.legalbasis });
    expect(recorder.stream(event)).toBe(`delivery-${caseId}`);
  });

  test.each(thirdSectorRecorders.map((r) => [r.type, r] as const))('%s › after its out-of-order history, it is refused', (type, recorder) => {
    expect(() => decided(recorder, recorder.outOfOrder ?? [], sampleEvent(type, { caseId, agencyId: provider }))).toThrow();
  });

  test.each(thirdSectorRecorders.map((r) => [r.type, r] as const))('%s › published by another partner than the provider, in order, it is refused provider-not-yours', (type, recorder) => {
    expect(() => decided(recorder, inOrder[type]!, sampleEvent(type, { caseId, agencyId: 'coop-altra' }))).toThrow(
      expect.objectContaining({ constructor: ForbiddenError, rule: accessRules.providerNotYours }),
    );
  });

  test('ServiceDeliveryExpected › depends on the case’s stream, where the social services activate its support', () => {
    const recorder = thirdSectorRecorders.find((r) => r.type === 'ServiceDeliveryExpected')!;

    expect(recorder.dependsOn?.(sampleEvent('ServiceDeliveryExpected', { caseId, agencyId: provider }))).toBe(`case-${caseId}`);
  });

  test('ServiceDeliveryStarted › depends on the case’s stream, where the social services activate the support it may answer', () => {
    const recorder = thirdSectorRecorders.find((r) => r.type === 'ServiceDeliveryStarted')!;

    expect(recorder.dependsOn?.(sampleEvent('ServiceDeliveryStarted', { caseId, agencyId: provider }))).toBe(`case-${caseId}`);
  });

  test('ServiceDeliveryStarted › published by a partner as its own, for a support activated with another provider and not yet expected, it is refused provider-not-yours', () => {
    const recorder = thirdSectorRecorders.find((r) => r.type === 'ServiceDeliveryStarted')!;
    const event = sampleEvent('ServiceDeliveryStarted', { caseId, agencyId: 'coop-altra', data: { ...serviceDeliveryStartedV1.example, providerId: 'coop-altra' } });

    expect(() => decided(recorder, [], event)).toThrow(expect.objectContaining({ constructor: ForbiddenError, rule: accessRules.providerNotYours }));
  });

  test('ServiceDeliveryExpected › published by a partner as its own, for a support activated with another provider, it is refused provider-not-yours', () => {
    const recorder = thirdSectorRecorders.find((r) => r.type === 'ServiceDeliveryExpected')!;
    const event = sampleEvent('ServiceDeliveryExpected', { caseId, agencyId: 'coop-altra', data: { ...serviceDeliveryExpectedV1.example, providerId: 'coop-altra' } });

    expect(() => decided(recorder, [], event)).toThrow(expect.objectContaining({ constructor: ForbiddenError, rule: accessRules.providerNotYours }));
  });
});
