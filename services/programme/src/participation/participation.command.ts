import type { Caller } from '@traiettorie/access';
import type { Decider } from '@traiettorie/command-handling';
import type { CommandHandling } from '@traiettorie/nest-kit';
import { appended, caseIdFrom, type ParticipationCommandAccepted } from '../programme.http.js';
import { participationStream, type ParticipationEventType, type ParticipationState } from './participation.state.js';

/**
 * Runs a command on an existing participation from a route: the case id is
 * checked first, then the command is built (its body parsed), then it is
 * handled on the participation's stream with the caller's If-Match expectation.
 */
export async function commandOnParticipation<Command>(
  commands: CommandHandling,
  decider: Decider<Command, ParticipationState, ParticipationEventType>,
  request: { by: Caller; caseId: string; expectedVersion: number | undefined; command: (caseId: string) => Command },
): Promise<ParticipationCommandAccepted> {
  const caseId = caseIdFrom(request.caseId);
  const result = await commands.handle(decider, {
    by: request.by,
    stream: participationStream(caseId),
    command: request.command(caseId),
    expectedVersion: request.expectedVersion,
  });
  return { caseId, version: result.version, events: appended(result.events) };
}
