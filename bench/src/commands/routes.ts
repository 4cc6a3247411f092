import {
  caseOpenedV1,
  consentRecordedV1,
  employmentReferralReceivedV1,
  participantEnrolledInOperationV1,
  serviceDeliveryStartedV1,
} from '@traiettorie/contracts';
import { randomUUID } from 'node:crypto';
import type { AgencyService } from '../e2e/hub-process.js';

export const AMBITO = 'LOM-SESTO-SAN-GIOVANNI';

/** A case the bench opens at the social services and every other agency then records something on. */
export interface BenchCase {
  caseId: string;
  personRef: string;
}

/** One command route of an agency service, repeatable on fresh cases: the i-th request on case `c`. */
export interface CommandRoute {
  service: AgencyService;
  /** The demo client that sends it (its kind owns the event type). */
  clientId: string;
  /** As the OpenAPI document names it. */
  route: string;
  /** The event type it appends. */
  event: string;
  /** What makes it realistic, for the report. */
  what: string;
  request(c: BenchCase): { path: string; body: unknown };
}

const { servicePactDueBy: _computed, ...referral } = employmentReferralReceivedV1.example;
const { supportId: _support, ...delivery } = serviceDeliveryStartedV1.example;

/**
 * The five services' routes, in the order the bench runs them: the social
 * services open each case first (with a case id the bench chose, as the route
 * allows), so the employment centre's hand-entered referral finds the case's
 * opening, and the other agencies' first events name the same person. The
 * bodies are the contracts' (and so the OpenAPI documents') examples with
 * fresh ids, as each route's examples say they may be sent.
 */
export const commandRoutes: readonly CommandRoute[] = [
  {
    service: 'social-services',
    clientId: 'ss-sesto',
    route: 'POST /cases',
    event: 'CaseOpened',
    what: 'opens a case (a new stream), caseId given',
    request: (c) => ({ path: '/cases', body: { caseId: c.caseId, ambito: AMBITO, personRef: c.personRef, ...caseOpenedV1.example, householdRef: `H-${c.personRef}` } }),
  },
  {
    service: 'employment-centre',
    clientId: 'cpi-sesto',
    route: 'POST /referrals/{caseId}',
    event: 'EmploymentReferralReceived',
    what: "a referral entered at the desk: reads the case's opening at the social services, opens employment-<caseId>",
    request: (c) => ({ path: `/referrals/${c.caseId}`, body: { ...referral, assessmentEventId: randomUUID() } }),
  },
  {
    service: 'health-services',
    clientId: 'cps-sesto',
    route: 'POST /cases/{caseId}/consents',
    event: 'ConsentRecorded',
    what: "a consent as the health record's first event (with the case's identity), opens health-<caseId>",
    request: (c) => ({ path: `/cases/${c.caseId}/consents`, body: { ambito: AMBITO, personRef: c.personRef, ...consentRecordedV1.example, consentId: randomUUID() } }),
  },
  {
    service: 'third-sector',
    clientId: 'ets-sesto',
    route: 'POST /cases/{caseId}/deliveries',
    event: 'ServiceDeliveryStarted',
    what: 'a delivery the partner starts on its own, first event with identity, opens delivery-<caseId>',
    request: (c) => ({ path: `/cases/${c.caseId}/deliveries`, body: { ambito: AMBITO, personRef: c.personRef, ...delivery, deliveryId: randomUUID() } }),
  },
  {
    service: 'programme',
    clientId: 'prog-sesto',
    route: 'POST /participations/{caseId}/enrolment',
    event: 'ParticipantEnrolledInOperation',
    what: "an enrolment in one funded operation: reads the operation's stream, opens participation-<caseId>",
    request: (c) => ({ path: `/participations/${c.caseId}/enrolment`, body: { ambito: AMBITO, personRef: c.personRef, ...participantEnrolledInOperationV1.example } }),
  },
];
