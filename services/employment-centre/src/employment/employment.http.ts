import type { Caller } from '@traiettorie/access';
import { applyDecorators, HttpCode, Post } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiParam } from '@nestjs/swagger';
import type { Decider } from '@traiettorie/command-handling';
import { parseOrThrow } from '@traiettorie/contracts';
import { ApiProblems, ApiZodBody, ApiZodResponse, type ApiExample, type CommandHandling } from '@traiettorie/nest-kit';
import { z } from 'zod';
import { employmentStream, type EmploymentEventType, type EmploymentState } from './employment.state.js';

/** What every command on a person's CPI stream answers: the case, the stream's version (the ETag) and what was appended. */
export const recordedResponse = z.strictObject({
  caseId: z.uuid(),
  version: z.int().min(1).describe("the version of the person's employment stream after the command; the ETag"),
  events: z.array(z.strictObject({ id: z.uuid(), type: z.string() })).describe('the events appended, one per command'),
});
export type Recorded = z.output<typeof recordedResponse>;

/**
 * A command route on a referred person's stream, `POST /referrals/:caseId/<path>`:
 * 201 with the stream version as ETag, If-Match honoured, the request
 * documented from its zod schema with its examples, the summary naming the
 * event type it appends.
 */
export function ReferralCommandRoute(options: {
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  request: z.ZodType;
  examples: Record<string, ApiExample>;
  recorded: string;
}): MethodDecorator {
  // Listed as they would be written above a method, applied bottom-up as TypeScript applies those.
  const decorators = [
    Post(options.path === '' ? ':caseId' : `:caseId/${options.path}`),
    HttpCode(201),
    ApiOperation({ operationId: options.operationId, summary: options.summary, ...(options.description ? { description: options.description } : {}) }),
    ApiParam({ name: 'caseId', description: 'the case id of the referral (from the social services)', schema: { type: 'string', format: 'uuid' } }),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'the ETag (employment stream version) last seen, e.g. `"2"`; refused with 409 if the stream changed since',
      schema: { type: 'string' },
    }),
    ApiZodBody(options.request, { examples: options.examples }),
    ApiZodResponse(201, recordedResponse, {
      description: options.recorded,
      headers: { ETag: { description: 'the employment stream version after the command, e.g. `"3"`: send it back as If-Match' } },
    }),
    ApiProblems(400, 403, 404, 409, 415, 422),
  ];
  return applyDecorators(...decorators.reverse());
}

/**
 * Runs a command on a person's employment stream from a route: the case id
 * is checked first, then the command built (its body parsed), then handled
 * with the caller's If-Match expectation.
 */
export async function commandOnReferral<Command>(
  commands: CommandHandling,
  decider: Decider<Command, EmploymentState, EmploymentEventType>,
  request: { by: Caller; caseId: string; expectedVersion: number | undefined; command: (caseId: string) => Command },
): Promise<Recorded> {
  const caseId = parseOrThrow(z.uuid(), request.caseId, 'case id');
  const result = await commands.handle(decider, {
    by: request.by,
    stream: employmentStream(caseId),
    command: request.command(caseId),
    expectedVersion: request.expectedVersion,
  });
  return { caseId, version: result.version, events: result.events.map((e) => ({ id: e.id, type: e.type })) };
}
