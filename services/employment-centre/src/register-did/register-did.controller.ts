import { Body, Controller, Param, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { parseOrThrow } from '@traiettorie/contracts';
import type { Caller } from '@traiettorie/access';
import { CommandHandling, CurrentCaller, ExpectedVersion, VersionETagInterceptor } from '@traiettorie/nest-kit';
import { commandOnReferral, ReferralCommandRoute, type Recorded } from '../employment/employment.http.js';
import { registerDidDecider } from './register-did.decider.js';
import { registerDidExamples, registerDidRequest } from './register-did.request.js';

/** POST /referrals/:caseId/did (DIDRegistered); If-Match makes it fail with 409 if the stream changed since. */
@ApiTags('referrals')
@Controller('referrals')
@UseInterceptors(VersionETagInterceptor)
export class RegisterDidController {
  constructor(private readonly commands: CommandHandling) {}

  @ReferralCommandRoute({
    path: 'did',
    operationId: 'Referral_registerDid',
    summary: "Record the person's Dichiarazione di Immediata Disponibilità (DIDRegistered)",
    description: "Refused before the referral (404) and a second time (409).",
    request: registerDidRequest,
    examples: registerDidExamples,
    recorded: "The DID is recorded",
  })
  registerDid(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<Recorded> {
    return commandOnReferral(this.commands, registerDidDecider, {
      by: caller,
      caseId,
      expectedVersion,
      command: (id) => ({ type: 'RegisterDid', caseId: id, data: parseOrThrow(registerDidRequest, body, 'request body') }),
    });
  }
}
