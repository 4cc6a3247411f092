import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { assertAuthorized, authorizeRead, type Caller } from '@traiettorie/access';
import { caseId as caseIdSchema, NotFoundError, parseOrThrow } from '@traiettorie/contracts';
import { AccessLogging, ApiProblems, ApiZodResponse, CurrentCaller, ProblemException, problemTypes, ReadsPersonalData } from '@traiettorie/nest-kit';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { WAIT_DEFAULT_SECONDS, WAIT_MAX_SECONDS } from '../case-summary/case-summary.controller.js';
import { pathwayEventTypes, pathwayStages, type Pathway } from './pathway.projection.js';
import { PathwayRepository } from './pathway.read-model.js';

const getQuery = z.strictObject({
  waitFor: z.uuid().optional(),
  timeout: z.coerce.number().min(0).max(WAIT_MAX_SECONDS).default(WAIT_DEFAULT_SECONDS),
});

const milestone = z.strictObject({
  count: z.int().min(1),
  first: z.iso.date().describe('the business date of the first such step'),
  last: z.iso.date().describe('the business date of the latest such step'),
});

const pathwayResponse = z.strictObject({
  caseId: z.uuid(),
  ambito: z.string(),
  personRef: z.string().describe('pseudonymous person reference'),
  stage: z.enum(pathwayStages).nullable().describe('the furthest stage reached; null while only steps that shape no stage are known'),
  agencies: z.array(z.string()).describe('agency kinds that recorded a step, sorted (health services never appear)'),
  milestones: z.partialRecord(z.enum(pathwayEventTypes), milestone).describe('each kind of step recorded: how many, first and last date'),
});

/** Operators' view of a person's pathway across the agencies. */
@ApiTags('cases')
@Controller('cases')
export class PathwayController {
  constructor(
    @Inject(PathwayRepository) private readonly pathways: PathwayRepository,
    private readonly accessLog: AccessLogging,
  ) {}

  @Get(':caseId/pathway')
  @ReadsPersonalData()
  @ApiOperation({
    summary: "Where a case's pathway stands across agencies: its stage and each step's count and dates",
    description:
      'Built from every agency\'s events but the health services\' (their involvement is special-category data). Dates are the steps\' own ' +
      '(a pact\'s signing day, a tirocinio\'s start), so the same pathway recorded through the command routes or posted to `POST /events` reads the same. ' +
      '`waitFor` works as on `GET /cases/{caseId}`.',
  })
  @ApiParam({ name: 'caseId', description: 'the case id', schema: { type: 'string', format: 'uuid' } })
  @ApiQuery({ name: 'waitFor', required: false, description: 'an event id; wait until this read model applied it', schema: { type: 'string', format: 'uuid' } })
  @ApiQuery({ name: 'timeout', required: false, description: 'seconds to wait for `waitFor`', schema: { type: 'number', minimum: 0, maximum: WAIT_MAX_SECONDS, default: WAIT_DEFAULT_SECONDS } })
  @ApiZodResponse(200, pathwayResponse, { description: "The case's pathway" })
  @ApiProblems(403, 404, 422, 504)
  async get(@Param('caseId') caseId: string, @Query() query: unknown, @CurrentCaller() caller: Caller): Promise<Pathway> {
    const id = parseOrThrow(caseIdSchema, caseId, 'case id');
    const { waitFor, timeout } = parseOrThrow(getQuery, query, 'query');
    if (waitFor) await this.waitUntilApplied(waitFor, timeout);
    const pathway = await this.pathways.get(id);
    if (!pathway) throw new NotFoundError(`no pathway of case ${id} in the read model`);
    assertAuthorized(authorizeRead(caller, { scope: 'case-summary', ambito: pathway.ambito }));
    const accessed = await this.accessLog.caseOf(id);
    if (accessed) await this.accessLog.record({ caller, case: accessed, route: 'GET /cases/{caseId}/pathway', disclosed: ['Pathway:$.personRef'], outcome: 'disclosed' });
    return pathway;
  }

  private async waitUntilApplied(eventId: string, timeoutSeconds: number): Promise<void> {
    const deadline = Date.now() + timeoutSeconds * 1000;
    while (!(await this.pathways.hasApplied(eventId))) {
      if (Date.now() >= deadline) {
        throw new ProblemException(
          {
            type: problemTypes.notYetApplied,
            title: 'Not applied yet',
            status: 504,
            detail: `the pathway read model has not applied event ${eventId} within ${timeoutSeconds} s; ask again`,
          },
          { 'Retry-After': '1' },
        );
      }
      await sleep(50);
    }
  }
}
