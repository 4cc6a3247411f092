import { applyDecorators, HttpCode, Post } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiParam } from '@nestjs/swagger';
import { caseId as caseIdSchema, parseOrThrow, projectCode as projectCodeSchema } from '@traiettorie/contracts';
import { ApiProblems, ApiZodBody, ApiZodResponse, type ApiExample } from '@traiettorie/nest-kit';
import { z } from 'zod';

/** What the programme office's routes share: path parameters, the command answers and their OpenAPI descriptions. */

const appendedEvents = z
  .array(z.strictObject({ id: z.uuid(), type: z.string() }))
  .describe('the events appended, usually one');
const streamVersion = z.int().min(1).describe("the stream's version after the command; the ETag");

/** What a command on a participation answers. */
export const participationCommandResponse = z.strictObject({ caseId: z.uuid(), version: streamVersion, events: appendedEvents });
export type ParticipationCommandAccepted = z.output<typeof participationCommandResponse>;

/** What a command on a funded operation answers. */
export const operationCommandResponse = z.strictObject({
  projectCode: z.string(),
  operationId: z.uuid().describe("the operation's id: the `subject` of its events"),
  version: streamVersion,
  events: appendedEvents,
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

const ifMatch = {
  name: 'If-Match',
  required: false,
  description: 'the ETag (stream version) last seen, e.g. `"1"`; the command is refused with 409 if the stream changed since',
  schema: { type: 'string' },
} as const;

/**
 * A command route of the programme office, `POST /<resource>/:<param>/<path>`:
 * 201 with the stream's version as ETag, If-Match honoured, the problems such
 * a command can answer, the request documented from its zod schema with its
 * examples, the summary naming the event type it appends.
 */
export function ProgrammeCommandRoute(options: {
  on: 'participation' | 'operation';
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  request: z.ZodType;
  examples: Record<string, ApiExample>;
  recorded: string;
}): MethodDecorator {
  const participation = options.on === 'participation';
  // Listed as they would be written above a method, applied as TypeScript applies those: bottom-up.
  const decorators = [
    Post(`:${participation ? 'caseId' : 'projectCode'}/${options.path}`),
    HttpCode(201),
    ApiOperation({ operationId: options.operationId, summary: options.summary, ...(options.description ? { description: options.description } : {}) }),
    ApiParam(participation ? caseIdPath : projectCodePath),
    ApiHeader(ifMatch),
    ApiZodBody(options.request, { examples: options.examples }),
    ApiZodResponse(201, participation ? participationCommandResponse : operationCommandResponse, {
      description: options.recorded,
      headers: { ETag: { description: 'the stream\'s version after the command, e.g. `"2"`: send it back as If-Match' } },
    }),
    ApiProblems(400, 404, 409, 415, 422),
  ];
  return applyDecorators(...decorators.reverse());
}
