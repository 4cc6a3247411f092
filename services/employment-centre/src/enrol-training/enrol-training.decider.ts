import { IllegalStateError } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import {
  employmentIdentity,
  employmentState,
  requireReferral,
  requireServicePact,
  type EmploymentCommand,
  type EmploymentEventType,
  type EmploymentState,
} from '../employment/employment.state.js';

/** Enrol a referred person in a course of the regional catalogue. */
export type EnrolTraining = EmploymentCommand<'EnrolTraining', 'TrainingEnrolled'>;

/** Training is a measure of the PSP: enrolled after it, once per course at a time. */
export const enrolTrainingDecider: Decider<EnrolTraining, EmploymentState, EmploymentEventType> = {
  ...employmentState,
  decide(command, state) {
    const referred = requireReferral(state, command.caseId, 'a training enrolment');
    const pact = requireServicePact(referred, command.caseId, 'a training enrolment');
    const { courseId, enrolledOn } = command.data;
    if (enrolledOn < pact.signedOn) {
      throw new IllegalStateError(`enrolledOn ${enrolledOn} is before the PSP of case ${command.caseId} (signed on ${pact.signedOn})`);
    }
    if (referred.courses[courseId]?.status === 'enrolled') {
      throw new IllegalStateError(`case ${command.caseId} is already enrolled in course ${courseId} (since ${referred.courses[courseId].enrolledOn})`);
    }
    return [{ type: 'TrainingEnrolled', data: command.data }];
  },
  streamIdentity: (state, command) => employmentIdentity(state, command.caseId),
};
