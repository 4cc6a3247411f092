import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ambitoCode, caseId as caseIdSchema, NotFoundError, parseOrThrow } from '@traiettorie/contracts';
import { assertAuthorized, authorizeRead, type Caller, type ReadPermission } from '@traiettorie/access';
import { AccessLogging, ApiProblems, ApiZodResponse, CurrentCaller, ProblemException, problemTypes, ReadsPersonalData } from '@traiettorie/nest-kit';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { caseStatuses, type CaseSummary } from './case-summary.projection.js';
import { CaseSummaryRepository } from './case-summary.repository.js';

const listQuery = z.strictObject({
  status: z.enum(caseStatuses).optional(),
  ambito: ambitoCode.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** How long `waitFor` may hold a request: 5 s unless asked, never more than 30 s. */
export const WAIT_DEFAULT_SECONDS = 5;
export const WAIT_MAX_SECONDS = 30;
const WAIT_POLL_MS = 50;

const getQuery = z.strictObject({
  waitFor: z.uuid().optional(),
  timeout: z.coerce.number().min(0).max(WAIT_MAX_SECONDS).default(WAIT_DEFAULT_SECONDS),
});

const timestamp = z.iso.datetime().nullable();
const caseSummaryResponse = z.strictObject({
  caseId: z.uuid(),
  status: z.enum(caseStatuses).nullable().describe('null while only other agencies\' events are known'),
  ambito: z.string(),
  personRef: z.string().describe('pseudonymous person reference'),
  agencies: z.array(z.string()).describe('agency kinds that emitted events for the case, sorted'),
  lastEventType: z.string(),
  lastEventId: z.uuid(),
  lastEventAt: z.iso.datetime(),
  openedAt: timestamp,
  assessedAt: timestamp,
  pactSignedAt: timestamp,
  closedAt: timestamp,
  employmentReferralAt: timestamp,
  eventCount: z.int().min(1),
});

/** Operators' view of cases: status, last event, agencies involved. */
@ApiTags('cases')
@Controller('cases')
export class CaseSummaryController {
  constructor(
    @Inject(CaseSummaryRepository) private readonly summaries: CaseSummaryRepository,
    private readonly accessLog: AccessLogging,
  ) {}

  /** A summary names its person (`personRef`): each one returned is a read of that person's data, recorded in the access log. */
  private async logReads(caller: Caller, route: string, summaries: readonly CaseSummary[]): Promise<void> {
    for (const summary of summaries) {
      const accessed = await this.accessLog.caseOf(summary.caseId);
      if (accessed) await this.accessLog.record({ caller, case: accessed, route, disclosed: ['CaseSummary:$.personRef'], outcome: 'disclosed' });
    }
  }

  @Get()
  @ReadsPersonalData()
  @ApiOperation({ summary: 'Case summaries, latest activity first', description: 'Filtered by status and Ambito; `limit` and `offset` page through them.' })
  @ApiQuery({ name: 'status', required: false, enum: caseStatuses })
  @ApiQuery({ name: 'ambito', required: false, schema: { type: 'string', pattern: '^[A-Z0-9][A-Z0-9-]*$' } })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } })
  @ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', minimum: 0, default: 0 } })
  @ApiZodResponse(200, z.array(caseSummaryResponse), { description: 'One page of case summaries' })
  @ApiProblems(403, 422)
  async list(@Query() query: unknown, @CurrentCaller() caller: Caller): Promise<CaseSummary[]> {
    const filter = parseOrThrow(listQuery, query, 'query');
    // Only cases of the caller's Ambiti (an Ambito it names must be one of them): packages/access.
    const decision = authorizeRead(caller, { scope: 'case-list', ...(filter.ambito ? { ambito: filter.ambito } : {}) });
    assertAuthorized(decision);
    const page = await this.summaries.list({ ...filter, extent: (decision as ReadPermission).extent });
    await this.logReads(caller, 'GET /cases', page);
    return page;
  }

  @Get(':caseId')
  @ReadsPersonalData()
  @ApiOperation({
    summary: "One case's summary, optionally once the read model has applied a given event",
    description:
      'The read model follows the event store a moment later. To read your own write, pass `waitFor` = an event id from a command\'s response ' +
      '(`events[].id`): the request waits (up to `timeout` seconds, default 5, at most 30) until this read model has applied that event, ' +
      'then answers 200; if it has not by then, 504 with type `urn:traiettorie:problem:not-yet-applied` (ask again).',
  })
  @ApiParam({ name: 'caseId', description: 'the case id', schema: { type: 'string', format: 'uuid' } })
  @ApiQuery({ name: 'waitFor', required: false, description: 'an event id returned by a command; wait until it is applied', schema: { type: 'string', format: 'uuid' } })
  @ApiQuery({ name: 'timeout', required: false, description: 'seconds to wait for `waitFor`', schema: { type: 'number', minimum: 0, maximum: WAIT_MAX_SECONDS, default: WAIT_DEFAULT_SECONDS } })
  @ApiZodResponse(200, caseSummaryResponse, { description: "The case's summary (with `waitFor`: including that event)" })
  @ApiProblems(403, 404, 422, 504)
  async get(@Param('caseId') caseId: string, @Query() query: unknown, @CurrentCaller() caller: Caller): Promise<CaseSummary> {
    const id = parseOrThrow(caseIdSchema, caseId, 'case id');
    const { waitFor, timeout } = parseOrThrow(getQuery, query, 'query');
    if (waitFor) await this.waitUntilApplied(waitFor, timeout);
    const summary = await this.summaries.get(id);
    if (!summary) throw new NotFoundError(`no case ${id} in the read model`);
    assertAuthorized(authorizeRead(caller, { scope: 'case-summary', ambito: summary.ambito }));
    await this.logReads(caller, 'GET /cases/{caseId}', [summary]);
    return summary;
  }

  private async waitUntilApplied(eventId: string, timeoutSeconds: number): Promise<void> {
    const deadline = Date.now() + timeoutSeconds * 1000;
    for (;;) {
      if (await this.summaries.hasApplied(eventId)) return;
      if (Date.now() >= deadline) break;
      await sleep(Math.min(WAIT_POLL_MS, Math.max(0, deadline - Date.now())));
    }
    throw new ProblemException(
      {
        type: problemTypes.notYetApplied,
        title: 'Not applied yet',
        status: 504,
        detail: `the read model has not applied event ${eventId} within ${timeoutSeconds} s; ask again (a larger timeout waits longer, up to ${WAIT_MAX_SECONDS} s)`,
      },
      { 'Retry-After': '1' },
    );
  }
}
