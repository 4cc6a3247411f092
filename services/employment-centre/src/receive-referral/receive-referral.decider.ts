import { addDays, italianDate, type HubEvent } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import { employmentState, type EmploymentEventType, type EmploymentState } from '../employment/employment.state.js';

/** Days the CPI has to sign the Patto di servizio personalizzato after a referral (DL 48/2023). */
export const SERVICE_PACT_DEADLINE_DAYS = 60;

/** Take in an assessment of the social services, at the instant it arrives. */
export interface ReceiveReferral {
  type: 'ReceiveReferral';
  assessment: HubEvent<'AssessmentCompleted'>;
  receivedAt: string;
}

/**
 * The employment centre's policy on assessments: a referral to employment
 * services opens the CPI's own record of the case, with the PSP deadline.
 * An assessment without that referral, or a second delivery, decides nothing.
 */
export const receiveReferralDecider: Decider<ReceiveReferral, EmploymentState, EmploymentEventType> = {
  ...employmentState,
  decide(command, state) {
    const { assessment } = command;
    if (!assessment.data.referrals.includes('employment-centre')) return [];
    if (state.status !== 'none') return [];
    const receivedOn = italianDate(command.receivedAt);
    return [
      {
        type: 'EmploymentReferralReceived',
        data: { assessmentEventId: assessment.id, receivedOn, servicePactDueBy: addDays(receivedOn, SERVICE_PACT_DEADLINE_DAYS) },
      },
    ];
  },
  // The CPI's record of a case is about the person and case the assessment was about.
  streamIdentity: (_state, { assessment }) => ({
    subject: assessment.subject,
    ambito: assessment.ambito,
    personref: assessment.personref,
    legalbasis: assessment.legalbasis,
  }),
};

/** The calendar date in Italy of an instant: deadlines run on the Italian calendar (re-exported for this slice's callers). */
export { italianDate };
