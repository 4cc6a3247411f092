import { describe, expect, test } from '@jest/globals';
import { IllegalStateError, NotFoundError, parseOrThrow, ValidationError } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { assessed, caseId, identity, opened, pactData, pactSigned } from '../case/case.spec-fixtures.js';
import { signPactDecider, type SignPact } from './sign-pact.decider.js';
import { signPactExamples, signPactRequest } from './sign-pact.request.js';

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

describe('the commitments of a new pact (PactSigned v3)', () => {
  const oneMemberUncommitted = { ...pactData, commitments: pactData.commitments.filter((c) => c.memberRef === 'P-MI-000123') };

  test('when a bound member has no commitment › the pact is refused, naming the field and the rule', () => {
    spec
      .given([opened(), assessed()])
      .when({ type: 'SignPact', caseId, data: oneMemberUncommitted })
      .thenThrows(ValidationError, /commitments: every bound member has at least one commitment \[commitment-per-bound-member\]/);
  });

  test('when the pact carries no commitment at all, as before v3 › it is refused: a new pact cannot pass for an old one', () => {
    spec
      .given([opened(), assessed()])
      .when({ type: 'SignPact', caseId, data: { ...pactData, commitments: [] } })
      .thenThrows(ValidationError, /commitment-per-bound-member/);
  });

  test('when a member undertakes several commitments › the pact is recorded', () => {
    const data = { ...pactData, commitments: [...pactData.commitments, { memberRef: 'P-MI-000123', objectiveCode: 'EMP-1', description: 'Meet the tutor weekly' }] };
    spec.given([opened(), assessed()]).when({ type: 'SignPact', caseId, data }).then([{ type: 'PactSigned', data }]);
  });

  test('when the request leaves a bound member without a commitment › it is refused before any command, naming the rule', () => {
    const { pactId: _pactId, ...body } = oneMemberUncommitted;

    expect(() => parseOrThrow(signPactRequest, body, 'request body')).toThrow(/commitments: every bound member has at least one commitment \[commitment-per-bound-member\]/);
  });

  test('when the request’s commitment belongs to no bound member › the contract’s own rule refuses it', () => {
    const { pactId: _pactId, ...body } = { ...pactData, commitments: [...pactData.commitments, { memberRef: 'P-MI-000999', objectiveCode: 'EMP-1', description: 'x' }] };

    expect(() => parseOrThrow(signPactRequest, body, 'request body')).toThrow(/\[bound-member\]/);
  });

  test('the documented example is a valid request without a pact id', () => {
    for (const { value } of Object.values(signPactExamples)) expect(parseOrThrow(signPactRequest, value, 'request body')).toEqual(value);
  });
});
