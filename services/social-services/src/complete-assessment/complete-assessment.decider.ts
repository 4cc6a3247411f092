import { IllegalStateError } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { caseIdentity, caseState, requireOpenCase, type CaseCommand, type CaseEventType, type CaseState } from '../case/case.state.js';

/** Record the completed multidimensional assessment of a case. */
export type CompleteAssessment = CaseCommand<'CompleteAssessment', 'AssessmentCompleted'>;

/** An open case is assessed once; a case that does not exist cannot be. */
export const completeAssessmentDecider: Decider<CompleteAssessment, CaseState, CaseEventType> = {
  ...caseState,
  decide(command, state) {
    const existing = requireOpenCase(state, command.caseId);
    if (existing.status !== 'open') {
      throw new IllegalStateError(`the assessment of case ${command.caseId} is already completed (case is ${existing.status})`);
    }
    return [{ type: 'AssessmentCompleted', data: command.data }];
  },
  streamIdentity: (state, command) => caseIdentity(state, command.caseId),
};
