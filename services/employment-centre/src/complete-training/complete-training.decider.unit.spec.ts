import { describe, test } from '@jest/globals';
import { IllegalStateError, NotFoundError } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { caseId, didRegistered, enrolled, referred, servicePactSigned, trainingEnded, trainingOutcome } from '../employment/employment.spec-fixtures.js';
import { completeTrainingDecider, type CompleteTraining } from './complete-training.decider.js';

const spec = deciderSpecification(completeTrainingDecider);
const complete = (data = trainingOutcome): CompleteTraining => ({ type: 'CompleteTraining', caseId, data });
const enrolledHistory = () => [referred(), didRegistered, servicePactSigned, enrolled];

describe('recording how a course ended', () => {
  test('when the person was never referred › it is refused as not found', () => {
    spec.given([]).when(complete()).thenThrows(NotFoundError, /a training outcome cannot be recorded before the referral/);
  });

  test('when the person was never enrolled › it is refused', () => {
    spec.given([referred(), didRegistered, servicePactSigned]).when(complete()).thenThrows(IllegalStateError, /never enrolled in course LOM-GOL-2026-ID-48213/);
  });

  test('when the person is enrolled in the same course › it records TrainingCompleted', () => {
    spec.given(enrolledHistory()).when(complete()).then([{ type: 'TrainingCompleted', data: trainingOutcome }]);
  });

  test('when the person is enrolled in another course › it is refused', () => {
    spec
      .given(enrolledHistory())
      .when(complete({ ...trainingOutcome, courseId: 'LOM-GOL-2026-ID-99999' }))
      .thenThrows(IllegalStateError, /never enrolled in course LOM-GOL-2026-ID-99999/);
  });

  test('when the course has already ended › a second outcome is refused', () => {
    spec.given([...enrolledHistory(), trainingEnded]).when(complete()).thenThrows(IllegalStateError, /course LOM-GOL-2026-ID-48213 of case .* has already ended/);
  });

  test('when it ends before the enrolment › it is refused', () => {
    spec
      .given(enrolledHistory())
      .when(complete({ ...trainingOutcome, endedOn: '2026-11-10', outcome: 'withdrawn', hoursAttended: 0 }))
      .thenThrows(IllegalStateError, /endedOn 2026-11-10 is before the enrolment .*on 2026-11-12/);
  });

  test('when the person withdraws › the withdrawal is recorded', () => {
    const withdrawn = { courseId: trainingOutcome.courseId, endedOn: '2026-12-15', outcome: 'withdrawn', hoursAttended: 40 } as const;

    spec.given(enrolledHistory()).when(complete(withdrawn)).then([{ type: 'TrainingCompleted', data: withdrawn }]);
  });
});
