import { IllegalStateError, type EventData } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import type { OperationFacts } from '../operation/operation.state.js';
import { participationState, type ParticipationEventType, type ParticipationState } from '../participation/participation.state.js';

/** Enrol a person in a funded operation, with the ESF+ data at entry. */
export interface EnrolParticipant {
  type: 'EnrolParticipant';
  caseId: string;
  ambito: string;
  personRef: string;
  legalBasis: string;
  data: EventData<'ParticipantEnrolledInOperation'>;
  /**
   * The operation as its own stream showed it just before: this decider sees
   * only the participation's stream, so whoever builds the command reads the
   * operation's (the route; `recordEvents`, through the recorder's
   * `dependsOn`, for an enrolment an agency system publishes). Undefined when
   * nothing is recorded of the operation yet.
   */
  operation: OperationFacts | undefined;
}

/**
 * A person is enrolled once per case, in an operation not closed, under the
 * CUP the operation is recorded with. The operation is as read just before
 * the enrolment is appended, on another stream: a closure appended in
 * between (a concurrent request, or the same batch of POST /events) is not
 * seen, so an enrolment may land just after the closure it raced. The
 * closure does not read the participations; what holds is that no enrolment
 * is decided on an operation already read as closed.
 */
export const enrolParticipantDecider: Decider<EnrolParticipant, ParticipationState, ParticipationEventType> = {
  ...participationState,
  decide(command, state) {
    if (state.status !== 'none') {
      throw new IllegalStateError(`case ${command.caseId} is already enrolled in operation ${state.operation.projectCode} (since ${state.operation.entryDate})`);
    }
    const { operation, data } = command;
    if (operation?.closedOn !== undefined) throw new IllegalStateError(`operation ${data.projectCode} was closed on ${operation.closedOn}: it enrols no one`);
    if (operation && operation.cup !== data.cup) throw new IllegalStateError(`cup: operation ${data.projectCode} has CUP ${operation.cup}, not ${data.cup}`);
    return [{ type: 'ParticipantEnrolledInOperation', data }];
  },
  // The enrolment says whose participation it is; every later event repeats it from the state.
  streamIdentity: (_state, command) => ({ subject: command.caseId, ambito: command.ambito, personref: command.personRef, legalbasis: command.legalBasis }),
};
