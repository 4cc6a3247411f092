import { describe, test } from '@jest/globals';
import { IllegalStateError } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { caseId, consentRecorded, fitnessData, identity, involved } from '../health-record/health-record.spec-fixtures.js';
import { assessActivityFitnessDecider, type AssessActivityFitness } from './assess-activity-fitness.decider.js';

const spec = deciderSpecification(assessActivityFitnessDecider);

const assess = (): AssessActivityFitness => ({ type: 'AssessActivityFitness', caseId, identity, data: fitnessData });

describe('stating fitness for activation', () => {
  test('when a specialist service is involved › the fitness statement is recorded', () => {
    spec.given([consentRecorded(), involved()]).when(assess()).then([{ type: 'ActivityFitnessAssessed', data: fitnessData }]);
  });

  test('when fitness was already stated › a new statement is recorded (it replaces the earlier one)', () => {
    spec
      .given([consentRecorded(), involved(), { type: 'ActivityFitnessAssessed', data: fitnessData }])
      .when(assess())
      .then([{ type: 'ActivityFitnessAssessed', data: fitnessData }]);
  });

  test('when the case has no health record › it is refused: an involvement comes first', () => {
    spec.given([]).when(assess()).thenThrows(IllegalStateError, /needs a specialist service involved first/);
  });

  test('when the case has no health record and the request names no one › it is refused for the missing involvement, not the identity', () => {
    const { identity: _none, ...command } = assess();

    spec.given([]).when(command).thenThrows(IllegalStateError, /needs a specialist service involved first/);
  });

  test('when the record holds a consent but no involvement › it is refused', () => {
    spec.given([consentRecorded()]).when(assess()).thenThrows(IllegalStateError, /needs a specialist service involved first/);
  });
});
