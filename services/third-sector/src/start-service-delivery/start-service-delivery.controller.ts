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
import { startServiceDeliveryDecider } from './start-service-delivery.decider.js';
import { startServiceDeliveryExamples, startServiceDeliveryRequest } from './start-service-delivery.request.js';

/** POST /cases/:caseId/deliveries (ServiceDeliveryStarted). */
@ApiTags('deliveries')
@Controller(caseRecords.path)
@UseInterceptors(VersionETagInterceptor)
export class StartServiceDeliveryController {
  constructor(
    private readonly commands: CommandHandling,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @CommandRoute(caseRecords, {
    path: 'deliveries',
    operationId: 'Delivery_start',
    summary: 'Record that the partner started delivering a service under an agreement (ServiceDeliveryStarted)',
    description:
      'By the caller as provider: `providerId` is its own agency id (403 `provider-not-yours` otherwise). With or without an expected delivery: when `supportId` names a support expected on the case, the delivery answers it and must be by its provider (403 `provider-not-yours` otherwise, naming neither), under its agreement (409 otherwise, or if the support already has a delivery); when it names a support not yet expected, that support must be activated on the case with the caller: 404 when the case has no such support, 403 `provider-not-yours` when it is another provider’s (never named), 409 under another agreement than the support’s. Without `supportId` the delivery answers no support. The same `deliveryId` twice is refused with 409.',
    request: startServiceDeliveryRequest,
    examples: startServiceDeliveryExamples,
    recorded: 'The delivery is recorded as started',
  })
  async record(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<CaseRecordCommandAccepted> {
    // The case's own stream, read just before: the start's decider sees only the delivery record.
    const supports = await readCaseSupports(this.store, caseId);
    return commandOnCaseRecord(this.commands, startServiceDeliveryDecider, {
      by: caller,
      caseId,
      stream: deliveryStream,
      expectedVersion,
      // Who records it is the caller's agency: a partner records deliveries only as their provider.
      command: (id) => ({
        type: 'StartServiceDelivery' as const,
        caseId: id,
        ...caseIdentityAndData(parseOrThrow(startServiceDeliveryRequest, body, 'request body')),
        supports,
        recordedBy: sourceOfCaller(caller),
      }),
    });
  }
}
