import { IllegalStateError } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { caseIdentity, caseState, requireOpenCase, type CaseCommand, type CaseEventType, type CaseState } from '../case/case.state.js';

/** Record the completed multidimensional assessment of a case. */
export type CompleteAssessment = CaseCommand<'CompleteAssessment', 'AssessmentCompleted'>;

/**
 * An open case is assessed once; a case that does not exist cannot be. When
 * the pathway's earlier steps were recorded, they come first: a referred case
 * is taken in charge before it is assessed, and a preliminary analysis that
 * asked for a quadro di analisi needs the EEMM convened.
 */
export const completeAssessmentDecider: Decider<CompleteAssessment, CaseState, CaseEventType> = {
  ...caseState,
  decide(command, state) {
    const existing = requireOpenCase(state, command.caseId);
    if (existing.status !== 'open') {
      throw new IllegalStateError(`the assessment of case ${command.caseId} is already completed (case is ${existing.status})`);
    }
    if (existing.referral && !existing.takenInCharge) {
      throw new IllegalStateError(`the assessment of case ${command.caseId} cannot be completed before the case is taken in charge`);
    }
    if (existing.preliminaryAnalysis?.outcome === 'quadro-required' && !existing.eemm) {
      throw new IllegalStateError(`the assessment (quadro di analisi) of case ${command.caseId} cannot be completed before the EEMM is convened`);
    }
    return [{ type: 'AssessmentCompleted', data: command.data }];
  },
  streamIdentity: (state, command) => caseIdentity(state, command.caseId),
};
