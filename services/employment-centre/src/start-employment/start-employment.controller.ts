import { Body, Controller, Param, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { parseOrThrow } from '@traiettorie/contracts';
import type { Caller } from '@traiettorie/access';
import { CommandHandling, CurrentCaller, ExpectedVersion, VersionETagInterceptor } from '@traiettorie/nest-kit';
import { commandOnReferral, ReferralCommandRoute, type Recorded } from '../employment/employment.http.js';
import { startEmploymentDecider } from './start-employment.decider.js';
import { startEmploymentExamples, startEmploymentRequest } from './start-employment.request.js';

/** POST /referrals/:caseId/employments (EmploymentStarted); If-Match makes it fail with 409 if the stream changed since. */
@ApiTags('referrals')
@Controller('referrals')
@UseInterceptors(VersionETagInterceptor)
export class StartEmploymentController {
  constructor(private readonly commands: CommandHandling) {}

  @ReferralCommandRoute({
    path: 'employments',
    operationId: 'Referral_startEmployment',
    summary: "Record that the person started work (EmploymentStarted)",
    description: "Once per contract: the same UNILAV (or the same employer and start date) is refused a second time.",
    request: startEmploymentRequest,
    examples: startEmploymentExamples,
    recorded: "The employment is recorded",
  })
  startEmployment(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<Recorded> {
    return commandOnReferral(this.commands, startEmploymentDecider, {
      by: caller,
      caseId,
      expectedVersion,
      command: (id) => ({ type: 'StartEmployment', caseId: id, data: parseOrThrow(startEmploymentRequest, body, 'request body') }),
    });
  }
}
