import { IllegalStateError } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { caseIdentity, caseState, requireOpenCase, type CaseCommand, type CaseEventType, type CaseState } from '../case/case.state.js';

/** Record that a legal deadline of the case passed without the awaited event (the deadlines worker's command). */
export type RecordDeadlineMissed = CaseCommand<'RecordDeadlineMissed', 'DeadlineMissed'>;

/**
 * A deadline is missed once: a second DeadlineMissed for the same deadlineId
 * is refused, as is one on a case never opened, or closed (a closure closes
 * every deadline of the case). The deadlines worker appends it with an id
 * derived from the deadline's, so two workers cannot both record it.
 */
export const recordDeadlineMissedDecider: Decider<RecordDeadlineMissed, CaseState, CaseEventType> = {
  ...caseState,
  decide(command, state) {
    const existing = requireOpenCase(state, command.caseId);
    const { deadlineId } = command.data;
    if (existing.missedDeadlines.includes(deadlineId)) {
      throw new IllegalStateError(`deadline ${deadlineId} of case ${command.caseId} is already recorded as missed`);
    }
    return [{ type: 'DeadlineMissed', data: command.data }];
  },
  streamIdentity: (state, command) => caseIdentity(state, command.caseId),
};
