import { describe, expect, test } from '@jest/globals';
import {
  catalogue,
  didRegisteredV1,
  employmentReferralReceivedV1,
  servicePactSignedV1,
  tirocinioStartedV1,
  TraiettorieError,
  trainingEnrolledV1,
  type EventType,
  type HubEvent,
} from '@traiettorie/contracts';
import { foldState, type DomainEvent } from '@traiettorie/command-handling';
import { asStoredEvent, sampleEvent } from '@traiettorie/testing';
import { employmentCentreRecorders } from './recorders.js';

const caseId = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';
/** The id `asStoredEvent` gives the first event of a history: the referral's. */
const firstEventId = '00000000-0000-4000-8000-000000000001';

const referral: DomainEvent = { type: 'EmploymentReferralReceived', data: employmentReferralReceivedV1.example };
const did: DomainEvent = { type: 'DIDRegistered', data: didRegisteredV1.example };
const psp: DomainEvent = { type: 'ServicePactSigned', data: servicePactSignedV1.example };

/** For each type, a history after which its contract's example is in order. */
const inOrder: Partial<Record<EventType, DomainEvent[]>> = {
  EmploymentReferralReceived: [],
  DIDRegistered: [referral],
  ProfilingCompleted: [referral, did],
  ServicePactSigned: [referral, did],
  TrainingEnrolled: [referral, did, psp],
  TrainingCompleted: [referral, did, psp, { type: 'TrainingEnrolled', data: trainingEnrolledV1.example }],
  TirocinioStarted: [referral, did, psp],
  TirocinioEnded: [referral, did, psp, { type: 'TirocinioStarted', data: tirocinioStartedV1.example }],
  JobOfferResponded: [referral, did],
  EmploymentStarted: [referral],
  TirocinioPlacementRequested: [referral],
};

/** The contract's example as an agency system would post it; a PSP names this case's referral. */
function posted(type: EventType): HubEvent {
  const event = sampleEvent(type, { caseId });
  return type === 'ServicePactSigned' ? sampleEvent('ServicePactSigned', { caseId, data: { referralEventId: firstEventId } }) : event;
}

const stateAfter = (history: readonly DomainEvent[], decider: (typeof employmentCentreRecorders)[number]['decider']) =>
  foldState(decider, history.map((event, i) => asStoredEvent(event, i)));

describe('the employment centre’s recorders', () => {
  test('every employment-centre event type of the catalogue has exactly one recorder', () => {
    const owned = catalogue.filter((d) => d.context === 'employment-centre').map((d) => d.type).sort();

    expect(employmentCentreRecorders.map((r) => r.type).sort()).toEqual(owned);
  });

  test.each(employmentCentreRecorders.map((r) => [r.type, r] as const))('%s, posted in order › is decided as it is, on the person’s employment stream', (type, r) => {
    const event = posted(type);
    const state = stateAfter(inOrder[type] ?? [], r.decider);

    expect(r.stream(event)).toBe(`employment-${caseId}`);
    expect(r.decider.decide(r.command(event), state)).toEqual([{ type, data: event.data }]);
    expect(r.decider.streamIdentity(state, r.command(event))).toEqual({ subject: caseId, ambito: event.ambito, personref: event.personref, legalbasis: event.legalbasis });
  });

  test.each(employmentCentreRecorders.map((r) => [r.type, r] as const))('%s, posted out of order › is refused with a domain error', (type, r) => {
    const event = posted(type);
    const state = stateAfter(r.outOfOrder ?? [], r.decider);

    expect(() => r.decider.decide(r.command(event), state)).toThrow(TraiettorieError);
  });
});
