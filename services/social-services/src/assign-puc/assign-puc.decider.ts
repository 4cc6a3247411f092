import { IllegalStateError } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { caseIdentity, caseState, requirePact, type CaseCommand, type CaseEventType, type CaseState } from '../case/case.state.js';

/** Assign a household member to a Progetto Utile alla Collettività (PUC) of the Comune. */
export type AssignPuc = CaseCommand<'AssignPuc', 'PUCAssigned'>;

/**
 * A PUC is assigned once the pact is signed, to a member the pact binds; the
 * same member is not assigned twice to the same PUC for overlapping dates.
 * (The contract names a PUC by its project code: there is no other PUC id.)
 */
export const assignPucDecider: Decider<AssignPuc, CaseState, CaseEventType> = {
  ...caseState,
  decide(command, state) {
    const { existing, pact } = requirePact(state, command.caseId, 'a PUC assignment');
    const { pucProjectCode, memberRef, startsOn, endsOn } = command.data;
    if (!pact.boundMembers.includes(memberRef)) {
      throw new IllegalStateError(`a PUC of case ${command.caseId} is assigned only to a member bound by its pact (memberRef is not)`);
    }
    const overlapping = existing.pucs.find((p) => p.pucProjectCode === pucProjectCode && p.memberRef === memberRef && p.startsOn <= endsOn && startsOn <= p.endsOn);
    if (overlapping) {
      throw new IllegalStateError(
        `the member is already assigned to PUC ${pucProjectCode} of case ${command.caseId} from ${overlapping.startsOn} to ${overlapping.endsOn}`,
      );
    }
    return [{ type: 'PUCAssigned', data: command.data }];
  },
  streamIdentity: (state, command) => caseIdentity(state, command.caseId),
};
