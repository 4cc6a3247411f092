import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { assertAuthorized, authorizeRead, demoPurposes, redactForReader, type Caller, type ReaderEvent } from '@traiettorie/access';
import { caseStreamsOf, cloudEventAttributes, italianDate, NotFoundError, parseOrThrow } from '@traiettorie/contracts';
import { toCloudEvent } from '@traiettorie/command-handling';
import type { EventStore, StoredEvent } from '@traiettorie/event-store';
import { AccessLogging, ApiProblems, ApiZodResponse, classifiedFieldNames, CLOCK, CurrentCaller, EVENT_STORE, ReadsPersonalData, type Clock } from '@traiettorie/nest-kit';
import { z } from 'zod';
import { caseIdParam, caseIdPath } from '../case/case.http.js';

/** A case's history as CloudEvents; `data` is each event type's own (see the AsyncAPI catalogue). */
export const caseHistoryResponse = z.array(
  z.object({
    ...cloudEventAttributes.shape,
    personref: z.string().describe('pseudonymous person reference'),
    data: z.record(z.string(), z.unknown()).describe('the event type\'s data; a special-category field the reader may not see is `{ "redacted": true, "reason": … }`'),
    redacted: z.array(z.string()).optional().describe('JSONPaths into `data` of the fields redacted for this reader (no consent, consent withdrawn or expired, not for this kind)'),
  }),
);

/** GET /cases/:caseId/events: every agency's events of a case, as stored. */
@ApiTags('cases')
@Controller('cases')
export class CaseHistoryController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly accessLog: AccessLogging,
  ) {}

  @Get(':caseId/events')
  @ReadsPersonalData()
  @ApiOperation({
    operationId: 'Case_events',
    summary: "The case's whole history across agencies, as CloudEvents, in the event store's global order",
    description:
      "Every agency's stream for the case (the social services' `case-<id>`, the employment centre's `employment-<id>`, …), merged in the order the events became visible in the global log.",
  })
  @ApiParam(caseIdPath)
  @ApiZodResponse(200, caseHistoryResponse, { description: "The case's events, oldest first" })
  @ApiProblems(403, 404, 422)
  async events(@Param('caseId') caseId: string, @CurrentCaller() caller: Caller): Promise<ReaderEvent[]> {
    const id = parseOrThrow(caseIdParam, caseId, 'case id');
    const streams = await Promise.all(caseStreamsOf(id).map((stream) => this.store.readStream(stream)));
    const history = streams.flat().sort(inLogOrder);
    if (history.length === 0) throw new NotFoundError(`case ${id} does not exist`);
    const events = history.map(toCloudEvent);
    const opening = events.find((e) => e.type === 'CaseOpened') ?? events[0]!;
    const accessed = { id, ambito: opening.ambito, personRef: opening.personref, custodian: opening.source };
    const route = 'GET /cases/{caseId}/events';
    // Only cases of the caller's Ambiti; special-category fields only as its kind and the person's consents allow (packages/access).
    const decision = authorizeRead(caller, { scope: 'case-history', ambito: opening.ambito });
    if (!decision.allowed) await this.accessLog.record({ caller, case: accessed, route, disclosed: [], outcome: 'refused' });
    assertAuthorized(decision);
    const seen = redactForReader(caller, events, { purposes: demoPurposes, today: italianDate(this.clock.now()) });
    // Every read of personal data is itself an event (PersonalDataAccessed), naming what was disclosed and what withheld.
    const redacted = seen.flatMap((e) => (e.redacted ?? []).map((path) => `${e.type}:${path}`));
    const disclosed = seen.flatMap((e) => classifiedFieldNames(e.type, e.data, e.redacted ?? []));
    await this.accessLog.record({ caller, case: accessed, route, disclosed, redacted, outcome: redacted.length > 0 ? 'redacted' : 'disclosed' });
    return seen;
  }
}

/** The global log's order: (transaction id, global position), as readers of the log see it. */
function inLogOrder(a: StoredEvent, b: StoredEvent): number {
  const byTransaction = BigInt(a.transactionId) - BigInt(b.transactionId);
  if (byTransaction !== 0n) return byTransaction < 0n ? -1 : 1;
  return a.globalPosition - b.globalPosition;
}

