import { applyDecorators, HttpCode, Post } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiParam } from '@nestjs/swagger';
import type { Caller } from '@traiettorie/access';
import type { Decider } from '@traiettorie/command-handling';
import { caseId as caseIdSchema, parseOrThrow, type EventType } from '@traiettorie/contracts';
import { z } from 'zod';
import type { CommandHandling } from './command-handling.js';
import { ApiProblems, ApiZodBody, ApiZodResponse, type ApiExample } from './zod-openapi.js';

/**
 * A kind of record that takes commands by route, `POST /<path>/:<param>/<route>`
 * (a case, a referral, a participation, an agency's record of a case), as its
 * OpenAPI document describes it.
 */
export interface CommandResource {
  /** Where its records are, e.g. `cases`: its controllers' path. */
  path: string;
  /** The path parameter naming one record; `caseId`, a uuid, unless said otherwise. */
  param: { name: string; description: string; schema?: { type: 'string'; format?: string } };
  /** The If-Match header: the version last seen. */
  ifMatch: string;
  /** The answer to a command, with 201. */
  response: z.ZodType;
  /** The ETag header of that answer: the version after the command. */
  etag: string;
}

/** One command route on a resource's record. */
export interface CommandRouteOptions {
  /** Below the record, e.g. `pact`; empty for the record itself. */
  path: string;
  operationId: string;
  /** Names the event type it appends in parentheses, e.g. `Record the consent (ConsentRecorded)`. */
  summary: string;
  description?: string;
  request: z.ZodType;
  /** Examples a Swagger UI user can send as they are. */
  examples: Record<string, ApiExample>;
  /** What the 201 answer means, e.g. `The pact is recorded`. */
  recorded: string;
}

/**
 * A command route on a resource's record, `POST /<path>/:<param>/<route.path>`:
 * 201 with the record's version as ETag, If-Match honoured, the problems a
 * command can answer (403 when the door or the caller's Ambito refuses it),
 * the request documented from its zod schema with its examples.
 */
export function CommandRoute(resource: CommandResource, route: CommandRouteOptions): MethodDecorator {
  const { param } = resource;
  return applyDecorators(
    Post(route.path === '' ? `:${param.name}` : `:${param.name}/${route.path}`),
    HttpCode(201),
    ApiOperation({ operationId: route.operationId, summary: route.summary, ...(route.description ? { description: route.description } : {}) }),
    ApiParam({ name: param.name, description: param.description, schema: param.schema ?? { type: 'string', format: 'uuid' } }),
    ApiHeader({ name: 'If-Match', required: false, description: resource.ifMatch, schema: { type: 'string' } }),
    ApiZodBody(route.request, { examples: route.examples }),
    ApiZodResponse(201, resource.response, { description: route.recorded, headers: { ETag: { description: resource.etag } } }),
    ApiProblems(400, 403, 404, 409, 415, 422),
  );
}

/** The answer to a command on a record of a case: the case, the record's version (the ETag) and the events appended. */
export function caseRecordCommandResponse(describe: { version: string; events: string; eventId?: string }) {
  return z.strictObject({
    caseId: z.uuid(),
    version: z.int().min(1).describe(describe.version),
    events: z.array(z.strictObject({ id: describe.eventId ? z.uuid().describe(describe.eventId) : z.uuid(), type: z.string() })).describe(describe.events),
  });
}
export type CaseRecordCommandAccepted = z.output<ReturnType<typeof caseRecordCommandResponse>>;

/** A command on the record `stream(caseId)` of a case, from a route. */
export interface CaseRecordCommandRequest<Command> {
  by: Caller;
  caseId: string;
  stream: (caseId: string) => string;
  expectedVersion: number | undefined;
  command: (caseId: string) => Command;
}

/**
 * Runs a route's command on the record `stream(caseId)` of a case: the case
 * id is checked first (422 naming it), then the command built (its body
 * parsed), then handled with the caller's If-Match expectation.
 */
export async function commandOnCaseRecord<Command, State, Type extends EventType>(
  commands: CommandHandling,
  decider: Decider<Command, State, Type>,
  request: CaseRecordCommandRequest<Command>,
): Promise<CaseRecordCommandAccepted> {
  const caseId = parseOrThrow(caseIdSchema, request.caseId, 'case id');
  const { version, events } = await commands.handle(decider, {
    by: request.by,
    stream: request.stream(caseId),
    command: request.command(caseId),
    expectedVersion: request.expectedVersion,
  });
  return { caseId, version, events: events.map(({ id, type }) => ({ id, type })) };
}
