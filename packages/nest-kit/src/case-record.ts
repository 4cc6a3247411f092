import { applyDecorators, Body, Controller, HttpCode, Param, Post, UseInterceptors, type Type as Class } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Caller } from '@traiettorie/access';
import type { Decider } from '@traiettorie/command-handling';
import { ambitoCode, caseId as caseIdSchema, parseOrThrow, personRef, ValidationError, type EventType } from '@traiettorie/contracts';
import { z } from 'zod';
import { CommandHandling } from './command-handling.js';
import { CurrentCaller } from './door.js';
import { ExpectedVersion, VersionETagInterceptor } from './if-match.js';
import { ApiProblems, ApiZodBody, ApiZodResponse, type ApiExample } from './zod-openapi.js';

/*
 * An agency's own record of a case that the social services opened (the
 * health services' `health-<caseId>`, the third sector's `delivery-<caseId>`):
 * its first event names whose case it is, as `POST /cases` took it; later
 * ones may repeat it, and the record's decider checks it is the same.
 */

/** The identity fields a command on an agency's record of a case may carry. */
export const caseIdentityRequest = {
  ambito: ambitoCode.optional().describe("the case's Ambito; required on the first event of this agency's record of the case"),
  personRef: personRef.optional().describe("the case's pseudonymous person reference; required on the first event of this agency's record of the case"),
  legalBasis: z.string().min(1).max(120).optional().describe("the case's legal basis; `DL-48-2023` when omitted"),
};

/** Whose case it is, as a request names it. */
export interface CaseIdentity {
  ambito: string;
  personRef: string;
  legalBasis: string;
}

/** Splits a parsed request into the case identity it names, if any (ambito and personRef together), and the event's data. */
export function caseIdentityAndData<Body extends { ambito?: string; personRef?: string; legalBasis?: string }>(
  body: Body,
): { identity?: CaseIdentity; data: Omit<Body, 'ambito' | 'personRef' | 'legalBasis'> } {
  const { ambito, personRef: person, legalBasis, ...data } = body;
  if (ambito === undefined && person === undefined && legalBasis === undefined) return { data };
  if (ambito === undefined || person === undefined) {
    const path = ambito === undefined ? 'ambito' : 'personRef';
    throw new ValidationError([{ path, rule: 'identity-complete', message: "a case's identity is its ambito and personRef together (and legalBasis)" }], 'request body');
  }
  return { identity: { ambito, personRef: person, legalBasis: legalBasis ?? 'DL-48-2023' }, data };
}

/** The answer to a command on an agency's record of a case: the record's version (the ETag) and the events it appended. */
export const caseRecordCommandResponse = z.strictObject({
  caseId: z.uuid(),
  version: z.int().min(1).describe("the version of this agency's record of the case after the command; the ETag"),
  events: z.array(z.strictObject({ id: z.uuid(), type: z.string() })).describe('the events appended'),
});
export type CaseRecordCommandAccepted = z.output<typeof caseRecordCommandResponse>;

/** `POST /cases/:caseId/<path>` on an agency's record of a case: 201 with the version as ETag, If-Match honoured, documented from zod. */
export interface CaseRecordRoute {
  path: string;
  operationId: string;
  /** Names the event type it appends in parentheses, e.g. `Record the consent (ConsentRecorded)`. */
  summary: string;
  description: string;
  request: z.ZodType;
  examples: Record<string, ApiExample>;
  recorded: string;
}

export function CaseRecordCommandRoute(route: CaseRecordRoute): MethodDecorator {
  return applyDecorators(
    Post(`:caseId/${route.path}`),
    HttpCode(201),
    ApiOperation({ operationId: route.operationId, summary: route.summary, description: route.description }),
    ApiParam({ name: 'caseId', description: "the social services' case id (`POST /cases`)", schema: { type: 'string', format: 'uuid' } }),
    ApiHeader({ name: 'If-Match', required: false, description: 'the ETag (record version) last seen; 409 if the record changed since', schema: { type: 'string' } }),
    ApiZodBody(route.request, { examples: route.examples }),
    ApiZodResponse(201, caseRecordCommandResponse, {
      description: route.recorded,
      headers: { ETag: { description: 'the version of the record after the command, e.g. `"2"`: send it back as If-Match' } },
    }),
    ApiProblems(400, 403, 404, 409, 415, 422),
  );
}

/** Runs a route's command on the record `stream(caseId)`: the case id checked first, then the command built (its body parsed). */
export async function commandOnCaseRecord<Command, State, Type extends EventType>(
  commands: CommandHandling,
  decider: Decider<Command, State, Type>,
  request: { by: Caller; caseId: string; stream: (caseId: string) => string; expectedVersion: number | undefined; command: (caseId: string) => Command },
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

type IdentityFields = 'ambito' | 'personRef' | 'legalBasis';

/** A command slice's controller on an agency's record of a case: its one route, `record`. */
export interface CaseRecordCommandHandler {
  record(caseId: string, expectedVersion: number | undefined, caller: Caller, body: unknown): Promise<CaseRecordCommandAccepted>;
}

/**
 * A command slice's route on an agency's record of a case, as a controller
 * class: `POST /cases/:caseId/<path>` parses the body with `route.request`,
 * splits off the case identity, builds the command (given the caller, for a
 * rule on who records) and runs it on `stream(caseId)` for the caller (the
 * door's checks, If-Match, ETag).
 */
export function caseRecordCommandController<Request extends z.ZodType, Command, State, Type extends EventType>(slice: {
  tag: string;
  stream: (caseId: string) => string;
  decider: Decider<Command, State, Type>;
  route: CaseRecordRoute & { request: Request };
  command: (caseId: string, request: { identity?: CaseIdentity; data: Omit<z.output<Request>, IdentityFields> }, caller: Caller) => Command;
}): Class<CaseRecordCommandHandler> & (new (commands: CommandHandling) => CaseRecordCommandHandler) {
  @ApiTags(slice.tag)
  @Controller('cases')
  @UseInterceptors(VersionETagInterceptor)
  class CaseRecordCommandController implements CaseRecordCommandHandler {
    constructor(readonly commands: CommandHandling) {}

    @CaseRecordCommandRoute(slice.route)
    record(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<CaseRecordCommandAccepted> {
      return commandOnCaseRecord(this.commands, slice.decider, {
        by: caller,
        caseId,
        stream: slice.stream,
        expectedVersion,
        command: (id) => slice.command(id, caseIdentityAndData(parseOrThrow(slice.route.request, body, 'request body') as z.output<Request> & object), caller),
      });
    }
  }
  return CaseRecordCommandController;
}
