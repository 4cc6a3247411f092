import { describe, expect, test } from '@jest/globals';
import { IllegalStateError, NotFoundError, parseEvent, sourceOf, type HubEvent } from '@traiettorie/contracts';
import { derivedEventId, toHubEvents } from '@traiettorie/command-handling';
import { deciderSpecification, sampleEvent } from '@traiettorie/testing';
import { caseId, identity, referred } from '../employment/employment.spec-fixtures.js';
import { requestTirocinioPlacementDecider, type RecordTirocinioPlacementRequest } from './request-tirocinio-placement.decider.js';
import { requestTirocinioPlacementCall } from './request-tirocinio-placement.listener.js';

const spec = deciderSpecification(requestTirocinioPlacementDecider);

const pactEventId = '7a1c3e5f-2b4d-4c6e-8f0a-1b3d5f7a9c2e';
const pactId = '5d7a9a7e-3c1e-4b53-9d0e-0b7f5e3d8c11';
const cpiSource = sourceOf('employment-centre', 'afol-metropolitana');

/** A pact signed at the social services for the referred person's case, with the supports given. */
function pact(supports: HubEvent<'PactSigned'>['data']['supports']): HubEvent<'PactSigned'> {
  return {
    ...sampleEvent('PactSigned', { id: pactEventId, caseId, time: '2026-11-03T10:00:00.000Z', data: { pactId, supports } }),
    ...identity,
  };
}
const members = () => pact(['tirocinio']).data.boundMembers;

/** The command a pact delivered at `now` becomes. */
const receive = (signed: HubEvent<'PactSigned'>, now = '2026-11-04T09:00:00Z') => requestTirocinioPlacementCall(signed, now).command;

const requested = (requestedOn = '2026-11-04') => ({
  type: 'TirocinioPlacementRequested' as const,
  data: { pactEventId, pactId, requestedOn, members: members() },
});

describe('a pact with a tirocinio among its supports', () => {
  test('when the person is referred to the CPI › a tirocinio placement is requested for the pact’s bound members', () => {
    spec.given([referred()]).when(receive(pact(['tirocinio', 'educativa-domiciliare']))).then([requested()]);
  });

  test('when the request is recorded › its id is derived from the pact event’s, on the CPI’s stream of the same case and person', () => {
    const call = requestTirocinioPlacementCall(pact(['tirocinio']), '2026-11-04T09:00:00Z');
    const state = spec.given([referred()]).when(call.command).state();
    const [event] = toHubEvents(requestTirocinioPlacementDecider.decide(call.command, state), requestTirocinioPlacementDecider.streamIdentity(state, call.command), {
      source: cpiSource,
      now: call.now!,
      eventId: call.eventId!,
    });

    expect(call.stream).toBe(`employment-${caseId}`);
    expect(event).toMatchObject({ id: derivedEventId(pactEventId, 'TirocinioPlacementRequested'), subject: caseId, ...identity, source: cpiSource });
    expect(parseEvent(event)).toEqual(event);
  });

  test('when the pact arrives late in the evening › it is requested on the Italian calendar day', () => {
    spec.given([referred()]).when(receive(pact(['tirocinio']), '2026-11-04T23:30:00Z')).then([requested('2026-11-05')]);
  });
});

describe('pacts the CPI has nothing to place for', () => {
  test('when the pact has no tirocinio › nothing is requested', () => {
    spec.given([referred()]).when(receive(pact(['training', 'puc']))).thenNothingHappens();
  });

  test('when the case was never referred to the CPI › nothing is requested (its tirocinio is not the CPI’s to place)', () => {
    spec.given([]).when(receive(pact(['tirocinio']))).thenNothingHappens();
  });
});

describe('a second delivery of the same pact', () => {
  test('when the request is already recorded › nothing more is requested', () => {
    spec.given([referred(), requested()]).when(receive(pact(['tirocinio']), '2026-11-05T08:00:00Z')).thenNothingHappens();
  });

  test('when the first delivery’s decision is replayed › the second delivery records nothing', () => {
    const first = spec.given([referred()]).when(receive(pact(['tirocinio'])));
    const decided = requestTirocinioPlacementDecider.decide(receive(pact(['tirocinio'])), first.state());

    expect(decided).toHaveLength(1);
    spec.given([referred(), ...decided]).when(receive(pact(['tirocinio']))).thenNothingHappens();
  });

  test('when another pact with a tirocinio follows (a new pact event) › it is requested too', () => {
    const next = { ...pact(['tirocinio']), id: '8b2d4f6a-3c5e-4d7f-9a1b-2c4e6a8c0d3f' };

    spec
      .given([referred(), requested()])
      .when(receive(next))
      .then([{ type: 'TirocinioPlacementRequested', data: { ...requested().data, pactEventId: next.id } }]);
  });
});

describe('a placement request recorded as it is (by hand, or posted by an agency system)', () => {
  const record = (): RecordTirocinioPlacementRequest => ({ type: 'RecordTirocinioPlacementRequest', caseId, data: requested().data });

  test('when the person is referred › it records TirocinioPlacementRequested as given', () => {
    spec.given([referred()]).when(record()).then([requested()]);
  });

  test('when the person was never referred › it is refused as not found', () => {
    spec.given([]).when(record()).thenThrows(NotFoundError, /never referred to the employment centre: a tirocinio placement request cannot be recorded before the referral/);
  });

  test('when the same pact’s request is already recorded › it is refused', () => {
    spec.given([referred(), requested()]).when(record()).thenThrows(IllegalStateError, /placement for pact event 7a1c3e5f-.* is already requested/);
  });
});
