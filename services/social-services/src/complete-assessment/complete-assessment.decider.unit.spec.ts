import { describe, expect, test } from '@jest/globals';
import { IllegalStateError, NotFoundError } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import {
  assessed,
  assessmentData,
  caseId,
  eemmConvened,
  firstAppointmentHeld,
  identity,
  opened,
  pactSigned,
  preliminaryAnalysis,
  referralReceived,
  takenInCharge,
} from '../case/case.spec-fixtures.js';
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

describe('completing the assessment after the pathway’s earlier steps', () => {
  test('when the referred case is not yet taken in charge › the assessment is refused', () => {
    spec
      .given([opened(), referralReceived(), firstAppointmentHeld()])
      .when(completeAssessment())
      .thenThrows(IllegalStateError, /cannot be completed before the case is taken in charge/);
  });

  test('when the preliminary analysis asked for a quadro and the EEMM was not convened › the assessment is refused', () => {
    spec
      .given([opened(), takenInCharge(), preliminaryAnalysis('quadro-required')])
      .when(completeAssessment())
      .thenThrows(IllegalStateError, /cannot be completed before the EEMM is convened/);
  });

  test('when the EEMM was convened for the quadro › the assessment is recorded', () => {
    spec
      .given([opened(), referralReceived(), firstAppointmentHeld(), takenInCharge(), preliminaryAnalysis('quadro-required'), eemmConvened()])
      .when(completeAssessment())
      .then([{ type: 'AssessmentCompleted', data: assessmentData }]);
  });

  test('when the preliminary analysis left the PaIS to the social service › the assessment needs no EEMM', () => {
    spec
      .given([opened(), takenInCharge(), preliminaryAnalysis('pais-by-social-service')])
      .when(completeAssessment())
      .then([{ type: 'AssessmentCompleted', data: assessmentData }]);
  });
});
