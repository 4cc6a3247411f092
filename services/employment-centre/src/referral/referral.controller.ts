import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { caseId as caseIdSchema, NotFoundError, parseOrThrow, type HubEvent } from '@traiettorie/contracts';
import { foldState } from '@traiettorie/command-handling';
import type { EventStore } from '@traiettorie/event-store';
import { assertAuthorized, authorizeRead, covers, type Caller, type ReadPermission } from '@traiettorie/access';
import { AccessLogging, ApiProblems, ApiZodResponse, classifiedFieldNames, CurrentCaller, EVENT_STORE, ReadsPersonalData } from '@traiettorie/nest-kit';
import { z } from 'zod';
import { asEmploymentEvent, readEmploymentStreams } from '../employment/employment.read.js';
import { employmentState, employmentStream, type EmploymentEventType, type EmploymentState } from '../employment/employment.state.js';

const referralResponse = z.strictObject({
  caseId: z.uuid(),
  status: z.enum(['referred']),
  assessmentEventId: z.uuid().describe('the AssessmentCompleted that made the referral'),
  servicePactDueBy: z.iso.date().describe('the day by which the Patto di servizio personalizzato (PSP) is due: 60 days after the referral'),
});
type Referral = z.output<typeof referralResponse>;

const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** The Centro per l'Impiego's referrals, read from its own streams in the event store. */
@ApiTags('referrals')
@Controller('referrals')
export class ReferralController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly accessLog: AccessLogging,
  ) {}

  /** Every referral returned is a read of its person's data: one PersonalDataAccessed each (issue 10). */
  private async logReads(caller: Caller, route: string, reads: readonly { caseId: string; events: readonly HubEvent<EmploymentEventType>[] }[]): Promise<void> {
    for (const { caseId, events } of reads) {
      const accessed = await this.accessLog.caseOf(caseId);
      if (!accessed) continue;
      // A referral shows the referral alone, not the rest of the person's pathway at the CPI.
      const disclosed = events.filter((e) => e.type === 'EmploymentReferralReceived').flatMap((e) => classifiedFieldNames(e.type, e.data));
      await this.accessLog.record({ caller, case: accessed, route, disclosed, outcome: 'disclosed' });
    }
  }

  @Get()
  @ReadsPersonalData()
  @ApiOperation({
    summary: "The employment centre's referrals, the soonest PSP deadline first",
    description: "Every case referred to the employment centre, with its status and the PSP due date; `limit` and `offset` page through them.",
  })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } })
  @ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', minimum: 0, default: 0 } })
  @ApiZodResponse(200, z.array(referralResponse), { description: 'One page of referrals, ordered by PSP due date, then case id' })
  @ApiProblems(403, 422)
  async list(@Query() query: unknown, @CurrentCaller() caller: Caller): Promise<Referral[]> {
    const { limit, offset } = parseOrThrow(listQuery, query, 'query');
    // Only referrals of cases in the caller's Ambiti (packages/access).
    const decision = authorizeRead(caller, { scope: 'referral' });
    assertAuthorized(decision);
    const { extent } = decision as ReadPermission;
    const events = await readEmploymentStreams(this.store);
    const byCase = new Map<string, EmploymentState>();
    const eventsOf = new Map<string, HubEvent<EmploymentEventType>[]>();
    for (const event of events) {
      if (!covers(extent, event.ambito)) continue;
      eventsOf.set(event.subject, [...(eventsOf.get(event.subject) ?? []), event]);
      byCase.set(event.subject, employmentState.evolve(byCase.get(event.subject) ?? employmentState.initialState(), event));
    }
    const referrals = [...byCase].flatMap(([caseId, state]) => (state.status === 'referred' ? [referralOf(caseId, state)] : []));
    referrals.sort((a, b) => a.servicePactDueBy.localeCompare(b.servicePactDueBy) || a.caseId.localeCompare(b.caseId));
    const page = referrals.slice(offset, offset + limit);
    await this.logReads(caller, 'GET /referrals', page.map((r) => ({ caseId: r.caseId, events: eventsOf.get(r.caseId) ?? [] })));
    return page;
  }

  @Get(':caseId')
  @ReadsPersonalData()
  @ApiOperation({ summary: "The employment centre's referral for a case, with the PSP deadline" })
  @ApiParam({ name: 'caseId', description: 'the case id (from the social services)', schema: { type: 'string', format: 'uuid' } })
  @ApiZodResponse(200, referralResponse, { description: 'The referral' })
  @ApiProblems(403, 404, 422)
  async get(@Param('caseId') caseId: string, @CurrentCaller() caller: Caller): Promise<Referral> {
    const id = parseOrThrow(caseIdSchema, caseId, 'case id');
    const events = (await this.store.readStream(employmentStream(id))).map(asEmploymentEvent);
    const state = foldState(employmentState, events);
    if (state.status === 'none') throw new NotFoundError(`no referral for case ${id}`);
    assertAuthorized(authorizeRead(caller, { scope: 'referral', ambito: events[0]!.ambito }));
    await this.logReads(caller, 'GET /referrals/{caseId}', [{ caseId: id, events }]);
    return referralOf(id, state);
  }
}

/** What a referral shows: the referral itself, not the rest of the person's pathway at the CPI. */
function referralOf(caseId: string, state: Extract<EmploymentState, { status: 'referred' }>): Referral {
  return { caseId, status: 'referred', assessmentEventId: state.assessmentEventId, servicePactDueBy: state.servicePactDueBy };
}
