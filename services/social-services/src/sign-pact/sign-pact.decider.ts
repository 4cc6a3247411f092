import { IllegalStateError } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { caseIdentity, caseState, requireOpenCase, type CaseCommand, type CaseEventType, type CaseState } from '../case/case.state.js';

/** Record the signed Patto per l'inclusione of a case. */
export type SignPact = CaseCommand<'SignPact', 'PactSigned'>;

/** The pact follows the assessment, and a case has one signed pact: a change is a revision. */
export const signPactDecider: Decider<SignPact, CaseState, CaseEventType> = {
  ...caseState,
  decide(command, state) {
    const existing = requireOpenCase(state, command.caseId);
    if (existing.status === 'open') {
      throw new IllegalStateError(`the pact of case ${command.caseId} cannot be signed before the assessment is completed`);
    }
    if (existing.pact) {
      throw new IllegalStateError(`case ${command.caseId} already has a signed pact (${existing.pact.pactId}); revise it instead`);
    }
    return [{ type: 'PactSigned', data: command.data }];
  },
  streamIdentity: (state, command) => caseIdentity(state, command.caseId),
};
