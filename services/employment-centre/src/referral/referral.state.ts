import { caseStreamOf, type HubEvent } from '@traiettorie/contracts';

/** The employment centre's stream of a case. */
export const referralStream = (caseId: string) => caseStreamOf('employment-centre', caseId);

export type ReferralEventType = 'EmploymentReferralReceived';

export type ReferralState = { status: 'none' } | { status: 'referred'; assessmentEventId: string; servicePactDueBy: string };

/** How the employment centre's history of a case folds into its referral. */
export const referralState = {
  initialState: (): ReferralState => ({ status: 'none' }),
  evolve: (_state: ReferralState, event: HubEvent<ReferralEventType>): ReferralState => ({
    status: 'referred',
    assessmentEventId: event.data.assessmentEventId,
    servicePactDueBy: event.data.servicePactDueBy,
  }),
};
