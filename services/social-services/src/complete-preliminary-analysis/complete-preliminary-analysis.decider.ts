import { IllegalStateError } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { caseIdentity, caseState, requireOpenCase, type CaseCommand, type CaseEventType, type CaseState } from '../case/case.state.js';

/** Record the analisi preliminare: where the household goes next and its need dimensions. */
export type CompletePreliminaryAnalysis = CaseCommand<'CompletePreliminaryAnalysis', 'PreliminaryAnalysisCompleted'>;

/** The preliminary analysis follows the presa in carico, comes before the assessment, and is done once. */
export const completePreliminaryAnalysisDecider: Decider<CompletePreliminaryAnalysis, CaseState, CaseEventType> = {
  ...caseState,
  decide(command, state) {
    const existing = requireOpenCase(state, command.caseId);
    if (existing.preliminaryAnalysis) {
      throw new IllegalStateError(`the preliminary analysis of case ${command.caseId} was already completed on ${existing.preliminaryAnalysis.completedOn}`);
    }
    if (existing.status !== 'open') {
      throw new IllegalStateError(`the preliminary analysis of case ${command.caseId} cannot be completed after the assessment`);
    }
    if (!existing.takenInCharge) {
      throw new IllegalStateError(`the preliminary analysis of case ${command.caseId} cannot be completed before the case is taken in charge`);
    }
    return [{ type: 'PreliminaryAnalysisCompleted', data: command.data }];
  },
  streamIdentity: (state, command) => caseIdentity(state, command.caseId),
};
