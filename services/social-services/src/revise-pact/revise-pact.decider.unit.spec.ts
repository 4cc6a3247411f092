import { describe, expect, test } from '@jest/globals';
import { IllegalStateError, NotFoundError, pactRevisedV2 } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { assessed, caseId, closed, identity, opened, revised, signed } from '../case/case.spec-fixtures.js';
import { revisePactDecider, type RevisePact } from './revise-pact.decider.js';

const spec = deciderSpecification(revisePactDecider);

const pactId = '5d7a9a7e-3c1e-4b53-9d0e-0b7f5e3d8c11';
const { pactId: _pactId, revision: _revision, ...revision } = pactRevisedV2.example;
const revise = (data: RevisePact['data'] = revision): RevisePact => ({ type: 'RevisePact', caseId, data });

describe('revising the pact', () => {
  test('when the case does not exist › the revision is refused as not found', () => {
    spec.given([]).when(revise()).thenThrows(NotFoundError, /does not exist/);
  });

  test('when no pact was signed › a revision is refused', () => {
    spec.given([opened(), assessed()]).when(revise()).thenThrows(IllegalStateError, /a revision of the pact of case .* cannot be recorded before the pact is signed/);
  });

  test('when the pact is signed › the first revision is recorded with the pact’s id and revision 1', () => {
    spec
      .given([opened(), assessed(), signed({ pactId })])
      .when(revise())
      .then([{ type: 'PactRevised', data: { ...revision, pactId, revision: 1 } }]);
  });

  test('when the pact was revised once › the next revision is number 2', () => {
    spec
      .given([opened(), assessed(), signed({ pactId }), revised({ pactId, revision: 1, revisedOn: '2027-02-01' })])
      .when(revise({ ...revision, revisedOn: '2027-05-03', reviewDates: ['2027-08-02'] }))
      .then([{ type: 'PactRevised', data: { ...revision, revisedOn: '2027-05-03', reviewDates: ['2027-08-02'], pactId, revision: 2 } }]);
  });

  test('the revision carries the identity the case was opened with', () => {
    const { state } = spec.given([opened(), assessed(), signed({ pactId })]).when(revise());

    expect(revisePactDecider.streamIdentity(state(), revise())).toEqual({ subject: caseId, ...identity });
  });

  test('when the revision names another pact › it is refused, naming the case’s pact', () => {
    spec
      .given([opened(), assessed(), signed({ pactId })])
      .when(revise({ ...revision, pactId: '0d0d0d0d-0d0d-4d0d-8d0d-0d0d0d0d0d0d' }))
      .thenThrows(IllegalStateError, new RegExp(`is ${pactId}, not 0d0d0d0d-0d0d-4d0d-8d0d-0d0d0d0d0d0d`));
  });

  test('when the revision skips a number › it is refused, naming the next one', () => {
    spec
      .given([opened(), assessed(), signed({ pactId })])
      .when(revise({ ...revision, revision: 2 }))
      .thenThrows(IllegalStateError, /the next revision of pact .* is 1, not 2/);
  });

  test('when the revision repeats the last number › it is refused', () => {
    spec
      .given([opened(), assessed(), signed({ pactId }), revised({ pactId, revision: 1 })])
      .when(revise({ ...revision, revision: 1, revisedOn: '2027-03-01' }))
      .thenThrows(IllegalStateError, /is 2, not 1/);
  });

  test('when the revision is dated before the signature › it is refused, naming the signature’s date', () => {
    spec
      .given([opened(), assessed(), signed({ pactId, signedOn: '2026-11-03' })])
      .when(revise({ ...revision, revisedOn: '2026-11-02', reviewDates: ['2027-01-01'] }))
      .thenThrows(IllegalStateError, /revisedOn 2026-11-02\) cannot be before its last signature or revision, of 2026-11-03/);
  });

  test('when the case is closed › the revision is refused', () => {
    spec.given([opened(), assessed(), signed({ pactId }), closed('2027-01-10')]).when(revise()).thenThrows(IllegalStateError, /was closed on 2027-01-10/);
  });
});
