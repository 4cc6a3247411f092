import {
  didRegisteredV1,
  employmentReferralReceivedV1,
  employmentStartedV1,
  servicePactSignedV1,
  tirocinioPlacementRequestedV1,
  type EventData,
  type EventType,
  type HubEvent,
} from '@traiettorie/contracts';
import { recorder, type Decider, type DomainEvent, type EventRecorder } from '@traiettorie/command-handling';
import { completeProfilingDecider } from './complete-profiling/complete-profiling.decider.js';
import { completeTrainingDecider } from './complete-training/complete-training.decider.js';
import { employmentStream, type EmploymentEventType, type EmploymentState } from './employment/employment.state.js';
import { endTirocinioDecider } from './end-tirocinio/end-tirocinio.decider.js';
import { enrolTrainingDecider } from './enrol-training/enrol-training.decider.js';
import { requestTirocinioPlacementDecider } from './request-tirocinio-placement/request-tirocinio-placement.decider.js';
import { recordReferralDecider } from './record-referral/record-referral.decider.js';
import { registerDidDecider } from './register-did/register-did.decider.js';
import { respondJobOfferDecider } from './respond-job-offer/respond-job-offer.decider.js';
import { signServicePactDecider } from './sign-service-pact/sign-service-pact.decider.js';
import { startEmploymentDecider } from './start-employment/start-employment.decider.js';
import { startTirocinioDecider } from './start-tirocinio/start-tirocinio.decider.js';

/** The histories the out-of-order cases are made of: the contracts' examples, in the pathway's order. */
const referral: DomainEvent = { type: 'EmploymentReferralReceived', data: employmentReferralReceivedV1.example };
const did: DomainEvent = { type: 'DIDRegistered', data: didRegisteredV1.example };
const psp: DomainEvent = { type: 'ServicePactSigned', data: servicePactSignedV1.example };

/**
 * A recorder whose command is the route's: `{ type, caseId, data }` on the
 * person's employment stream, `employment-<subject>`.
 */
function onEmploymentStream<Type extends EmploymentEventType, Name extends string>(
  type: Type,
  name: Name,
  decider: Decider<{ type: Name; caseId: string; data: EventData<Type> }, EmploymentState, EmploymentEventType>,
  outOfOrder: readonly DomainEvent[],
): EventRecorder {
  return recorder({
    type,
    decider: decider as Decider<{ type: Name; caseId: string; data: EventData<Type> }, EmploymentState, EventType>,
    stream: (event: HubEvent) => employmentStream(event.subject),
    command: (event: HubEvent) => ({ type: name, caseId: event.subject, data: event.data as EventData<Type> }),
    outOfOrder,
  });
}

/**
 * Every event type the employment centre records, each by the decider of its
 * route, for the events service (POST /events and the inbound topics): an
 * agency system's event is recorded as the CPI's own command would record it.
 */
export const employmentCentreRecorders: EventRecorder[] = [
  recorder({
    type: 'EmploymentReferralReceived',
    decider: recordReferralDecider as Decider<Parameters<typeof recordReferralDecider.decide>[0], EmploymentState, EventType>,
    stream: (event) => employmentStream(event.subject),
    command: (event) => ({
      type: 'RecordReferral',
      caseId: event.subject,
      identity: { ambito: event.ambito, personref: event.personref, legalbasis: event.legalbasis },
      data: event.data as EventData<'EmploymentReferralReceived'>,
    }),
    usuallyOpensStream: true,
    // A person is referred once.
    outOfOrder: [referral],
  }),
  // A DID once; profiling and the PSP after the DID; training and tirocini after the PSP; an offer answered after the DID.
  onEmploymentStream('DIDRegistered', 'RegisterDid', registerDidDecider, [referral, did]),
  onEmploymentStream('ProfilingCompleted', 'CompleteProfiling', completeProfilingDecider, [referral]),
  onEmploymentStream('ServicePactSigned', 'SignServicePact', signServicePactDecider, [referral]),
  onEmploymentStream('TrainingEnrolled', 'EnrolTraining', enrolTrainingDecider, [referral, did]),
  // A course ends only after the enrolment in it; a tirocinio ends only after it started.
  onEmploymentStream('TrainingCompleted', 'CompleteTraining', completeTrainingDecider, [referral, did, psp]),
  onEmploymentStream('TirocinioStarted', 'StartTirocinio', startTirocinioDecider, [referral, did]),
  onEmploymentStream('TirocinioEnded', 'EndTirocinio', endTirocinioDecider, [referral, did, psp]),
  onEmploymentStream('JobOfferResponded', 'RespondJobOffer', respondJobOfferDecider, [referral]),
  // The same contract is recorded once.
  onEmploymentStream('EmploymentStarted', 'StartEmployment', startEmploymentDecider, [referral, { type: 'EmploymentStarted', data: employmentStartedV1.example }]),
  // A pact's tirocinio is requested once, after the referral.
  onEmploymentStream('TirocinioPlacementRequested', 'RecordTirocinioPlacementRequest', requestTirocinioPlacementDecider, [
    referral,
    { type: 'TirocinioPlacementRequested', data: tirocinioPlacementRequestedV1.example },
  ]),
];
