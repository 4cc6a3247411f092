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
import { expectServiceDeliveryDecider } from './expect-service-delivery.decider.js';
import { expectServiceDeliveryExamples, expectServiceDeliveryRequest } from './expect-service-delivery.request.js';

/** POST /cases/:caseId/expected-deliveries (ServiceDeliveryExpected). */
@ApiTags('deliveries')
@Controller('cases')
@UseInterceptors(VersionETagInterceptor)
export class ExpectServiceDeliveryController {
  constructor(private readonly commands: CommandHandling) {}

  @CaseRecordCommandRoute({
    path: 'expected-deliveries',
    operationId: 'Delivery_expect',
    summary: 'Record a support the partner is to deliver (ServiceDeliveryExpected)',
    description: 'Recorded by the hub itself when the social services activate a support with a third-sector provider (SupportActivated); a partner records one it learnt of otherwise. The same support twice is refused with 409.',
    request: expectServiceDeliveryRequest,
    examples: expectServiceDeliveryExamples,
    recorded: 'The expected delivery is recorded',
  })
  record(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<CaseRecordCommandAccepted> {
    return commandOnCaseRecord(this.commands, expectServiceDeliveryDecider, {
      by: caller,
      caseId,
      stream: deliveryStream,
      expectedVersion,
      command: (id) => ({ type: 'ExpectServiceDelivery' as const, caseId: id, ...caseIdentityAndData(parseOrThrow(expectServiceDeliveryRequest, body, 'request body')) }),
    });
  }
}
