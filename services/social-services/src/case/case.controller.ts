import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { caseStreamOf, caseStreamsOf, parseOrThrow, NotFoundError, type CloudEvent } from '@traiettorie/contracts';
import { handleCommand, toCloudEvent, type EventStore, type StoredEvent } from '@traiettorie/event-store';
import { ApiProblems, ApiZodBody, ApiZodResponse, EVENT_STORE } from '@traiettorie/nest-kit';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { SOCIAL_SERVICES_SOURCE } from '../config.js';
import { caseDecider, type CaseCommand, type CommandMeta } from './case.decider.js';
import {
  caseHistoryResponse,
  caseIdParam,
  commandAcceptedResponse,
  completeAssessmentExamples,
  completeAssessmentRequest,
  ifMatchHeader,
  openCaseExamples,
  openCaseRequest,
  signPactExamples,
  signPactRequest,
  type CommandAccepted,
} from './case.requests.js';

export const caseStream = (caseId: string) => caseStreamOf('social-services', caseId);

const etagHeader = { ETag: { description: 'the case stream\'s version after the command, e.g. `"2"`: send it back as If-Match' } };
const ifMatch = {
  name: 'If-Match',
  required: false,
  description: 'the ETag (stream version) last seen, e.g. `"1"`; the command is refused with 409 if the case changed since',
  schema: { type: 'string' },
} as const;
const caseIdPath = { name: 'caseId', description: 'the `caseId` returned by `POST /cases`', schema: { type: 'string', format: 'uuid' } } as const;

/**
 * The social service's commands on a case. Each becomes one event appended to
 * the case's stream; the response's ETag is the stream version, and sending it
 * back as If-Match makes the next command fail with 409 if someone else wrote since.
 */
@ApiTags('cases')
@Controller('cases')
export class CaseController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SOCIAL_SERVICES_SOURCE) private readonly source: string,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Open a case for a person referred to the social service (CaseOpened)',
    description: 'The case id is generated unless `caseId` is given; sending the same `caseId` again is refused with 409.',
  })
  @ApiZodBody(openCaseRequest, { examples: openCaseExamples })
  @ApiZodResponse(201, commandAcceptedResponse, {
    description: 'The case is open; `events[0].id` can be awaited on the read model (`GET /cases/{caseId}?waitFor=`)',
    headers: { ...etagHeader, Location: { description: 'the case, e.g. `/cases/<caseId>`' } },
  })
  @ApiProblems(400, 409, 415, 422)
  async open(@Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<CommandAccepted> {
    const { caseId = randomUUID(), ambito, personRef, legalBasis, ...data } = parseOrThrow(openCaseRequest, body, 'request body');
    const result = await this.run(res, caseId, undefined, (meta) => ({ type: 'OpenCase', meta, ambito, personRef, legalBasis, data }));
    res.location(`/cases/${caseId}`);
    return result;
  }

  @Post(':caseId/assessment')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record the completed assessment (AssessmentCompleted)' })
  @ApiParam(caseIdPath)
  @ApiHeader(ifMatch)
  @ApiZodBody(completeAssessmentRequest, { examples: completeAssessmentExamples })
  @ApiZodResponse(201, commandAcceptedResponse, { description: 'The assessment is recorded', headers: etagHeader })
  @ApiProblems(400, 404, 409, 415, 422)
  async completeAssessment(
    @Param('caseId') caseId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAccepted> {
    const id = parseOrThrow(caseIdParam, caseId, 'case id');
    const data = parseOrThrow(completeAssessmentRequest, body, 'request body');
    return this.run(res, id, ifMatch, (meta) => ({ type: 'CompleteAssessment', meta, data }));
  }

  @Post(':caseId/pact')
  @HttpCode(201)
  @ApiOperation({ summary: "Record the signed Patto per l'inclusione (PactSigned)", description: 'The pact id is generated unless `pactId` is given.' })
  @ApiParam(caseIdPath)
  @ApiHeader(ifMatch)
  @ApiZodBody(signPactRequest, { examples: signPactExamples })
  @ApiZodResponse(201, commandAcceptedResponse, { description: 'The pact is recorded', headers: etagHeader })
  @ApiProblems(400, 404, 409, 415, 422)
  async signPact(
    @Param('caseId') caseId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAccepted> {
    const id = parseOrThrow(caseIdParam, caseId, 'case id');
    const { pactId = randomUUID(), ...rest } = parseOrThrow(signPactRequest, body, 'request body');
    return this.run(res, id, ifMatch, (meta) => ({ type: 'SignPact', meta, data: { pactId, ...rest } }));
  }

  @Get(':caseId/events')
  @ApiOperation({
    summary: "The case's whole history across agencies, as CloudEvents, in the event store's global order",
    description:
      "Every agency's stream for the case (the social services' `case-<id>`, the employment centre's `employment-<id>`, …), merged in the order the events became visible in the global log.",
  })
  @ApiParam(caseIdPath)
  @ApiZodResponse(200, caseHistoryResponse, { description: "The case's events, oldest first" })
  @ApiProblems(404, 422)
  async events(@Param('caseId') caseId: string): Promise<CloudEvent[]> {
    const id = parseOrThrow(caseIdParam, caseId, 'case id');
    const streams = await Promise.all(caseStreamsOf(id).map((stream) => this.store.readStream(stream)));
    const history = streams.flat().sort(inLogOrder);
    if (history.length === 0) throw new NotFoundError(`case ${id} does not exist`);
    return history.map(toCloudEvent);
  }

  private async run(
    res: Response,
    caseId: string,
    ifMatch: string | undefined,
    build: (meta: CommandMeta) => CaseCommand,
  ): Promise<CommandAccepted> {
    const expectedVersion = parseOrThrow(ifMatchHeader, ifMatch, 'If-Match header');
    const meta: CommandMeta = { caseId, eventId: randomUUID(), now: new Date().toISOString(), source: this.source };
    const result = await handleCommand(this.store, caseStream(caseId), caseDecider, build(meta), { expectedVersion });
    res.setHeader('ETag', `"${result.version}"`);
    return { caseId, version: result.version, events: result.events.map((e) => ({ id: e.id, type: e.type })) };
  }
}

/** The global log's order: (transaction id, global position), as readers of the log see it. */
function inLogOrder(a: StoredEvent, b: StoredEvent): number {
  const byTransaction = BigInt(a.transactionId) - BigInt(b.transactionId);
  if (byTransaction !== 0n) return byTransaction < 0n ? -1 : 1;
  return a.globalPosition - b.globalPosition;
}
