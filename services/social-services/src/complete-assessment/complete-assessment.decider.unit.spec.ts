import { describe, expect, test } from '@jest/globals';
import { IllegalStateError, NotFoundError } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { assessed, assessmentData, caseId, identity, opened, pactSigned } from '../case/case.spec-fixtures.js';
import { completeAssessmentDecider, type CompleteAssessment } from './complete-assessment.decider.js';

const spec = deciderSpecification(completeAssessmentDecider);

const completeAssessment = (): CompleteAssessment => ({ type: 'CompleteAssessment', caseId, data: assessmentData });

describe('completing the assessment', () => {
  test('when the case does not exist › the assessment is refused as not found', () => {
    spec
      .given([])
      .when(completeAssessment())
      .thenThrows(NotFoundError, new RegExp(`case ${caseId} does not exist`));
  });

  test('when the case is open › it records AssessmentCompleted with the data given', () => {
    spec.given([opened()]).when(completeAssessment()).then([{ type: 'AssessmentCompleted', data: assessmentData }]);
  });

  test('when the case is open › the assessment carries the identity the case was opened with', () => {
    const { state } = spec.given([opened()]).when(completeAssessment());

    expect(completeAssessmentDecider.streamIdentity(state(), completeAssessment())).toEqual({ subject: caseId, ...identity });
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

  test('when the case is closed › the assessment is refused, naming when it closed', () => {
    spec
      .given([opened(), { type: 'CaseClosed', data: { closedOn: '2026-11-20', reason: 'drop-out' } }])
      .when(completeAssessment())
      .thenThrows(IllegalStateError, /was closed on 2026-11-20/);
  });
});
