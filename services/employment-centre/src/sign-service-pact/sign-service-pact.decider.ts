import { IllegalStateError } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { employmentIdentity, employmentState, requireReferral, type EmploymentCommand, type EmploymentEventType, type EmploymentState } from '../employment/employment.state.js';

/** Record the signed Patto di servizio personalizzato (PSP). */
export type SignServicePact = EmploymentCommand<'SignServicePact', 'ServicePactSigned'>;

/**
 * A referred person signs one PSP, after declaring immediate availability
 * (DID); when the pact names the referral it answers, it is this case's
 * referral.
 */
export const signServicePactDecider: Decider<SignServicePact, EmploymentState, EmploymentEventType> = {
  ...employmentState,
  decide(command, state) {
    const referred = requireReferral(state, command.caseId, 'a Patto di servizio personalizzato (PSP)');
    const { data } = command;
    if (referred.servicePact) {
      throw new IllegalStateError(
        `case ${command.caseId} already has a signed PSP (${referred.servicePact.servicePactId}, signed on ${referred.servicePact.signedOn})`,
      );
    }
    if (referred.didRegisteredOn === undefined) {
      throw new IllegalStateError(`the PSP of case ${command.caseId} cannot be signed before the DID is registered (DIDRegistered)`);
    }
    if (data.referralEventId !== undefined && data.referralEventId !== referred.referralEventId) {
      throw new IllegalStateError(
        `referralEventId ${data.referralEventId} is not the referral of case ${command.caseId} (${referred.referralEventId})`,
      );
    }
    return [{ type: 'ServicePactSigned', data }];
  },
  streamIdentity: (state, command) => employmentIdentity(state, command.caseId),
};
