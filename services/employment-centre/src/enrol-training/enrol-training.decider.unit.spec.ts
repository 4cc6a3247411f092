import { describe, test } from '@jest/globals';
import { IllegalStateError, NotFoundError } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { caseId, didRegistered, enrolled, enrolmentData, referred, servicePactSigned, trainingEnded } from '../employment/employment.spec-fixtures.js';
import { enrolTrainingDecider, type EnrolTraining } from './enrol-training.decider.js';

const spec = deciderSpecification(enrolTrainingDecider);
const enrol = (data = enrolmentData): EnrolTraining => ({ type: 'EnrolTraining', caseId, data });

describe('enrolling the person in a course', () => {
  test('when the person was never referred › the enrolment is refused as not found', () => {
    spec.given([]).when(enrol()).thenThrows(NotFoundError, /a training enrolment cannot be recorded before the referral/);
  });

  test('when there is no PSP yet › the enrolment is refused', () => {
    spec.given([referred(), didRegistered]).when(enrol()).thenThrows(IllegalStateError, /a training enrolment of case .* needs the Patto di servizio personalizzato/);
  });

  test('after the PSP › it records TrainingEnrolled', () => {
    spec.given([referred(), didRegistered, servicePactSigned]).when(enrol()).then([{ type: 'TrainingEnrolled', data: enrolmentData }]);
  });

  test('when the enrolment is dated before the PSP › it is refused', () => {
    spec
      .given([referred(), didRegistered, servicePactSigned])
      .when(enrol({ ...enrolmentData, enrolledOn: '2026-11-01' }))
      .thenThrows(IllegalStateError, /enrolledOn 2026-11-01 is before the PSP .*signed on 2026-11-05/);
  });

  test('when the person is already enrolled in the same course › a second enrolment is refused', () => {
    spec
      .given([referred(), didRegistered, servicePactSigned, enrolled])
      .when(enrol())
      .thenThrows(IllegalStateError, /already enrolled in course LOM-GOL-2026-ID-48213 \(since 2026-11-12\)/);
  });

  test('when the earlier enrolment in the course has ended › the person may enrol again', () => {
    const again = { ...enrolmentData, enrolledOn: '2027-03-02', startsOn: '2027-03-09', endsOn: '2027-06-30' };

    spec.given([referred(), didRegistered, servicePactSigned, enrolled, trainingEnded]).when(enrol(again)).then([{ type: 'TrainingEnrolled', data: again }]);
  });
});
