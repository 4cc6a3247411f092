import { caseId as caseIdSchema, parseOrThrow, projectCode as projectCodeSchema } from '@traiettorie/contracts';
import { caseRecordCommandResponse, CommandRoute, type CaseRecordCommandAccepted, type CommandResource, type CommandRouteOptions } from '@traiettorie/nest-kit';
import { z } from 'zod';

/** What the programme office's routes share: path parameters, the command answers and their OpenAPI descriptions. */

/** What a command on a participation answers. */
export const participationCommandResponse = caseRecordCommandResponse({
  version: "the stream's version after the command; the ETag",
  events: 'the events appended, usually one',
});
export type ParticipationCommandAccepted = CaseRecordCommandAccepted;

/** What a command on a funded operation answers. */
export const operationCommandResponse = z.strictObject({
  projectCode: z.string(),
  operationId: z.uuid().describe("the operation's id: the `subject` of its events"),
  version: participationCommandResponse.shape.version,
  events: participationCommandResponse.shape.events,
});
export type OperationCommandAccepted = z.output<typeof operationCommandResponse>;

/** The events appended, as a command answers them. */
export const appended = (events: readonly { id: string; type: string }[]) => events.map((e) => ({ id: e.id, type: e.type }));

export const caseIdPath = { name: 'caseId', description: 'the case id (from the social services\' `POST /cases`)', schema: { type: 'string', format: 'uuid' } } as const;
export const projectCodePath = { name: 'projectCode', description: 'the operation\'s project code, e.g. `AV3-2016-LOM-79`', schema: { type: 'string' } } as const;

/** A case id from the path, or 422 naming it. */
export const caseIdFrom = (value: string) => parseOrThrow(caseIdSchema, value, 'case id');
/** A project code from the path, or 422 naming it. */
export const projectCodeFrom = (value: string) => parseOrThrow(projectCodeSchema, value, 'project code');

/** What the If-Match and ETag headers of every programme command say. */
const versions = {
  ifMatch: 'the ETag (stream version) last seen, e.g. `"1"`; the command is refused with 409 if the stream changed since',
  etag: 'the stream\'s version after the command, e.g. `"2"`: send it back as If-Match',
};

/** A person's participation in a funded operation, `/participations/:caseId`. */
export const participations: CommandResource = { path: 'participations', param: caseIdPath, response: participationCommandResponse, ...versions };

/** A funded operation, `/operations/:projectCode`. */
export const operations: CommandResource = { path: 'operations', param: projectCodePath, response: operationCommandResponse, ...versions };

/** A command route of the programme office on a participation or an operation (see `CommandRoute`). */
export function ProgrammeCommandRoute({ on, ...route }: CommandRouteOptions & { on: 'participation' | 'operation' }): MethodDecorator {
  return CommandRoute(on === 'participation' ? participations : operations, route);
}
