import { describe, expect, test } from '@jest/globals';
import { IllegalStateError } from '@traiettorie/contracts';
import { toHubEvents } from '@traiettorie/command-handling';
import { deciderSpecification } from '@traiettorie/testing';
import { assessed, caseId, identity, opened, openingData, pactSigned, source } from '../case/case.spec-fixtures.js';
import { openCaseDecider, type OpenCase } from './open-case.decider.js';

const spec = deciderSpecification(openCaseDecider);

const openCase = (): OpenCase => ({
  type: 'OpenCase',
  caseId,
  ambito: identity.ambito,
  personRef: identity.personref,
  legalBasis: identity.legalbasis,
  data: openingData,
});

describe('opening a case', () => {
  test('when a case is opened › it records CaseOpened with the data given', () => {
    spec.given([]).when(openCase()).then([{ type: 'CaseOpened', data: openingData }]);
  });

  test('when a case is opened › its stream is the case of the person, Ambito and legal basis the command names', () => {
    const { state } = spec.given([]).when(openCase());

    expect(openCaseDecider.streamIdentity(state(), openCase())).toEqual({ subject: caseId, ...identity });
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

  test('when a case is opened for a codice fiscale instead of a pseudonym › the contract check on its event refuses it', () => {
    const command = { ...openCase(), personRef: 'RSSMRA80A01F205X' };
    const state = openCaseDecider.initialState();
    const decided = openCaseDecider.decide(command, state);
    const context = { source, now: '2026-10-02T08:15:00.000Z', eventId: () => '11111111-1111-4111-8111-111111111111' };

    expect(() => toHubEvents(decided, openCaseDecider.streamIdentity(state, command), context)).toThrow(/not-fiscal-code/);
  });
});
