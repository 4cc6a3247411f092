import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { caseStreamsOf, cloudEventAttributes, NotFoundError, parseOrThrow, type CloudEvent } from '@traiettorie/contracts';
import { toCloudEvent } from '@traiettorie/command-handling';
import type { EventStore, StoredEvent } from '@traiettorie/event-store';
import { ApiProblems, ApiZodResponse, EVENT_STORE, ReadsPersonalData } from '@traiettorie/nest-kit';
import { z } from 'zod';
import { caseIdParam, caseIdPath } from '../case/case.http.js';

/** A case's history as CloudEvents; `data` is each event type's own (see the AsyncAPI catalogue). */
export const caseHistoryResponse = z.array(
  z.object({ ...cloudEventAttributes.shape, personref: z.string().describe('pseudonymous person reference'), data: z.record(z.string(), z.unknown()) }),
);

/** GET /cases/:caseId/events: every agency's events of a case, as stored. */
@ApiTags('cases')
@Controller('cases')
export class CaseHistoryController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

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
  @ApiProblems(404, 422)
  async events(@Param('caseId') caseId: string): Promise<CloudEvent[]> {
    const id = parseOrThrow(caseIdParam, caseId, 'case id');
    const streams = await Promise.all(caseStreamsOf(id).map((stream) => this.store.readStream(stream)));
    const history = streams.flat().sort(inLogOrder);
    if (history.length === 0) throw new NotFoundError(`case ${id} does not exist`);
    return history.map(toCloudEvent);
  }
}

/** The global log's order: (transaction id, global position), as readers of the log see it. */
function inLogOrder(a: StoredEvent, b: StoredEvent): number {
  const byTransaction = BigInt(a.transactionId) - BigInt(b.transactionId);
  if (byTransaction !== 0n) return byTransaction < 0n ? -1 : 1;
  return a.globalPosition - b.globalPosition;
}
