import { operationClosedV1, participantEnrolledInOperationV1, type EventData, type EventType, type HubEvent } from '@traiettorie/contracts';
import { recorder, type Decider, type EventRecorder, type StreamIdentity } from '@traiettorie/command-handling';
import { closeOperationDecider } from './close-operation/close-operation.decider.js';
import { declareExpenditureDecider } from './declare-expenditure/declare-expenditure.decider.js';
import { enrolParticipantDecider } from './enrol-participant/enrol-participant.decider.js';
import { leaveOperationDecider } from './leave-operation/leave-operation.decider.js';
import { operationFactsOf, operationStream } from './operation/operation.state.js';
import { participationStream } from './participation/participation.state.js';
import { situationUponLeavingDecider } from './situation-upon-leaving/situation-upon-leaving.decider.js';
import { sixMonthFollowUpDecider } from './six-month-follow-up/six-month-follow-up.decider.js';

/**
 * How the programme office records an event an agency system publishes as it
 * is (POST /events, an inbound topic): the same deciders as its routes. An
 * enrolment depends on its operation's stream, which `recordEvents` reads for
 * it as the route does: an operation already closed enrols no one.
 */

/**
 * A slice's decider as a recorder holds it: typed on every event type, since
 * the events service hands it a stream's stored events whatever their type
 * (on this office's streams, only the types the decider folds).
 */
const onAnyEvent = <Command, State, Type extends EventType>(decider: Decider<Command, State, Type>) => decider as unknown as Decider<Command, State, EventType>;

const identityOf = (event: HubEvent): StreamIdentity => ({ subject: event.subject, ambito: event.ambito, personref: event.personref, legalbasis: event.legalbasis });

/** The enrolment of the operation's example: a history that the events below may follow. */
const enrolled = { type: 'ParticipantEnrolledInOperation', data: participantEnrolledInOperationV1.example } as const;

export const programmeRecorders: EventRecorder[] = [
  recorder({
    type: 'ParticipantEnrolledInOperation',
    decider: onAnyEvent(enrolParticipantDecider),
    stream: (event) => participationStream(event.subject),
    dependsOn: (event) => operationStream((event.data as EventData<'ParticipantEnrolledInOperation'>).projectCode),
    command: (event, operation = []) => ({
      type: 'EnrolParticipant',
      caseId: event.subject,
      ambito: event.ambito,
      personRef: event.personref,
      legalBasis: event.legalbasis,
      data: event.data as EventData<'ParticipantEnrolledInOperation'>,
      operation: operationFactsOf(operation),
    }),
    usuallyOpensStream: true,
    // A second enrolment of the same case.
    outOfOrder: [enrolled],
  }),
  recorder({
    type: 'ParticipantLeftOperation',
    decider: onAnyEvent(leaveOperationDecider),
    stream: (event) => participationStream(event.subject),
    command: (event) => ({ type: 'LeaveOperation', caseId: event.subject, data: event.data as EventData<'ParticipantLeftOperation'> }),
    // Leaving an operation the person never entered.
    outOfOrder: [],
  }),
  recorder({
    type: 'SituationUponLeaving',
    decider: onAnyEvent(situationUponLeavingDecider),
    stream: (event) => participationStream(event.subject),
    command: (event) => ({ type: 'RecordSituationUponLeaving', caseId: event.subject, data: event.data as EventData<'SituationUponLeaving'> }),
    // Enrolled, not left: no situation upon leaving yet.
    outOfOrder: [enrolled],
  }),
  recorder({
    type: 'SixMonthFollowUpRecorded',
    decider: onAnyEvent(sixMonthFollowUpDecider),
    stream: (event) => participationStream(event.subject),
    command: (event) => ({ type: 'RecordSixMonthFollowUp', caseId: event.subject, data: event.data as EventData<'SixMonthFollowUpRecorded'> }),
    // A follow-up before the exit.
    outOfOrder: [enrolled],
  }),
  recorder({
    type: 'ExpenditureDeclared',
    decider: onAnyEvent(declareExpenditureDecider),
    stream: (event) => operationStream((event.data as EventData<'ExpenditureDeclared'>).projectCode),
    command: (event) => {
      const data = event.data as EventData<'ExpenditureDeclared'>;
      return { type: 'DeclareExpenditure', projectCode: data.projectCode, identity: identityOf(event), data };
    },
    usuallyOpensStream: true,
    // A declaration after the operation's closure.
    outOfOrder: [{ type: 'OperationClosed', data: operationClosedV1.example }],
  }),
  recorder({
    type: 'OperationClosed',
    decider: onAnyEvent(closeOperationDecider),
    stream: (event) => operationStream((event.data as EventData<'OperationClosed'>).projectCode),
    command: (event) => {
      const data = event.data as EventData<'OperationClosed'>;
      return { type: 'CloseOperation', projectCode: data.projectCode, identity: identityOf(event), data };
    },
    usuallyOpensStream: true,
    // Closing it twice.
    outOfOrder: [{ type: 'OperationClosed', data: operationClosedV1.example }],
  }),
];
