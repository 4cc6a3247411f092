import { Body, Controller, Param, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { parseOrThrow } from '@traiettorie/contracts';
import type { Caller } from '@traiettorie/access';
import { CommandHandling, CurrentCaller, ExpectedVersion, VersionETagInterceptor } from '@traiettorie/nest-kit';
import { commandOnReferral, ReferralCommandRoute, type Recorded } from '../employment/employment.http.js';
import { completeProfilingDecider } from './complete-profiling.decider.js';
import { completeProfilingExamples, completeProfilingRequest } from './complete-profiling.request.js';

/** POST /referrals/:caseId/profiling (ProfilingCompleted); If-Match makes it fail with 409 if the stream changed since. */
@ApiTags('referrals')
@Controller('referrals')
@UseInterceptors(VersionETagInterceptor)
export class CompleteProfilingController {
  constructor(private readonly commands: CommandHandling) {}

  @ReferralCommandRoute({
    path: 'profiling',
    operationId: 'Referral_completeProfiling',
    summary: "Record the quantitative profiling (ProfilingCompleted)",
    description: "Refused before the DID, and dated before the DID or the last profiling.",
    request: completeProfilingRequest,
    examples: completeProfilingExamples,
    recorded: "The profiling is recorded",
  })
  completeProfiling(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<Recorded> {
    return commandOnReferral(this.commands, completeProfilingDecider, {
      by: caller,
      caseId,
      expectedVersion,
      command: (id) => ({ type: 'CompleteProfiling', caseId: id, data: parseOrThrow(completeProfilingRequest, body, 'request body') }),
    });
  }
}
