import { Body, Controller, Param, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { parseOrThrow } from '@traiettorie/contracts';
import type { Caller } from '@traiettorie/access';
import { CommandHandling, CurrentCaller, ExpectedVersion, VersionETagInterceptor } from '@traiettorie/nest-kit';
import { CaseCommandRoute, commandOnCase, type CommandAccepted } from '../case/case.http.js';
import { receiveBeneficiaryReferralDecider } from './receive-beneficiary-referral.decider.js';
import { receiveBeneficiaryReferralExamples, receiveBeneficiaryReferralRequest } from './receive-beneficiary-referral.request.js';

/** POST /cases/:caseId/referral (BeneficiaryReferralReceived); If-Match makes it fail with 409 if the case changed since. */
@ApiTags('cases')
@Controller('cases')
@UseInterceptors(VersionETagInterceptor)
export class ReceiveBeneficiaryReferralController {
  constructor(private readonly commands: CommandHandling) {}

  @CaseCommandRoute({
    path: 'referral',
    operationId: 'Case_receiveReferral',
    summary: 'Record the household\'s referral from SIISL (GePI for older measures), with its first-appointment deadline (BeneficiaryReferralReceived)',
    description: 'Recorded once per case, before the first appointment and the presa in carico; the first appointment is due by `firstAppointmentDueBy` (at most 120 days after the PAD).',
    request: receiveBeneficiaryReferralRequest,
    examples: receiveBeneficiaryReferralExamples,
    recorded: 'The referral is recorded',
  })
  receiveBeneficiaryReferral(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<CommandAccepted> {
    return commandOnCase(this.commands, receiveBeneficiaryReferralDecider, {
      by: caller,
      caseId,
      expectedVersion,
      command: (id) => ({ type: 'ReceiveBeneficiaryReferral', caseId: id, data: parseOrThrow(receiveBeneficiaryReferralRequest, body, 'request body') }),
    });
  }
}
