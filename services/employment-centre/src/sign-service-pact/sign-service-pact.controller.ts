import { Body, Controller, Param, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { parseOrThrow } from '@traiettorie/contracts';
import type { Caller } from '@traiettorie/access';
import { CommandHandling, CurrentCaller, ExpectedVersion, VersionETagInterceptor } from '@traiettorie/nest-kit';
import { commandOnReferral, ReferralCommandRoute, type Recorded } from '../employment/employment.http.js';
import { signServicePactDecider } from './sign-service-pact.decider.js';
import { signServicePactExamples, signServicePactRequest } from './sign-service-pact.request.js';

/** POST /referrals/:caseId/service-pact (ServicePactSigned); If-Match makes it fail with 409 if the stream changed since. */
@ApiTags('referrals')
@Controller('referrals')
@UseInterceptors(VersionETagInterceptor)
export class SignServicePactController {
  constructor(private readonly commands: CommandHandling) {}

  @ReferralCommandRoute({
    path: 'service-pact',
    operationId: 'Referral_signServicePact',
    summary: "Record the signed Patto di servizio personalizzato (ServicePactSigned)",
    description: "One PSP per referral, after the DID; `referralEventId`, when given, must be this case's referral.",
    request: signServicePactRequest,
    examples: signServicePactExamples,
    recorded: "The PSP is recorded",
  })
  signServicePact(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<Recorded> {
    return commandOnReferral(this.commands, signServicePactDecider, {
      by: caller,
      caseId,
      expectedVersion,
      command: (id) => ({ type: 'SignServicePact', caseId: id, data: parseOrThrow(signServicePactRequest, body, 'request body') }),
    });
  }
}
