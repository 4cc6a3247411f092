import { IllegalStateError, italianDate, type EventData, type HubEvent } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { employmentIdentity, employmentState, requireReferral, type EmploymentEventType, type EmploymentState } from '../employment/employment.state.js';

/** The policy's command: take in a signed pact of the social services, at the instant it arrives. */
export interface RequestTirocinioPlacement {
  type: 'RequestTirocinioPlacement';
  pact: HubEvent<'PactSigned'>;
  receivedAt: string;
}

/** The route's (and an agency system's) command: record a placement request as it is. */
export interface RecordTirocinioPlacementRequest {
  type: 'RecordTirocinioPlacementRequest';
  caseId: string;
  data: EventData<'TirocinioPlacementRequested'>;
}

export type TirocinioPlacementCommand = RequestTirocinioPlacement | RecordTirocinioPlacementRequest;

/**
 * The employment centre's policy on pacts: a pact whose supports include a
 * tirocinio, for a person referred to the CPI, asks the CPI to find a host
 * (TirocinioPlacementRequested, for the pact's bound members). A pact without
 * a tirocinio, a case the CPI never received (its tirocinio is not the CPI's
 * to place), or a second delivery of the same pact decides nothing. Recorded
 * as it is (route, POST /events), the same rules refuse instead: a request
 * before the referral (404), or a second one for the same pact (409).
 */
export const requestTirocinioPlacementDecider: Decider<TirocinioPlacementCommand, EmploymentState, EmploymentEventType> = {
  ...employmentState,
  decide(command, state) {
    if (command.type === 'RequestTirocinioPlacement') {
      const { pact } = command;
      if (!pact.data.supports.includes('tirocinio')) return [];
      if (state.status === 'none' || state.placementRequests.includes(pact.id)) return [];
      return [
        {
          type: 'TirocinioPlacementRequested',
          data: { pactEventId: pact.id, pactId: pact.data.pactId, requestedOn: italianDate(command.receivedAt), members: pact.data.boundMembers },
        },
      ];
    }
    const referred = requireReferral(state, command.caseId, 'a tirocinio placement request');
    if (referred.placementRequests.includes(command.data.pactEventId)) {
      throw new IllegalStateError(`a tirocinio placement for pact event ${command.data.pactEventId} of case ${command.caseId} is already requested`);
    }
    return [{ type: 'TirocinioPlacementRequested', data: command.data }];
  },
  streamIdentity: (state, command) => employmentIdentity(state, command.type === 'RequestTirocinioPlacement' ? command.pact.subject : command.caseId),
};
