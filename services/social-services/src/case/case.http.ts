import { caseRecordCommandResponse, commandOnCaseRecord, CommandRoute, type CaseRecordCommandAccepted, type CaseRecordCommandRequest, type CommandHandling, type CommandResource, type CommandRouteOptions } from '@traiettorie/nest-kit';
import type { Decider } from '@traiettorie/command-handling';
import { z } from 'zod';
import { caseStream, type CaseEventType, type CaseState } from './case.state.js';

/** What the case routes share: the path parameter, the command answer and their OpenAPI descriptions. */
export const caseIdParam = z.uuid();

/** What a command answers: the case, its stream version (also the ETag) and the events it appended. */
export const commandAcceptedResponse = caseRecordCommandResponse({
  version: "the case stream's version after the command; the ETag",
  events: 'the events appended, usually one',
  eventId: 'await it on the read model with `GET /cases/{caseId}?waitFor=<id>`',
});
export type CommandAccepted = CaseRecordCommandAccepted;

/** The answer to a command on a case: its version and the events appended. */
export function commandAccepted(caseId: string, result: { version: number; events: readonly { id: string; type: string }[] }): CommandAccepted {
  return { caseId, version: result.version, events: result.events.map((e) => ({ id: e.id, type: e.type })) };
}

export const etagHeader = { ETag: { description: 'the case stream\'s version after the command, e.g. `"2"`: send it back as If-Match' } };

export const caseIdPath = { name: 'caseId', description: 'the `caseId` returned by `POST /cases`', schema: { type: 'string', format: 'uuid' } } as const;

/** A case of the social services, `/cases/:caseId`: how the commands on it are documented. */
export const cases: CommandResource = {
  path: 'cases',
  param: caseIdPath,
  ifMatch: 'the ETag (stream version) last seen, e.g. `"1"`; the command is refused with 409 if the case changed since',
  response: commandAcceptedResponse,
  etag: etagHeader.ETag.description,
};

/** A command route on an existing case, `POST /cases/:caseId/<path>` (see `CommandRoute`). */
export function CaseCommandRoute(route: CommandRouteOptions): MethodDecorator {
  return CommandRoute(cases, route);
}

/** Runs a command on an existing case's stream from a route (see `commandOnCaseRecord`). */
export function commandOnCase<Command>(
  commands: CommandHandling,
  decider: Decider<Command, CaseState, CaseEventType>,
  request: Omit<CaseRecordCommandRequest<Command>, 'stream'>,
): Promise<CommandAccepted> {
  return commandOnCaseRecord(commands, decider, { ...request, stream: caseStream });
}
