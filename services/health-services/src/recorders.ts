import { consentRecordedV1, type EventData, type EventType, type HubEvent } from '@traiettorie/contracts';
import { recorder, type Decider, type EventRecorder } from '@traiettorie/command-handling';
import { assessActivityFitnessDecider } from './assess-activity-fitness/assess-activity-fitness.decider.js';
import { changeCarePathStatusDecider } from './change-care-path-status/change-care-path-status.decider.js';
import { anonymousHealthStream, healthStream, type HealthEventType, type HealthState, type PersonIdentity } from './health-record/health-record.state.js';
import { involveSpecialistServiceDecider, type InvolveAnonymously, type InvolveSpecialistService } from './involve-specialist-service/involve-specialist-service.decider.js';
import { recordConsentDecider } from './record-consent/record-consent.decider.js';
import { withdrawConsentDecider } from './withdraw-consent/withdraw-consent.decider.js';

/** The identity a posted event's envelope names: the decider checks it against the record's (or opens the record with it). */
const identityOf = (event: HubEvent): PersonIdentity => ({ ambito: event.ambito, personRef: event.personref, legalBasis: event.legalbasis });

/** A slice's decider as a recorder holds it: over the catalogue's event types (the events service checks the one decided). */
const recording = <Command>(decider: Decider<Command, HealthState, HealthEventType>) => decider as unknown as Decider<Command, HealthState, EventType>;

/** "Record this event as it is" on the case's health record: the command its route would build. */
function onCase<Name extends string, Type extends HealthEventType>(name: Name, event: HubEvent) {
  return { type: name, caseId: event.subject, identity: identityOf(event), data: event.data as EventData<Type> };
}

/**
 * How the health services record each of their event types when an agency
 * system publishes it (POST /events, an inbound topic): the same deciders as
 * the routes, on `health-<caseId>`, or `health-anon-<subject>` for an
 * anonymous involvement. `outOfOrder`: a history after which the contract's
 * example event is refused.
 */
export const healthServicesRecorders: EventRecorder[] = [
  recorder({
    type: 'ConsentRecorded',
    decider: recording(recordConsentDecider),
    stream: (event) => healthStream(event.subject),
    command: (event) => onCase<'RecordConsent', 'ConsentRecorded'>('RecordConsent', event),
    usuallyOpensStream: true,
    // The same consent, already recorded.
    outOfOrder: [{ type: 'ConsentRecorded', data: consentRecordedV1.example }],
  }),
  recorder({
    type: 'ConsentWithdrawn',
    decider: recording(withdrawConsentDecider),
    stream: (event) => healthStream(event.subject),
    command: (event) => onCase<'WithdrawConsent', 'ConsentWithdrawn'>('WithdrawConsent', event),
    // A consent never recorded.
    outOfOrder: [],
  }),
  recorder({
    type: 'SpecialistServiceInvolved',
    decider: recording(involveSpecialistServiceDecider),
    stream: (event) => ((event.data as { anonymous: boolean }).anonymous ? anonymousHealthStream(event.subject) : healthStream(event.subject)),
    command: (event): InvolveSpecialistService | InvolveAnonymously => {
      const data = event.data as EventData<'SpecialistServiceInvolved'>;
      if (data.anonymous) {
        return { type: 'InvolveAnonymously', anonymousId: event.subject, anonymousRef: event.personref, ambito: event.ambito, legalBasis: event.legalbasis, data };
      }
      return { type: 'InvolveSpecialistService', caseId: event.subject, identity: identityOf(event), data };
    },
    // The example shares the CPS's category under a consent the empty record never recorded.
    outOfOrder: [],
  }),
  recorder({
    type: 'ActivityFitnessAssessed',
    decider: recording(assessActivityFitnessDecider),
    stream: (event) => healthStream(event.subject),
    command: (event) => onCase<'AssessActivityFitness', 'ActivityFitnessAssessed'>('AssessActivityFitness', event),
    // No specialist service involved yet.
    outOfOrder: [],
  }),
  recorder({
    type: 'CarePathStatusChanged',
    decider: recording(changeCarePathStatusDecider),
    stream: (event) => healthStream(event.subject),
    command: (event) => onCase<'ChangeCarePathStatus', 'CarePathStatusChanged'>('ChangeCarePathStatus', event),
    // No involvement, no consent.
    outOfOrder: [],
  }),
];

/** The event types the health services record. */
export const healthRecordedTypes = healthServicesRecorders.map((r) => r.type);
