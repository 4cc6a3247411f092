import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { parseOrThrow, NotFoundError, type CloudEvent } from '@traiettorie/contracts';
import { handleCommand, toCloudEvent, type EventStore } from '@traiettorie/event-store';
import { ApiZodBody, EVENT_STORE } from '@traiettorie/nest-kit';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { SOCIAL_SERVICES_SOURCE } from '../config.js';
import { caseDecider, type CaseCommand, type CommandMeta } from './case.decider.js';
import { caseIdParam, completeAssessmentRequest, ifMatchHeader, openCaseRequest, signPactRequest } from './case.requests.js';

export const caseStream = (caseId: string) => `case-${caseId}`;

interface CommandAccepted {
  caseId: string;
  version: number;
  events: { id: string; type: string }[];
}

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
  @ApiOperation({ summary: 'Open a case for a person referred to the social service (CaseOpened)' })
  @ApiZodBody(openCaseRequest)
  async open(@Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<CommandAccepted> {
    const { caseId = randomUUID(), ambito, personRef, legalBasis, ...data } = parseOrThrow(openCaseRequest, body, 'request body');
    const result = await this.run(res, caseId, undefined, (meta) => ({ type: 'OpenCase', meta, ambito, personRef, legalBasis, data }));
    res.location(`/cases/${caseId}`);
    return result;
  }

  @Post(':caseId/assessment')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record the completed assessment (AssessmentCompleted)' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'the ETag (stream version) last seen' })
  @ApiZodBody(completeAssessmentRequest)
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
  @ApiOperation({ summary: "Record the signed Patto per l'inclusione (PactSigned)" })
  @ApiHeader({ name: 'If-Match', required: false, description: 'the ETag (stream version) last seen' })
  @ApiZodBody(signPactRequest)
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
  @ApiOperation({ summary: "The case's event stream, as CloudEvents, oldest first" })
  async events(@Param('caseId') caseId: string): Promise<CloudEvent[]> {
    const id = parseOrThrow(caseIdParam, caseId, 'case id');
    const stored = await this.store.readStream(caseStream(id));
    if (stored.length === 0) throw new NotFoundError(`case ${id} does not exist`);
    return stored.map(toCloudEvent);
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
