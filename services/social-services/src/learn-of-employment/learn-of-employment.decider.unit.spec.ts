import { describe, expect, test } from '@jest/globals';
import { NotFoundError, parseEvent, sourceOf, type HubEvent } from '@traiettorie/contracts';
import { derivedEventId, toHubEvents } from '@traiettorie/command-handling';
import { deciderSpecification, sampleEvent } from '@traiettorie/testing';
import { caseState } from '../case/case.state.js';
import { caseId, closed, identity, opened } from '../case/case.spec-fixtures.js';
import { learnOfEmploymentDecider } from './learn-of-employment.decider.js';
import { learnOfEmploymentCall } from './learn-of-employment.listener.js';

const spec = deciderSpecification(learnOfEmploymentDecider);

const employmentId = '4c4c4c4c-1d2e-4f30-8a4b-5c6d7e8f9a0b';
const socialServices = sourceOf('social-services', 'ambito-sesto-san-giovanni');

/** An employment the CPI recorded for the case's person. */
function employment(startsOn = '2027-09-15'): HubEvent<'EmploymentStarted'> {
  return {
    ...sampleEvent('EmploymentStarted', { id: employmentId, caseId, time: '2027-09-10T10:00:00.000Z', agencyId: 'afol-metropolitana', data: { startsOn, endsOn: '2028-09-14' } }),
    ...identity,
  };
}

const learn = (e = employment(), now = '2027-09-10T10:00:05Z') => learnOfEmploymentCall(e, now).command;

const suspended = (since = '2027-09-15') => ({
  type: 'ConditionalityUpdated' as const,
  data: { causeEventId: employmentId, cause: 'employment-started' as const, conditionality: 'suspended-employed' as const, since },
});

describe('learning that the person started work', () => {
  test('when the case is open › the conditionality is suspended from the day the work starts', () => {
    spec.given([opened()]).when(learn()).then([suspended('2027-09-15')]);
  });

  test('when the update is recorded › its envelope names the social services, the id derived from the employment, and the case’s identity', () => {
    const call = learnOfEmploymentCall({ ...employment(), traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' }, '2027-09-10T10:00:05Z');
    const state = [opened()].reduce(caseState.evolve, caseState.initialState());
    const [event] = toHubEvents(learnOfEmploymentDecider.decide(call.command, state), learnOfEmploymentDecider.streamIdentity(state, call.command), {
      source: socialServices,
      now: call.now!,
      eventId: call.eventId!,
      ...(call.traceparent ? { traceparent: call.traceparent } : {}),
    });

    expect(call.stream).toBe(`case-${caseId}`);
    expect(event).toMatchObject({
      id: derivedEventId(employmentId, 'ConditionalityUpdated'),
      source: socialServices,
      type: 'ConditionalityUpdated',
      subject: caseId,
      ...identity,
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      data: suspended().data,
    });
    expect(parseEvent(event)).toEqual(event);
  });

  test('when the same employment is delivered again › nothing more is recorded', () => {
    spec.given([opened(), suspended()]).when(learn(employment(), '2027-09-11T08:00:00Z')).thenNothingHappens();
  });

  test('when the first delivery’s decision is replayed › the second delivery records nothing', () => {
    const state = [opened()].reduce(caseState.evolve, caseState.initialState());
    const first = learnOfEmploymentDecider.decide(learn(), state);

    expect(first).toHaveLength(1);
    spec.given([opened(), ...first]).when(learn()).thenNothingHappens();
  });

  test('when another employment follows › it is recorded for its own cause', () => {
    const next: HubEvent<'EmploymentStarted'> = { ...employment('2028-10-01'), id: '5d5d5d5d-1d2e-4f30-8a4b-5c6d7e8f9a0b' };
    spec
      .given([opened(), suspended()])
      .when(learn(next))
      .then([{ type: 'ConditionalityUpdated', data: { ...suspended('2028-10-01').data, causeEventId: next.id } }]);
  });

  test('when the case is closed › nothing is recorded', () => {
    spec.given([opened(), closed('2027-06-30')]).when(learn()).thenNothingHappens();
  });

  test('when the social services never opened the case › it is an error, so the message is set aside for an operator', () => {
    spec.given([]).when(learn()).thenThrows(NotFoundError, /does not exist at the social services/);
  });
});
