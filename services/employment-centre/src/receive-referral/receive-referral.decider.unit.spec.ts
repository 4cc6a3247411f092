import { describe, expect, test } from '@jest/globals';
import { caseId as caseIdSchema, parseEvent, sourceOf, type HubEvent } from '@traiettorie/contracts';
import { derivedEventId, toHubEvents } from '@traiettorie/command-handling';
import { deciderSpecification, sampleEvent } from '@traiettorie/testing';
import { employmentState } from '../employment/employment.state.js';
import { italianDate, receiveReferralDecider } from './receive-referral.decider.js';
import { receiveReferralCall } from './receive-referral.listener.js';

const spec = deciderSpecification(receiveReferralDecider);

const caseId = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';
const assessmentId = '0b0f3c1a-9b0e-4a55-8d64-3c2b9b0b7e21';
const cpiSource = sourceOf('employment-centre', 'afol-metropolitana');

/** An assessment of the social services, with an identity unlike sampleEvent's defaults. */
function assessment(referrals: HubEvent<'AssessmentCompleted'>['data']['referrals']): HubEvent<'AssessmentCompleted'> {
  return {
    ...sampleEvent('AssessmentCompleted', {
      id: assessmentId,
      caseId,
      time: '2026-10-20T16:00:00.000Z',
      agencyId: 'ambito-milano',
      data: { referrals },
    }),
    ambito: 'LOM-MILANO',
    personref: 'P-MI-000123',
    legalbasis: 'DL-48-2023-art-4',
  };
}

/** The command an assessment delivered at `now` becomes. */
const receive = (referred: HubEvent<'AssessmentCompleted'>, now = '2026-10-21T09:00:00Z') => receiveReferralCall(referred, now).command;

/** What a first delivery stores: the decided events in the envelope the command handling gives them at the CPI. */
function recorded(referred: HubEvent<'AssessmentCompleted'>, now = '2026-10-21T09:00:00Z'): HubEvent[] {
  const call = receiveReferralCall(referred, now);
  const state = employmentState.initialState();
  return toHubEvents(receiveReferralDecider.decide(call.command, state), receiveReferralDecider.streamIdentity(state, call.command), {
    source: cpiSource,
    now,
    eventId: call.eventId!,
    ...(call.traceparent ? { traceparent: call.traceparent } : {}),
  });
}

describe('receiving a referral from an assessment', () => {
  test('when the assessment refers the person to the employment centre › the referral is recorded with the pact due 60 days later', () => {
    spec
      .given([])
      .when(receive(assessment(['employment-centre'])))
      .then([
        {
          type: 'EmploymentReferralReceived',
          data: { assessmentEventId: assessmentId, receivedOn: '2026-10-21', servicePactDueBy: '2026-12-20' },
        },
      ]);
  });

  test('when the referral is recorded › its envelope names the CPI, the id derived from the assessment, and the assessment’s case and person', () => {
    expect(recorded(assessment(['employment-centre']))).toEqual([
      {
        specversion: '1.0',
        id: derivedEventId(assessmentId, 'EmploymentReferralReceived'),
        source: '/agencies/employment-centre/afol-metropolitana',
        type: 'EmploymentReferralReceived',
        time: '2026-10-21T09:00:00Z',
        subject: caseId,
        datacontenttype: 'application/json',
        dataschema: 'urn:traiettorie:schema:EmploymentReferralReceived:v1',
        ambito: 'LOM-MILANO',
        personref: 'P-MI-000123',
        legalbasis: 'DL-48-2023-art-4',
        data: { assessmentEventId: assessmentId, receivedOn: '2026-10-21', servicePactDueBy: '2026-12-20' },
      },
    ]);
  });

  test('when the employment centre is one of several referrals › the referral is recorded all the same', () => {
    spec
      .given([])
      .when(receive(assessment(['health-services', 'employment-centre', 'third-sector'])))
      .then([
        {
          type: 'EmploymentReferralReceived',
          data: { assessmentEventId: assessmentId, receivedOn: '2026-10-21', servicePactDueBy: '2026-12-20' },
        },
      ]);
  });

  test('when the referral arrives late in the year › the pact falls due in the next year', () => {
    spec
      .given([])
      .when(receive(assessment(['employment-centre']), '2026-11-15T22:59:59.999Z'))
      .then([
        {
          type: 'EmploymentReferralReceived',
          data: { assessmentEventId: assessmentId, receivedOn: '2026-11-15', servicePactDueBy: '2027-01-14' },
        },
      ]);
  });

  test('when the assessment carried a trace context › the referral continues the same trace', () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

    const [event] = recorded({ ...assessment(['employment-centre']), traceparent });

    expect(event?.traceparent).toBe(traceparent);
  });

  test('when the assessment carried no trace context › the referral has no traceparent attribute at all', () => {
    const [event] = recorded(assessment(['employment-centre']));

    expect(event).toBeDefined();
    expect(Object.keys(event!)).not.toContain('traceparent');
  });

  test('when the referral is recorded › the event honours the contract for an employment centre', () => {
    const [event] = recorded(assessment(['employment-centre']));

    expect(event).toBeDefined();
    expect(parseEvent(event)).toEqual(event);
  });

  test.each([
    ['2028-01-15T10:00:00Z', '2028-01-15', '2028-03-15'],
    ['2027-01-15T10:00:00Z', '2027-01-15', '2027-03-16'],
    ['2026-12-31T10:00:00Z', '2026-12-31', '2027-03-01'],
  ])('the deadline is the one the law sets, 60 calendar days: received at %s (on %s) › the pact is due by %s', (now, receivedOn, dueBy) => {
    spec
      .given([])
      .when(receive(assessment(['employment-centre']), now))
      .then([{ type: 'EmploymentReferralReceived', data: { assessmentEventId: assessmentId, receivedOn, servicePactDueBy: dueBy } }]);
  });
});

describe('assessments that do not concern the employment centre', () => {
  test('when the assessment refers the person elsewhere only › nothing is recorded', () => {
    spec
      .given([])
      .when(receive(assessment(['health-services', 'third-sector'])))
      .thenNothingHappens();
  });

  test('when the assessment refers the person nowhere › nothing is recorded', () => {
    spec.given([]).when(receive(assessment([]))).thenNothingHappens();
  });
});

describe('a second delivery of the same assessment', () => {
  test('when the referral is already recorded › nothing more is recorded', () => {
    const recorded = sampleEvent('EmploymentReferralReceived', {
      caseId,
      data: { assessmentEventId: assessmentId, receivedOn: '2026-10-21', servicePactDueBy: '2026-12-20' },
    });

    spec
      .given([recorded])
      .when(receive(assessment(['employment-centre']), '2026-10-22T10:00:00Z'))
      .thenNothingHappens();
  });

  test('when the first delivery’s decision is replayed › the second delivery records nothing', () => {
    const first = receiveReferralDecider.decide(receive(assessment(['employment-centre'])), employmentState.initialState());

    expect(first).toHaveLength(1);
    spec.given(first).when(receive(assessment(['employment-centre']), '2026-10-23T08:00:00Z')).thenNothingHappens();
  });
});

describe('the id of an event derived from another', () => {
  const uuidV5Layout = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  test('when derived twice from the same cause and purpose › it is the same id', () => {
    expect(derivedEventId(assessmentId, 'EmploymentReferralReceived')).toBe(
      derivedEventId(assessmentId, 'EmploymentReferralReceived'),
    );
  });

  test('when derived from the same assessment in every release › it stays the id already stored', () => {
    // Redeliveries of old assessments must map onto referrals already recorded: the RFC 9562 version-5 UUID
    // of "<cause>:<purpose>" in the hub's namespace (Python: uuid.uuid5(namespace, name) gives the same).
    expect(derivedEventId(assessmentId, 'EmploymentReferralReceived')).toBe('0e36373d-3f51-55eb-9145-4668852f0a8f');
  });

  test('when derived for another purpose › it is a different id', () => {
    expect(derivedEventId(assessmentId, 'EmploymentReferralReceived')).not.toBe(
      derivedEventId(assessmentId, 'ServicePactReminder'),
    );
  });

  test('when derived from another assessment › it is a different id', () => {
    expect(derivedEventId(assessmentId, 'EmploymentReferralReceived')).not.toBe(
      derivedEventId('0b0f3c1a-9b0e-4a55-8d64-3c2b9b0b7e22', 'EmploymentReferralReceived'),
    );
  });

  test.each([
    [assessmentId, 'EmploymentReferralReceived'],
    ['00000000-0000-0000-0000-000000000000', 'x'],
    ['ffffffff-ffff-4fff-bfff-ffffffffffff', 'EmploymentReferralReceived'],
  ])('when derived from %s for %s › it is a valid version-5 UUID the contracts accept', (cause, purpose) => {
    const id = derivedEventId(cause, purpose);

    expect(id).toMatch(uuidV5Layout);
    expect(caseIdSchema.safeParse(id).success).toBe(true);
  });
});

describe('the date a referral is received', () => {
  test('is the Italian calendar date: late evening UTC is already the next day in Rome', () => {
    expect(italianDate('2026-10-20T23:30:00Z')).toBe('2026-10-21');
    expect(italianDate('2026-07-31T21:59:59Z')).toBe('2026-07-31');
    expect(italianDate('2026-07-31T22:00:00Z')).toBe('2026-08-01');
  });
});
