import { Body, Controller, Param, UseInterceptors, type Type as Class } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Caller } from '@traiettorie/access';
import type { Decider } from '@traiettorie/command-handling';
import { ambitoCode, caseId as caseIdSchema, parseOrThrow, personRef, ValidationError, type EventType, type HubEvent } from '@traiettorie/contracts';
import { z } from 'zod';
import { CommandHandling } from './command-handling.js';
import { caseRecordCommandResponse, commandOnCaseRecord, CommandRoute, type CaseRecordCommandAccepted, type CommandResource, type CommandRouteOptions } from './command-route.js';
import { CurrentCaller } from './door.js';
import { ExpectedVersion, VersionETagInterceptor } from './if-match.js';

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

/** An agency's own record of a case, under the social services' case id: how its command routes are documented. */
export const caseRecords: CommandResource = {
  path: 'cases',
  param: { name: 'caseId', description: "the social services' case id (`POST /cases`)" },
  ifMatch: 'the ETag (record version) last seen; 409 if the record changed since',
  response: caseRecordCommandResponse({
    version: "the version of this agency's record of the case after the command; the ETag",
    events: 'the events appended',
  }),
  etag: 'the version of the record after the command, e.g. `"2"`: send it back as If-Match',
};

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
  route: CommandRouteOptions & { request: Request };
  /**
   * Another stream the decision depends on, e.g. the case's `case-<caseId>`
   * for a delivery that must answer a support activated there: read just
   * before and handed to `command` (as `recordEvents` does for a recorder's
   * `dependsOn`, so a route and `POST /events` decide on the same facts).
   */
  dependsOn?: (caseId: string) => string;
  command: (
    caseId: string,
    request: { identity?: CaseIdentity; data: Omit<z.output<Request>, IdentityFields> },
    caller: Caller,
    dependency: readonly HubEvent[],
  ) => Command;
}): Class<CaseRecordCommandHandler> & (new (commands: CommandHandling) => CaseRecordCommandHandler) {
  @ApiTags(slice.tag)
  @Controller(caseRecords.path)
  @UseInterceptors(VersionETagInterceptor)
  class CaseRecordCommandController implements CaseRecordCommandHandler {
    constructor(readonly commands: CommandHandling) {}

    @CommandRoute(caseRecords, slice.route)
    async record(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<CaseRecordCommandAccepted> {
      const dependency = slice.dependsOn ? await this.commands.historyOf(slice.dependsOn(parseOrThrow(caseIdSchema, caseId, 'case id'))) : [];
      return commandOnCaseRecord(this.commands, slice.decider, {
        by: caller,
        caseId,
        stream: slice.stream,
        expectedVersion,
        command: (id) => slice.command(id, caseIdentityAndData(parseOrThrow(slice.route.request, body, 'request body') as z.output<Request> & object), caller, dependency),
      });
    }
  }
  return CaseRecordCommandController;
}
