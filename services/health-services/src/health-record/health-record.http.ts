import type { Caller } from '@traiettorie/access';
import { applyDecorators, HttpCode, Post } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiParam } from '@nestjs/swagger';
import type { Decider } from '@traiettorie/command-handling';
import { ambitoCode, caseId as caseIdSchema, parseOrThrow, personRef, ValidationError } from '@traiettorie/contracts';
import { ApiProblems, ApiZodBody, ApiZodResponse, type ApiExample, type CommandHandling } from '@traiettorie/nest-kit';
import { z } from 'zod';
import { healthStream, type HealthEventType, type HealthState, type PersonIdentity } from './health-record.state.js';

/**
 * Whose case it is, in a request on a case's health record: required on the
 * record's first event (as `POST /cases` takes it at the social services),
 * optional afterwards, and then it must be the record's own.
 */
export const identityRequest = {
  ambito: ambitoCode.optional().describe("the case's Ambito; required on the first event of the case's health record"),
  personRef: personRef.optional().describe("the case's pseudonymous person reference; required on the first event of the case's health record"),
  legalBasis: z.string().min(1).max(120).optional().describe('the legal basis of the case; `DL-48-2023` when omitted on the first event'),
};

export const defaultLegalBasis = 'DL-48-2023';

/** Splits a parsed request into the identity it names (if any) and the event's data. */
export function identityAndData<Data>(body: { ambito?: string; personRef?: string; legalBasis?: string } & Data): { identity?: PersonIdentity; data: Data } {
  const { ambito, personRef: person, legalBasis, ...data } = body;
  if (ambito === undefined && person === undefined && legalBasis === undefined) return { data: data as Data };
  const missing = (['ambito', 'personRef'] as const).filter((field) => (field === 'ambito' ? ambito : person) === undefined);
  if (missing.length > 0) {
    throw new ValidationError(
      missing.map((path) => ({ path, rule: 'identity-complete', message: 'the identity of a case is its ambito and personRef together (and legalBasis)' })),
      'request body',
    );
  }
  return { identity: { ambito: ambito!, personRef: person!, legalBasis: legalBasis ?? defaultLegalBasis }, data: data as Data };
}

/** What a command on a health record answers: the record's stream version (the ETag) and the events appended. */
export const healthCommandResponse = z.strictObject({
  caseId: z.uuid(),
  version: z.int().min(1).describe("the version of the case's health record (stream `health-<caseId>`) after the command; the ETag"),
  events: z.array(z.strictObject({ id: z.uuid(), type: z.string() })).describe('the events appended'),
});
export type HealthCommandAccepted = z.output<typeof healthCommandResponse>;

/**
 * `POST /cases/:caseId/<path>` on a case's health record: 201 with the
 * record's version as ETag, If-Match honoured, documented from its zod schema.
 */
export function HealthCommandRoute(route: {
  path: string;
  operationId: string;
  summary: string;
  description: string;
  request: z.ZodType;
  examples: Record<string, ApiExample>;
  recorded: string;
}): MethodDecorator {
  return applyDecorators(
    Post(`:caseId/${route.path}`),
    HttpCode(201),
    ApiOperation({ operationId: route.operationId, summary: route.summary, description: route.description }),
    ApiParam({ name: 'caseId', description: "the social services' case id (`POST /cases`)", schema: { type: 'string', format: 'uuid' } }),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'the ETag (health record version) last seen; 409 if the record changed since',
      schema: { type: 'string' },
    }),
    ApiZodBody(route.request, { examples: route.examples }),
    ApiZodResponse(201, healthCommandResponse, {
      description: route.recorded,
      headers: { ETag: { description: "the version of the case's health record after the command, e.g. `\"2\"`" } },
    }),
    ApiProblems(400, 403, 404, 409, 415, 422),
  );
}

/** Runs a command on the health record of a case from a route: the id checked, the body parsed, If-Match honoured. */
export async function commandOnHealthRecord<Command>(
  commands: CommandHandling,
  decider: Decider<Command, HealthState, HealthEventType>,
  request: { by: Caller; caseId: string; expectedVersion: number | undefined; command: (caseId: string) => Command },
): Promise<HealthCommandAccepted> {
  const caseId = parseOrThrow(caseIdSchema, request.caseId, 'case id');
  const { version, events } = await commands.handle(decider, {
    by: request.by,
    stream: healthStream(caseId),
    command: request.command(caseId),
    expectedVersion: request.expectedVersion,
  });
  return { caseId, version, events: events.map(({ id, type }) => ({ id, type })) };
}
