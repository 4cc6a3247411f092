import { describe, expect, test } from '@jest/globals';
import {
  IllegalStateError,
  NotFoundError,
  parseEvent,
  sourceOf,
  type EventData,
  type HubEvent,
} from '@traiettorie/contracts';
import { deciderSpecification, sampleEvent } from '@traiettorie/testing';
import { caseDecider, type CaseCommand, type CaseEvent, type CommandMeta } from './case.decider.js';

const spec = deciderSpecification(caseDecider);

const caseId = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';
const source = sourceOf('social-services', 'ambito-sesto');

/** The identity of the case, deliberately unlike sampleEvent's defaults. */
const identity = { ambito: 'LOM-MILANO', personref: 'P-MI-000123', legalbasis: 'L-328-2000-art-22' };

function meta(eventId: string, now: string, extra: Partial<CommandMeta> = {}): CommandMeta {
  return { caseId, eventId, now, source, ...extra };
}

const openingData: EventData<'CaseOpened'> = {
  householdRef: 'H-MI-2026-0007',
  measure: 'SFL',
  referralDate: '2026-10-02',
  caseManager: 'op-milano-004',
};

const assessmentData: EventData<'AssessmentCompleted'> = {
  assessmentKind: 'preliminary',
  completedOn: '2026-10-20',
  dimensionScores: { work: 4, housing: 2 },
  referrals: ['employment-centre', 'third-sector'],
  documentRef: 'protocollo/2026/000912',
};

const pactData: EventData<'PactSigned'> = {
  pactId: '5d7a9a7e-3c1e-4b53-9d0e-0b7f5e3d8c11',
  signedOn: '2026-11-03',
  boundMembers: ['P-MI-000123', 'P-MI-000124'],
  objectives: [{ code: 'EMP-1', description: 'Find a job in the logistics sector' }],
  supports: ['tirocinio'],
  reviewDates: ['2027-02-01', '2027-05-01'],
};

const openCase = (eventId = '11111111-1111-4111-8111-111111111111'): CaseCommand => ({
  type: 'OpenCase',
  meta: meta(eventId, '2026-10-02T08:15:00.000Z'),
  ambito: identity.ambito,
  personRef: identity.personref,
  legalBasis: identity.legalbasis,
  data: openingData,
});

const completeAssessment = (eventId = '22222222-2222-4222-8222-222222222222'): CaseCommand => ({
  type: 'CompleteAssessment',
  meta: meta(eventId, '2026-10-20T14:30:00.000Z'),
  data: assessmentData,
});

const signPact = (eventId = '33333333-3333-4333-8333-333333333333'): CaseCommand => ({
  type: 'SignPact',
  meta: meta(eventId, '2026-11-03T10:00:00.000Z'),
  data: pactData,
});

/** Past events of this case, with the case's identity on every envelope. */
const opened = (): HubEvent<'CaseOpened'> => ({ ...sampleEvent('CaseOpened', { caseId }), ...identity });
const assessed = (): HubEvent<'AssessmentCompleted'> => ({ ...sampleEvent('AssessmentCompleted', { caseId }), ...identity });
const pactSigned = (pactId = '9c1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6'): HubEvent<'PactSigned'> => ({
  ...sampleEvent('PactSigned', { caseId, data: { pactId } }),
  ...identity,
});

/** Runs a command against a history directly, for checks beyond the given/when/then helper. */
function decide(history: CaseEvent[], command: CaseCommand): CaseEvent[] {
  return caseDecider.decide(command, history.reduce(caseDecider.evolve, caseDecider.initialState()));
}

describe('opening a case', () => {
  test('when a case is opened › it records CaseOpened with the command’s ids, clock and source and the person’s identity', () => {
    spec
      .given([])
      .when(openCase())
      .then([
        {
          specversion: '1.0',
          id: '11111111-1111-4111-8111-111111111111',
          source: '/agencies/social-services/ambito-sesto',
          type: 'CaseOpened',
          time: '2026-10-02T08:15:00.000Z',
          subject: caseId,
          datacontenttype: 'application/json',
          dataschema: 'urn:traiettorie:schema:CaseOpened:v1',
          ambito: 'LOM-MILANO',
          personref: 'P-MI-000123',
          legalbasis: 'L-328-2000-art-22',
          data: openingData,
        },
      ]);
  });

  test('when the command carries a trace context › the event carries it too', () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const command = { ...openCase(), meta: { ...openCase().meta, traceparent } } as CaseCommand;

    const [event] = decide([], command);

    expect(event?.traceparent).toBe(traceparent);
  });

  test('when the command carries no trace context › the event has no traceparent attribute at all', () => {
    const [event] = decide([], openCase());

    expect(event).toBeDefined();
    expect(Object.keys(event!)).not.toContain('traceparent');
  });

  test('when the case is already open › opening it again is refused', () => {
    spec
      .given([opened()])
      .when(openCase())
      .thenThrows(IllegalStateError, new RegExp(`case ${caseId} is already open`));
  });

  test('when the case already has a signed pact › opening it again is refused', () => {
    spec.given([opened(), assessed(), pactSigned()]).when(openCase()).thenThrows(IllegalStateError, /already open/);
  });
});

describe('completing the assessment', () => {
  test('when the case does not exist › the assessment is refused as not found', () => {
    spec
      .given([])
      .when(completeAssessment())
      .thenThrows(NotFoundError, new RegExp(`case ${caseId} does not exist`));
  });

  test('when the case is open › it records AssessmentCompleted carrying the identity the case was opened with', () => {
    spec
      .given([opened()])
      .when(completeAssessment())
      .then([
        {
          specversion: '1.0',
          id: '22222222-2222-4222-8222-222222222222',
          source: '/agencies/social-services/ambito-sesto',
          type: 'AssessmentCompleted',
          time: '2026-10-20T14:30:00.000Z',
          subject: caseId,
          datacontenttype: 'application/json',
          dataschema: 'urn:traiettorie:schema:AssessmentCompleted:v2',
          ambito: 'LOM-MILANO',
          personref: 'P-MI-000123',
          legalbasis: 'L-328-2000-art-22',
          data: assessmentData,
        },
      ]);
  });

  test('when the assessment is already completed › a second assessment is refused', () => {
    spec
      .given([opened(), assessed()])
      .when(completeAssessment())
      .thenThrows(IllegalStateError, /assessment .* is already completed \(case is assessed\)/);
  });

  test('when the pact is already signed › a new assessment is refused', () => {
    spec
      .given([opened(), assessed(), pactSigned()])
      .when(completeAssessment())
      .thenThrows(IllegalStateError, /already completed \(case is pact-signed\)/);
  });
});

describe('signing the pact', () => {
  test('when the case does not exist › the pact is refused as not found', () => {
    spec.given([]).when(signPact()).thenThrows(NotFoundError, /does not exist/);
  });

  test('when the pact is signed before the assessment › it is refused', () => {
    spec
      .given([opened()])
      .when(signPact())
      .thenThrows(IllegalStateError, /cannot be signed before the assessment is completed/);
  });

  test('when the assessment is completed › it records PactSigned carrying the identity the case was opened with', () => {
    spec
      .given([opened(), assessed()])
      .when(signPact())
      .then([
        {
          specversion: '1.0',
          id: '33333333-3333-4333-8333-333333333333',
          source: '/agencies/social-services/ambito-sesto',
          type: 'PactSigned',
          time: '2026-11-03T10:00:00.000Z',
          subject: caseId,
          datacontenttype: 'application/json',
          dataschema: 'urn:traiettorie:schema:PactSigned:v2',
          ambito: 'LOM-MILANO',
          personref: 'P-MI-000123',
          legalbasis: 'L-328-2000-art-22',
          data: pactData,
        },
      ]);
  });

  test('when a pact is already signed › a second pact is refused, naming the signed one', () => {
    spec
      .given([opened(), assessed(), pactSigned('9c1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6')])
      .when(signPact())
      .thenThrows(IllegalStateError, /already has a signed pact \(9c1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6\)/);
  });
});

describe('the events the case decides', () => {
  test('when a case goes from opening to pact › every event it records honours the contract', () => {
    const history: CaseEvent[] = [];
    for (const command of [openCase(), completeAssessment(), signPact()]) {
      const events = decide(history, command);
      expect(events).toHaveLength(1);
      for (const event of events) expect(parseEvent(event)).toEqual(event);
      history.push(...events);
    }

    expect(history.map((e) => e.type)).toEqual(['CaseOpened', 'AssessmentCompleted', 'PactSigned']);
  });

  test('when a case is opened for a codice fiscale instead of a pseudonym › the contract check on its event refuses it', () => {
    const command = { ...openCase(), personRef: 'RSSMRA80A01F205X' } as CaseCommand;

    const [event] = decide([], command);

    expect(() => parseEvent(event)).toThrow(/not-fiscal-code/);
  });
});
