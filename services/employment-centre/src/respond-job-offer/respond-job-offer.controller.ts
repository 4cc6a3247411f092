import { Body, Controller, Param, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { parseOrThrow } from '@traiettorie/contracts';
import type { Caller } from '@traiettorie/access';
import { CommandHandling, CurrentCaller, ExpectedVersion, VersionETagInterceptor } from '@traiettorie/nest-kit';
import { commandOnReferral, ReferralCommandRoute, type Recorded } from '../employment/employment.http.js';
import { respondJobOfferDecider } from './respond-job-offer.decider.js';
import { respondJobOfferExamples, respondJobOfferRequest } from './respond-job-offer.request.js';

/** POST /referrals/:caseId/job-offer-responses (JobOfferResponded); If-Match makes it fail with 409 if the stream changed since. */
@ApiTags('referrals')
@Controller('referrals')
@UseInterceptors(VersionETagInterceptor)
export class RespondJobOfferController {
  constructor(private readonly commands: CommandHandling) {}

  @ReferralCommandRoute({
    path: 'job-offer-responses',
    operationId: 'Referral_respondJobOffer',
    summary: "Record the person's answer to a job offer (JobOfferResponded)",
    description: "After the DID; each offer is answered once.",
    request: respondJobOfferRequest,
    examples: respondJobOfferExamples,
    recorded: "The answer is recorded",
  })
  respondJobOffer(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<Recorded> {
    return commandOnReferral(this.commands, respondJobOfferDecider, {
      by: caller,
      caseId,
      expectedVersion,
      command: (id) => ({ type: 'RespondJobOffer', caseId: id, data: parseOrThrow(respondJobOfferRequest, body, 'request body') }),
    });
  }
}
