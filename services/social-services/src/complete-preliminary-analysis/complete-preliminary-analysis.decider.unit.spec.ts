import { describe, expect, test } from '@jest/globals';
import { IllegalStateError, NotFoundError, preliminaryAnalysisCompletedV2 } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { assessed, caseId, closed, identity, opened, preliminaryAnalysis, takenInCharge } from '../case/case.spec-fixtures.js';
import { completePreliminaryAnalysisDecider, type CompletePreliminaryAnalysis } from './complete-preliminary-analysis.decider.js';

const spec = deciderSpecification(completePreliminaryAnalysisDecider);

const data = preliminaryAnalysisCompletedV2.example;
const complete = (): CompletePreliminaryAnalysis => ({ type: 'CompletePreliminaryAnalysis', caseId, data });

describe('completing the preliminary analysis', () => {
  test('when the case does not exist › it is refused as not found', () => {
    spec.given([]).when(complete()).thenThrows(NotFoundError, /does not exist/);
  });

  test('when the case is taken in charge › it records PreliminaryAnalysisCompleted', () => {
    spec.given([opened(), takenInCharge()]).when(complete()).then([{ type: 'PreliminaryAnalysisCompleted', data }]);
  });

  test('the analysis carries the identity the case was opened with', () => {
    const { state } = spec.given([opened(), takenInCharge()]).when(complete());

    expect(completePreliminaryAnalysisDecider.streamIdentity(state(), complete())).toEqual({ subject: caseId, ...identity });
  });

  test('when the case is not taken in charge › the analysis is refused', () => {
    spec.given([opened()]).when(complete()).thenThrows(IllegalStateError, /before the case is taken in charge/);
  });

  test('when the analysis was already completed › a second one is refused, naming when', () => {
    spec
      .given([opened(), takenInCharge(), preliminaryAnalysis()])
      .when(complete())
      .thenThrows(IllegalStateError, /already completed on 2026-10-16/);
  });

  test('when the case is already assessed › the preliminary analysis is refused', () => {
    spec.given([opened(), takenInCharge(), assessed()]).when(complete()).thenThrows(IllegalStateError, /cannot be completed after the assessment/);
  });

  test('when the case is closed › it is refused', () => {
    spec.given([opened(), takenInCharge(), closed('2026-11-01')]).when(complete()).thenThrows(IllegalStateError, /was closed on 2026-11-01/);
  });
});
