import { Body, Controller, Param, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { parseOrThrow } from '@traiettorie/contracts';
import type { Caller } from '@traiettorie/access';
import { CommandHandling, CurrentCaller, ExpectedVersion, VersionETagInterceptor } from '@traiettorie/nest-kit';
import { commandOnReferral, ReferralCommandRoute, type Recorded } from '../employment/employment.http.js';
import { startTirocinioDecider } from './start-tirocinio.decider.js';
import { startTirocinioExamples, startTirocinioRequest } from './start-tirocinio.request.js';

/** POST /referrals/:caseId/tirocini (TirocinioStarted); If-Match makes it fail with 409 if the stream changed since. */
@ApiTags('referrals')
@Controller('referrals')
@UseInterceptors(VersionETagInterceptor)
export class StartTirocinioController {
  constructor(private readonly commands: CommandHandling) {}

  @ReferralCommandRoute({
    path: 'tirocini',
    operationId: 'Referral_startTirocinio',
    summary: "Record the start of a tirocinio (TirocinioStarted)",
    description: "Needs the PSP and starts on or after it; one tirocinio at a time; `tirocinioId` is the caller's, to end it later.",
    request: startTirocinioRequest,
    examples: startTirocinioExamples,
    recorded: "The tirocinio is recorded",
  })
  startTirocinio(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<Recorded> {
    return commandOnReferral(this.commands, startTirocinioDecider, {
      by: caller,
      caseId,
      expectedVersion,
      command: (id) => ({ type: 'StartTirocinio', caseId: id, data: parseOrThrow(startTirocinioRequest, body, 'request body') }),
    });
  }
}
