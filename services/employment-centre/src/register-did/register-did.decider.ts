import { IllegalStateError } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { employmentIdentity, employmentState, requireReferral, type EmploymentCommand, type EmploymentEventType, type EmploymentState } from '../employment/employment.state.js';

/** Record the person's Dichiarazione di Immediata Disponibilità (DID). */
export type RegisterDid = EmploymentCommand<'RegisterDid', 'DIDRegistered'>;

/** A referred person declares immediate availability once. */
export const registerDidDecider: Decider<RegisterDid, EmploymentState, EmploymentEventType> = {
  ...employmentState,
  decide(command, state) {
    const referred = requireReferral(state, command.caseId, 'a DID');
    if (referred.didRegisteredOn !== undefined) {
      throw new IllegalStateError(`the DID of case ${command.caseId} is already registered (on ${referred.didRegisteredOn})`);
    }
    return [{ type: 'DIDRegistered', data: command.data }];
  },
  streamIdentity: (state, command) => employmentIdentity(state, command.caseId),
};
