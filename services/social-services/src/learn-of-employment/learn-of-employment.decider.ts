import { IllegalStateError, NotFoundError, type HubEvent } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { caseIdentity, caseState, type CaseEventType, type CaseState } from '../case/case.state.js';

/** Take in an employment the employment centre recorded for the case's person. */
export interface LearnOfEmployment {
  type: 'LearnOfEmployment';
  employment: HubEvent<'EmploymentStarted'>;
}

/**
 * The social services' policy on employments: the person started work, so the
 * case's conditionality is suspended (employed) from the day the work starts.
 * A second delivery of the same employment, or an employment on a closed
 * case, decides nothing; a case the social services never opened, or an
 * employment of another person or Ambito, is an error (the message is
 * dead-lettered, for an operator to see).
 */
export const learnOfEmploymentDecider: Decider<LearnOfEmployment, CaseState, CaseEventType> = {
  ...caseState,
  decide({ employment }, state) {
    if (state.status === 'none') throw new NotFoundError(`case ${employment.subject} does not exist at the social services`);
    // The employment must be of the case's person, in its Ambito: another's is never the case's (dead-lettered for an operator).
    if (employment.personref !== state.personRef || employment.ambito !== state.ambito) {
      throw new IllegalStateError(`the EmploymentStarted ${employment.id} names another person or Ambito than case ${employment.subject}`);
    }
    if (state.status === 'closed') return [];
    if (state.conditionalityCauses.includes(employment.id)) return [];
    return [
      {
        type: 'ConditionalityUpdated',
        data: { causeEventId: employment.id, cause: 'employment-started', conditionality: 'suspended-employed', since: employment.data.startsOn },
      },
    ];
  },
  // The case's own identity, as every event of its stream carries it.
  streamIdentity: (state, { employment }) => caseIdentity(state, employment.subject),
};
