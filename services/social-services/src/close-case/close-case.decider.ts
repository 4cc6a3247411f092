import { IllegalStateError } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { caseIdentity, caseState, requireCase, type CaseCommand, type CaseEventType, type CaseState } from '../case/case.state.js';

/** Close a case: goals met, employed, benefit lost or ended, moved, or drop-out. */
export type CloseCase = CaseCommand<'CloseCase', 'CaseClosed'>;

/** A case is closed once, and only after it was opened. */
export const closeCaseDecider: Decider<CloseCase, CaseState, CaseEventType> = {
  ...caseState,
  decide(command, state) {
    const existing = requireCase(state, command.caseId);
    if (existing.status === 'closed') throw new IllegalStateError(`case ${command.caseId} is already closed (on ${existing.closedOn})`);
    return [{ type: 'CaseClosed', data: command.data }];
  },
  streamIdentity: (state, command) => caseIdentity(state, command.caseId),
};
