import { Body, Controller, Inject, Param, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Caller } from '@traiettorie/access';
import { parseOrThrow } from '@traiettorie/contracts';
import type { EventStore } from '@traiettorie/event-store';
import {
  caseIdentityAndData,
  caseRecords,
  commandOnCaseRecord,
  CommandHandling,
  CommandRoute,
  CurrentCaller,
  EVENT_STORE,
  ExpectedVersion,
  sourceOfCaller,
  VersionETagInterceptor,
  type CaseRecordCommandAccepted,
} from '@traiettorie/nest-kit';
import { readCaseSupports } from '../delivery/case-supports.js';
import { deliveryStream } from '../delivery/delivery.state.js';
import { expectServiceDeliveryDecider } from './expect-service-delivery.decider.js';
import { expectServiceDeliveryExamples, expectServiceDeliveryRequest } from './expect-service-delivery.request.js';

/** POST /cases/:caseId/expected-deliveries (ServiceDeliveryExpected). */
@ApiTags('deliveries')
@Controller(caseRecords.path)
@UseInterceptors(VersionETagInterceptor)
export class ExpectServiceDeliveryController {
  constructor(
    private readonly commands: CommandHandling,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @CommandRoute(caseRecords, {
    path: 'expected-deliveries',
    operationId: 'Delivery_expect',
    summary: 'Record a support the partner is to deliver (ServiceDeliveryExpected)',
    description:
      'Recorded by the hub itself when the social services activate a support with a third-sector provider (SupportActivated); a partner records one it learnt of otherwise, only as its provider (`providerId` its own agency id; 403 `provider-not-yours` otherwise) and only for a support activated on the case with it: 404 when the case has no such support, 403 `provider-not-yours` when the support is another provider’s (never named), 409 under another agreement than the support’s. The same support twice is refused with 409.',
    request: expectServiceDeliveryRequest,
    examples: expectServiceDeliveryExamples,
    recorded: 'The expected delivery is recorded',
  })
  async record(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<CaseRecordCommandAccepted> {
    // The case's own stream, read just before: the expectation's decider sees only the delivery record.
    const supports = await readCaseSupports(this.store, caseId);
    return commandOnCaseRecord(this.commands, expectServiceDeliveryDecider, {
      by: caller,
      caseId,
      stream: deliveryStream,
      expectedVersion,
      // Who records it is the caller's agency: a partner records deliveries only as their provider.
      command: (id) => ({
        type: 'ExpectServiceDelivery' as const,
        caseId: id,
        ...caseIdentityAndData(parseOrThrow(expectServiceDeliveryRequest, body, 'request body')),
        supports,
        recordedBy: sourceOfCaller(caller),
      }),
    });
  }
}
