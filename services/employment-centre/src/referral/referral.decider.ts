import { dataSchemaOf, employmentReferralReceivedV1, type HubEvent } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/event-store';

export type ReferralEvent = HubEvent<'EmploymentReferralReceived'>;

/** Days the CPI has to sign the Patto di servizio personalizzato after a referral (DL 48/2023). */
export const SERVICE_PACT_DEADLINE_DAYS = 60;

export interface ReceiveReferral {
  type: 'ReceiveReferral';
  assessment: HubEvent<'AssessmentCompleted'>;
  eventId: string;
  now: string;
  source: string;
}

export type ReferralState = { status: 'none' } | { status: 'referred'; assessmentEventId: string; servicePactDueBy: string };

/**
 * The employment centre's policy on assessments: a referral to employment
 * services opens the CPI's own record of the case, with the PSP deadline.
 * An assessment without that referral, or a second delivery, decides nothing.
 */
export const referralDecider: Decider<ReceiveReferral, ReferralEvent, ReferralState> = {
  initialState: () => ({ status: 'none' }),
  evolve: (_state, event) => ({
    status: 'referred',
    assessmentEventId: event.data.assessmentEventId,
    servicePactDueBy: event.data.servicePactDueBy,
  }),
  decide(command, state) {
    const { assessment } = command;
    if (!assessment.data.referrals.includes('employment-centre')) return [];
    if (state.status === 'referred') return [];
    const receivedOn = italianDate(command.now);
    return [
      {
        specversion: '1.0',
        id: command.eventId,
        source: command.source,
        type: 'EmploymentReferralReceived',
        time: command.now,
        subject: assessment.subject,
        datacontenttype: 'application/json',
        dataschema: dataSchemaOf(employmentReferralReceivedV1),
        ambito: assessment.ambito,
        personref: assessment.personref,
        legalbasis: assessment.legalbasis,
        ...(assessment.traceparent ? { traceparent: assessment.traceparent } : {}),
        data: {
          assessmentEventId: assessment.id,
          receivedOn,
          servicePactDueBy: addDays(receivedOn, SERVICE_PACT_DEADLINE_DAYS),
        },
      },
    ];
  },
};

/** Adds calendar days to an ISO date (YYYY-MM-DD), in UTC. */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The calendar date in Italy (Europe/Rome) of an instant: deadlines run on the Italian calendar. */
export function italianDate(instant: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(instant),
  );
}
