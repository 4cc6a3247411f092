import { IllegalStateError } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { caseIdentity, caseState, requireOpenCase, type CaseCommand, type CaseEventType, type CaseState } from '../case/case.state.js';

/** Record that the case's conditionality changed because of another agency's event (e.g. suspended while employed). */
export type UpdateConditionality = CaseCommand<'UpdateConditionality', 'ConditionalityUpdated'>;

/** An open case's conditionality is updated once per cause. */
export const updateConditionalityDecider: Decider<UpdateConditionality, CaseState, CaseEventType> = {
  ...caseState,
  decide(command, state) {
    const existing = requireOpenCase(state, command.caseId);
    const { causeEventId } = command.data;
    if (existing.conditionalityCauses.includes(causeEventId)) {
      throw new IllegalStateError(`the conditionality of case ${command.caseId} was already updated for event ${causeEventId}`);
    }
    return [{ type: 'ConditionalityUpdated', data: command.data }];
  },
  streamIdentity: (state, command) => caseIdentity(state, command.caseId),
};
