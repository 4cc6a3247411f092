import { IllegalStateError } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { caseIdentity, caseState, requireOpenCase, type CaseCommand, type CaseEventType, type CaseState } from '../case/case.state.js';

/** Record a meeting of the équipe multidisciplinare (EEMM) for the household's quadro di analisi. */
export type ConveneEemm = CaseCommand<'ConveneEemm', 'EEMMConvened'>;

/**
 * The EEMM is convened only when the preliminary analysis asked for a quadro
 * di analisi (complex needs); each later meeting comes after the previous one.
 */
export const conveneEemmDecider: Decider<ConveneEemm, CaseState, CaseEventType> = {
  ...caseState,
  decide(command, state) {
    const existing = requireOpenCase(state, command.caseId);
    if (existing.preliminaryAnalysis?.outcome !== 'quadro-required') {
      // The outcome itself is special-category data: the message says what is missing, not what was decided.
      throw new IllegalStateError(`the EEMM of case ${command.caseId} is convened only after a preliminary analysis that asks for a quadro di analisi`);
    }
    const last = existing.eemm?.convenedOn;
    if (last && command.data.convenedOn <= last) {
      throw new IllegalStateError(`the EEMM of case ${command.caseId} (convenedOn ${command.data.convenedOn}) must meet after its last meeting of ${last}`);
    }
    return [{ type: 'EEMMConvened', data: command.data }];
  },
  streamIdentity: (state, command) => caseIdentity(state, command.caseId),
};
