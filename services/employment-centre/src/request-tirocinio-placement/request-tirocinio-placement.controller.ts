import { Body, Controller, Param, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { parseOrThrow } from '@traiettorie/contracts';
import type { Caller } from '@traiettorie/access';
import { CommandHandling, CurrentCaller, ExpectedVersion, VersionETagInterceptor } from '@traiettorie/nest-kit';
import { commandOnReferral, ReferralCommandRoute, type Recorded } from '../employment/employment.http.js';
import { requestTirocinioPlacementDecider } from './request-tirocinio-placement.decider.js';
import { recordTirocinioPlacementExamples, recordTirocinioPlacementRequest } from './request-tirocinio-placement.request.js';

/** POST /referrals/:caseId/tirocinio-placement-requests (TirocinioPlacementRequested): a pact's tirocinio taken in by hand. */
@ApiTags('referrals')
@Controller('referrals')
@UseInterceptors(VersionETagInterceptor)
export class RequestTirocinioPlacementController {
  constructor(private readonly commands: CommandHandling) {}

  @ReferralCommandRoute({
    path: 'tirocinio-placement-requests',
    operationId: 'Referral_requestTirocinioPlacement',
    summary: "Record that a pact asks the CPI to place the person in a tirocinio (TirocinioPlacementRequested)",
    description:
      'Usually recorded by the PactSigned policy; this records one taken in by hand. After the referral (404 before), once per pact event (409).',
    request: recordTirocinioPlacementRequest,
    examples: recordTirocinioPlacementExamples,
    recorded: 'The placement request is recorded',
  })
  request(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<Recorded> {
    return commandOnReferral(this.commands, requestTirocinioPlacementDecider, {
      by: caller,
      caseId,
      expectedVersion,
      command: (id) => ({ type: 'RecordTirocinioPlacementRequest' as const, caseId: id, data: parseOrThrow(recordTirocinioPlacementRequest, body, 'request body') }),
    });
  }
}
