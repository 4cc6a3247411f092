import { IllegalStateError } from '@traiettorie/contracts';
import type { Decider } from '@traiettorie/command-handling';
import {
  participationIdentity,
  participationState,
  requireParticipation,
  requireSameOperation,
  type ParticipationCommand,
  type ParticipationEventType,
  type ParticipationState,
} from '../participation/participation.state.js';

/**
 * Record that the person left the funded operation (date, reason). Not the
 * same as leaving a third-sector service (ParticipantExitRecorded, the
 * partner's record): a person may leave a service and stay in the operation.
 */
export type LeaveOperation = ParticipationCommand<'LeaveOperation', 'ParticipantLeftOperation'>;

/** A participant leaves once, the operation they entered, not before entering it. */
export const leaveOperationDecider: Decider<LeaveOperation, ParticipationState, ParticipationEventType> = {
  ...participationState,
  decide(command, state) {
    const existing = requireParticipation(state, command.caseId);
    if (existing.status === 'left') throw new IllegalStateError(`case ${command.caseId} already left operation ${existing.operation.projectCode} (on ${existing.exit.leftOn})`);
    requireSameOperation(existing, command.data, command.caseId);
    if (command.data.leftOn < existing.operation.entryDate) {
      throw new IllegalStateError(`leftOn: ${command.data.leftOn} is before the entry into the operation (${existing.operation.entryDate})`);
    }
    return [{ type: 'ParticipantLeftOperation', data: command.data }];
  },
  streamIdentity: (state, command) => participationIdentity(state, command.caseId),
};
