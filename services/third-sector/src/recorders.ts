import { serviceDeliveryExpectedV1, serviceDeliveryStartedV1, type EventData, type EventType, type HubEvent } from '@traiettorie/contracts';
import { recorder, type Decider, type EventRecorder } from '@traiettorie/command-handling';
import { caseStream, caseSupportsOf } from './delivery/case-supports.js';
import { deliveryStream, type DeliveryEventType, type DeliveryState } from './delivery/delivery.state.js';
import { expectServiceDeliveryDecider } from './expect-service-delivery/expect-service-delivery.decider.js';
import { recordAttendanceDecider } from './record-attendance/record-attendance.decider.js';
import { recordParticipantExitDecider } from './record-participant-exit/record-participant-exit.decider.js';
import { startServiceDeliveryDecider } from './start-service-delivery/start-service-delivery.decider.js';

/** A slice's decider as a recorder holds it: over the catalogue's event types (the events service checks the one decided). */
const recording = <Command>(decider: Decider<Command, DeliveryState, DeliveryEventType>) => decider as unknown as Decider<Command, DeliveryState, EventType>;

/**
 * "Record this event as it is" on the case's delivery record: the command its
 * route would build, the identity from the envelope, and who records it from
 * its source (which the events service checked is the caller's own agency).
 */
function asCommand<Name extends string, Type extends DeliveryEventType>(name: Name, event: HubEvent) {
  return {
    type: name,
    caseId: event.subject,
    identity: { ambito: event.ambito, personRef: event.personref, legalBasis: event.legalbasis },
    data: event.data as EventData<Type>,
    recordedBy: event.source,
  };
}

/**
 * How the third sector records each of its event types when an agency
 * system publishes it (POST /events, an inbound topic): the same deciders as
 * the routes, on `delivery-<caseId>`; an expectation and a start depend on
 * the case's stream (`case-<caseId>`), where the support they answer is activated.
 * `outOfOrder`: a history after which the
 * contract's example event is refused (the examples share one delivery id).
 */
export const thirdSectorRecorders: EventRecorder[] = [
  recorder({
    type: 'ServiceDeliveryExpected',
    decider: recording(expectServiceDeliveryDecider),
    stream: (event) => deliveryStream(event.subject),
    // The supports activated on the case: an expectation answers one, with its provider.
    dependsOn: (event) => caseStream(event.subject),
    command: (event, caseHistory = []) => ({
      ...asCommand<'ExpectServiceDelivery', 'ServiceDeliveryExpected'>('ExpectServiceDelivery', event),
      supports: caseSupportsOf(caseHistory),
    }),
    usuallyOpensStream: true,
    // The same support, already expected (a history with no case's stream: nor is it activated).
    outOfOrder: [{ type: 'ServiceDeliveryExpected', data: serviceDeliveryExpectedV1.example }],
  }),
  recorder({
    type: 'ServiceDeliveryStarted',
    decider: recording(startServiceDeliveryDecider),
    stream: (event) => deliveryStream(event.subject),
    // The supports activated on the case: a start naming a support not yet expected answers one, with its provider.
    dependsOn: (event) => caseStream(event.subject),
    command: (event, caseHistory = []) => ({
      ...asCommand<'StartServiceDelivery', 'ServiceDeliveryStarted'>('StartServiceDelivery', event),
      supports: caseSupportsOf(caseHistory),
    }),
    usuallyOpensStream: true,
    // The same delivery, already started.
    outOfOrder: [{ type: 'ServiceDeliveryStarted', data: serviceDeliveryStartedV1.example }],
  }),
  recorder({
    type: 'AttendanceRecorded',
    decider: recording(recordAttendanceDecider),
    stream: (event) => deliveryStream(event.subject),
    command: (event) => asCommand<'RecordAttendance', 'AttendanceRecorded'>('RecordAttendance', event),
    // A delivery never started.
    outOfOrder: [],
  }),
  recorder({
    type: 'ParticipantExitRecorded',
    decider: recording(recordParticipantExitDecider),
    stream: (event) => deliveryStream(event.subject),
    command: (event) => asCommand<'RecordParticipantExit', 'ParticipantExitRecorded'>('RecordParticipantExit', event),
    // A delivery never started.
    outOfOrder: [],
  }),
];
