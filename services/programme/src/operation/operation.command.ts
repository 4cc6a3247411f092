import type { Caller } from '@traiettorie/access';
import type { Decider, StreamIdentity } from '@traiettorie/command-handling';
import type { CommandHandling } from '@traiettorie/nest-kit';
import { appended, projectCodeFrom, type OperationCommandAccepted } from '../programme.http.js';
import { newOperationIdentity, operationIdOf, operationStream, type OperationEventType, type OperationState } from './operation.state.js';

/**
 * Runs a command on a funded operation from a route: the project code is
 * checked, the command built (its body parsed, with the identity a first
 * event of the operation takes: its id, an anonymous reference, the Ambito
 * named in the body), then handled on the operation's stream.
 */
export async function commandOnOperation<Command>(
  commands: CommandHandling,
  decider: Decider<Command, OperationState, OperationEventType>,
  request: {
    by: Caller;
    projectCode: string;
    expectedVersion: number | undefined;
    command: (projectCode: string, identity: (ambito: string, legalBasis?: string) => StreamIdentity) => Command;
  },
): Promise<OperationCommandAccepted> {
  const projectCode = projectCodeFrom(request.projectCode);
  const result = await commands.handle(decider, {
    by: request.by,
    stream: operationStream(projectCode),
    command: request.command(projectCode, (ambito, legalBasis) => newOperationIdentity(projectCode, ambito, legalBasis)),
    expectedVersion: request.expectedVersion,
  });
  return { projectCode, operationId: result.events[0]?.subject ?? operationIdOf(projectCode), version: result.version, events: appended(result.events) };
}
