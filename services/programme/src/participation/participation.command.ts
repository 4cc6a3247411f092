import type { Decider } from '@traiettorie/command-handling';
import { commandOnCaseRecord, type CaseRecordCommandRequest, type CommandHandling } from '@traiettorie/nest-kit';
import type { ParticipationCommandAccepted } from '../programme.http.js';
import { participationStream, type ParticipationEventType, type ParticipationState } from './participation.state.js';

/** Runs a command on an existing participation's stream from a route (see `commandOnCaseRecord`). */
export function commandOnParticipation<Command>(
  commands: CommandHandling,
  decider: Decider<Command, ParticipationState, ParticipationEventType>,
  request: Omit<CaseRecordCommandRequest<Command>, 'stream'>,
): Promise<ParticipationCommandAccepted> {
  return commandOnCaseRecord(commands, decider, { ...request, stream: participationStream });
}
