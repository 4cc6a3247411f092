import { IllegalStateError } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { employmentIdentity, employmentState, requireReferral, type EmploymentCommand, type EmploymentEventType, type EmploymentState } from '../employment/employment.state.js';

/** Record how a course ended for the person: completed, withdrawn or failed. */
export type CompleteTraining = EmploymentCommand<'CompleteTraining', 'TrainingCompleted'>;

/** A course ends only after the person was enrolled in that same course, once per enrolment, not before the enrolment. */
export const completeTrainingDecider: Decider<CompleteTraining, EmploymentState, EmploymentEventType> = {
  ...employmentState,
  decide(command, state) {
    const referred = requireReferral(state, command.caseId, 'a training outcome');
    const { courseId, endedOn } = command.data;
    const course = referred.courses[courseId];
    if (!course) throw new IllegalStateError(`case ${command.caseId} was never enrolled in course ${courseId} (TrainingEnrolled)`);
    if (course.status === 'ended') throw new IllegalStateError(`course ${courseId} of case ${command.caseId} has already ended`);
    if (endedOn < course.enrolledOn) {
      throw new IllegalStateError(`endedOn ${endedOn} is before the enrolment in course ${courseId} (on ${course.enrolledOn})`);
    }
    return [{ type: 'TrainingCompleted', data: command.data }];
  },
  streamIdentity: (state, command) => employmentIdentity(state, command.caseId),
};
