import { IllegalStateError } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { caseIdentity, caseState, requireOpenCase, type CaseCommand, type CaseEventType, type CaseState } from '../case/case.state.js';

/** Record the household's referral by the national platform (SIISL, GePI), with its first-appointment deadline. */
export type ReceiveBeneficiaryReferral = CaseCommand<'ReceiveBeneficiaryReferral', 'BeneficiaryReferralReceived'>;

/** A case receives one referral, before the household is taken in charge. */
export const receiveBeneficiaryReferralDecider: Decider<ReceiveBeneficiaryReferral, CaseState, CaseEventType> = {
  ...caseState,
  decide(command, state) {
    const existing = requireOpenCase(state, command.caseId);
    if (existing.referral) {
      throw new IllegalStateError(`the referral of case ${command.caseId} was already received on ${existing.referral.receivedOn}`);
    }
    if (existing.takenInCharge || existing.status !== 'open') {
      throw new IllegalStateError(`the referral of case ${command.caseId} cannot be recorded once the case is taken in charge or assessed`);
    }
    return [{ type: 'BeneficiaryReferralReceived', data: command.data }];
  },
  streamIdentity: (state, command) => caseIdentity(state, command.caseId),
};
