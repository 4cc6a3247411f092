import { IllegalStateError, ValidationError, type EventData } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { caseIdentity, caseState, requireOpenCase, type CaseCommand, type CaseEventType, type CaseState } from '../case/case.state.js';

/** Record the signed Patto per l'inclusione of a case. */
export type SignPact = CaseCommand<'SignPact', 'PactSigned'>;

/** The rule a new pact's commitments follow (PactSigned v3): every bound member undertakes at least one. */
export const commitmentPerBoundMember = {
  path: 'commitments',
  rule: 'commitment-per-bound-member',
  message: 'every bound member has at least one commitment',
} as const;

/** Whether every bound member of the pact has a commitment (pacts signed before v3 carried none: a new one must). */
export function everyBoundMemberCommitted(data: Pick<EventData<'PactSigned'>, 'boundMembers' | 'commitments'>): boolean {
  return data.boundMembers.every((member) => data.commitments.some((c) => c.memberRef === member));
}

/**
 * The pact follows the assessment, and a case has one signed pact: a change
 * is a revision. Each bound member undertakes at least one commitment, so a
 * new pact can never be mistaken for one signed before v3 (upcast with none).
 */
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
    if (!everyBoundMemberCommitted(command.data)) throw new ValidationError([{ ...commitmentPerBoundMember }], 'pact');
    return [{ type: 'PactSigned', data: command.data }];
  },
  streamIdentity: (state, command) => caseIdentity(state, command.caseId),
};
