import { describe, expect, test } from '@jest/globals';
import { IllegalStateError, NotFoundError } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { assessed, caseId, identity, opened, pactData, pactSigned } from '../case/case.spec-fixtures.js';
import { signPactDecider, type SignPact } from './sign-pact.decider.js';

const spec = deciderSpecification(signPactDecider);

const signPact = (): SignPact => ({ type: 'SignPact', caseId, data: pactData });

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

  test('when the assessment is completed › it records PactSigned with the data given', () => {
    spec.given([opened(), assessed()]).when(signPact()).then([{ type: 'PactSigned', data: pactData }]);
  });

  test('when the assessment is completed › the pact carries the identity the case was opened with', () => {
    const { state } = spec.given([opened(), assessed()]).when(signPact());

    expect(signPactDecider.streamIdentity(state(), signPact())).toEqual({ subject: caseId, ...identity });
  });

  test('when a pact is already signed › a second pact is refused, naming the signed one', () => {
    spec
      .given([opened(), assessed(), pactSigned('9c1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6')])
      .when(signPact())
      .thenThrows(IllegalStateError, /already has a signed pact \(9c1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6\)/);
  });

  test('when the case is closed › the pact is refused, naming when it closed', () => {
    spec
      .given([opened(), assessed(), { type: 'CaseClosed', data: { closedOn: '2026-12-01', reason: 'moved' } }])
      .when(signPact())
      .thenThrows(IllegalStateError, /was closed on 2026-12-01/);
  });
});
