import { Body, Controller, Param, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { parseOrThrow } from '@traiettorie/contracts';
import type { Caller } from '@traiettorie/access';
import { CommandHandling, CurrentCaller, ExpectedVersion, VersionETagInterceptor } from '@traiettorie/nest-kit';
import { commandOnReferral, ReferralCommandRoute, type Recorded } from '../employment/employment.http.js';
import { endTirocinioDecider } from './end-tirocinio.decider.js';
import { endTirocinioExamples, endTirocinioRequest } from './end-tirocinio.request.js';

/** POST /referrals/:caseId/tirocinio-endings (TirocinioEnded); If-Match makes it fail with 409 if the stream changed since. */
@ApiTags('referrals')
@Controller('referrals')
@UseInterceptors(VersionETagInterceptor)
export class EndTirocinioController {
  constructor(private readonly commands: CommandHandling) {}

  @ReferralCommandRoute({
    path: 'tirocinio-endings',
    operationId: 'Referral_endTirocinio',
    summary: "Record the end of a tirocinio (TirocinioEnded)",
    description: "Only a started tirocinio ends, once, not before its start.",
    request: endTirocinioRequest,
    examples: endTirocinioExamples,
    recorded: "The end of the tirocinio is recorded",
  })
  endTirocinio(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<Recorded> {
    return commandOnReferral(this.commands, endTirocinioDecider, {
      by: caller,
      caseId,
      expectedVersion,
      command: (id) => ({ type: 'EndTirocinio', caseId: id, data: parseOrThrow(endTirocinioRequest, body, 'request body') }),
    });
  }
}
