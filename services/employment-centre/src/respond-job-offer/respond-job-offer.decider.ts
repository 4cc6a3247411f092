import { IllegalStateError } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { employmentIdentity, employmentState, requireReferral, type EmploymentCommand, type EmploymentEventType, type EmploymentState } from '../employment/employment.state.js';

/** Record the person's answer to a job offer. */
export type RespondJobOffer = EmploymentCommand<'RespondJobOffer', 'JobOfferResponded'>;

/** Offers go to referred people who declared immediate availability; each offer is answered once. */
export const respondJobOfferDecider: Decider<RespondJobOffer, EmploymentState, EmploymentEventType> = {
  ...employmentState,
  decide(command, state) {
    const referred = requireReferral(state, command.caseId, 'an answer to a job offer');
    const { offerId } = command.data;
    if (referred.didRegisteredOn === undefined) {
      throw new IllegalStateError(`case ${command.caseId} cannot answer job offers before the DID is registered (DIDRegistered)`);
    }
    if (referred.respondedOffers.includes(offerId)) {
      throw new IllegalStateError(`job offer ${offerId} was already answered for case ${command.caseId}`);
    }
    return [{ type: 'JobOfferResponded', data: command.data }];
  },
  streamIdentity: (state, command) => employmentIdentity(state, command.caseId),
};
