import type { Caller } from '@traiettorie/access';
import { applyDecorators, HttpCode, Post } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiParam } from '@nestjs/swagger';
import type { Decider } from '@traiettorie/command-handling';
import { parseOrThrow } from '@traiettorie/contracts';
import { ApiProblems, ApiZodBody, ApiZodResponse, type ApiExample, type CommandHandling } from '@traiettorie/nest-kit';
import { z } from 'zod';
import { caseStream, type CaseEventType, type CaseState } from './case.state.js';

/** What the case routes share: the path parameter, the command answer and their OpenAPI descriptions. */
export const caseIdParam = z.uuid();

/** What a command answers: the case, its stream version (also the ETag) and the events it appended. */
export const commandAcceptedResponse = z.strictObject({
  caseId: z.uuid(),
  version: z.int().min(1).describe("the case stream's version after the command; the ETag"),
  events: z
    .array(z.strictObject({ id: z.uuid().describe('await it on the read model with `GET /cases/{caseId}?waitFor=<id>`'), type: z.string() }))
    .describe('the events appended, usually one'),
});
export type CommandAccepted = z.output<typeof commandAcceptedResponse>;

/** The answer to a command on a case: its version and the events appended. */
export function commandAccepted(caseId: string, result: { version: number; events: readonly { id: string; type: string }[] }): CommandAccepted {
  return { caseId, version: result.version, events: result.events.map((e) => ({ id: e.id, type: e.type })) };
}

export const etagHeader = { ETag: { description: 'the case stream\'s version after the command, e.g. `"2"`: send it back as If-Match' } };

export const ifMatchApiHeader = {
  name: 'If-Match',
  required: false,
  description: 'the ETag (stream version) last seen, e.g. `"1"`; the command is refused with 409 if the case changed since',
  schema: { type: 'string' },
} as const;

export const caseIdPath = { name: 'caseId', description: 'the `caseId` returned by `POST /cases`', schema: { type: 'string', format: 'uuid' } } as const;

/**
 * A command route on an existing case, `POST /cases/:caseId/<path>`: 201 with
 * the stream version as ETag, If-Match honoured, the problems such a command
 * can answer, the request documented from its zod schema with its examples.
 */
export function CaseCommandRoute(options: {
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  request: z.ZodType;
  examples: Record<string, ApiExample>;
  recorded: string;
}): MethodDecorator {
  // Listed as they would be written above a method, applied as TypeScript applies those: bottom-up.
  const decorators = [
    Post(`:caseId/${options.path}`),
    HttpCode(201),
    ApiOperation({ operationId: options.operationId, summary: options.summary, ...(options.description ? { description: options.description } : {}) }),
    ApiParam(caseIdPath),
    ApiHeader(ifMatchApiHeader),
    ApiZodBody(options.request, { examples: options.examples }),
    ApiZodResponse(201, commandAcceptedResponse, { description: options.recorded, headers: etagHeader }),
    ApiProblems(400, 404, 409, 415, 422),
  ];
  return applyDecorators(...decorators.reverse());
}

/**
 * Runs a command on an existing case from a route: the case id is checked
 * first, then the command is built (its body parsed), then it is handled on
 * the case's stream with the caller's If-Match expectation.
 */
export async function commandOnCase<Command>(
  commands: CommandHandling,
  decider: Decider<Command, CaseState, CaseEventType>,
  request: { by: Caller; caseId: string; expectedVersion: number | undefined; command: (caseId: string) => Command },
): Promise<CommandAccepted> {
  const id = parseOrThrow(caseIdParam, request.caseId, 'case id');
  const result = await commands.handle(decider, { by: request.by, stream: caseStream(id), command: request.command(id), expectedVersion: request.expectedVersion });
  return commandAccepted(id, result);
}
