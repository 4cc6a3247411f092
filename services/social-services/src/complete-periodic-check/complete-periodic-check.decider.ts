import { IllegalStateError } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { caseIdentity, caseState, requireOpenCase, type CaseCommand, type CaseEventType, type CaseState } from '../case/case.state.js';

/** Record the periodic check of the pathway (every 90 days), its outcome and the next one's due date. */
export type CompletePeriodicCheck = CaseCommand<'CompletePeriodicCheck', 'PeriodicCheckCompleted'>;

/** Each check comes after the previous one, and not before the presa in carico when it was recorded. */
export const completePeriodicCheckDecider: Decider<CompletePeriodicCheck, CaseState, CaseEventType> = {
  ...caseState,
  decide(command, state) {
    const existing = requireOpenCase(state, command.caseId);
    const { checkedOn } = command.data;
    const last = existing.lastCheck?.checkedOn;
    if (last && checkedOn <= last) {
      throw new IllegalStateError(`a periodic check of case ${command.caseId} (checkedOn ${checkedOn}) must come after the last one, of ${last}`);
    }
    const takenOn = existing.takenInCharge?.takenInChargeOn;
    if (takenOn && checkedOn < takenOn) {
      throw new IllegalStateError(`a periodic check of case ${command.caseId} (checkedOn ${checkedOn}) cannot be before the presa in carico of ${takenOn}`);
    }
    return [{ type: 'PeriodicCheckCompleted', data: command.data }];
  },
  streamIdentity: (state, command) => caseIdentity(state, command.caseId),
};
