import { Body, Controller, Param, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Caller } from '@traiettorie/access';
import { parseOrThrow } from '@traiettorie/contracts';
import {
  caseIdentityAndData,
  CaseRecordCommandRoute,
  CommandHandling,
  commandOnCaseRecord,
  CurrentCaller,
  ExpectedVersion,
  VersionETagInterceptor,
  type CaseRecordCommandAccepted,
} from '@traiettorie/nest-kit';
import { deliveryStream } from '../delivery/delivery.state.js';
import { startServiceDeliveryDecider } from './start-service-delivery.decider.js';
import { startServiceDeliveryExamples, startServiceDeliveryRequest } from './start-service-delivery.request.js';

/** POST /cases/:caseId/deliveries (ServiceDeliveryStarted). */
@ApiTags('deliveries')
@Controller('cases')
@UseInterceptors(VersionETagInterceptor)
export class StartServiceDeliveryController {
  constructor(private readonly commands: CommandHandling) {}

  @CaseRecordCommandRoute({
    path: 'deliveries',
    operationId: 'Delivery_start',
    summary: 'Record that the partner started delivering a service under an agreement (ServiceDeliveryStarted)',
    description: 'With or without an expected delivery: when `supportId` names a support expected on the case, the delivery answers it and must be by its provider, under its agreement (409 otherwise, or if the support already has a delivery). The same `deliveryId` twice is refused with 409.',
    request: startServiceDeliveryRequest,
    examples: startServiceDeliveryExamples,
    recorded: 'The delivery is recorded as started',
  })
  record(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<CaseRecordCommandAccepted> {
    return commandOnCaseRecord(this.commands, startServiceDeliveryDecider, {
      by: caller,
      caseId,
      stream: deliveryStream,
      expectedVersion,
      command: (id) => ({ type: 'StartServiceDelivery' as const, caseId: id, ...caseIdentityAndData(parseOrThrow(startServiceDeliveryRequest, body, 'request body')) }),
    });
  }
}
