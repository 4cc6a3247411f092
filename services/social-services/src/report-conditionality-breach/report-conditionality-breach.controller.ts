import { Body, Controller, Param, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { parseOrThrow } from '@traiettorie/contracts';
import type { Caller } from '@traiettorie/access';
import { CommandHandling, CurrentCaller, ExpectedVersion, VersionETagInterceptor } from '@traiettorie/nest-kit';
import { CaseCommandRoute, commandOnCase, type CommandAccepted } from '../case/case.http.js';
import { reportConditionalityBreachDecider } from './report-conditionality-breach.decider.js';
import { reportConditionalityBreachExamples, reportConditionalityBreachRequest } from './report-conditionality-breach.request.js';

/** POST /cases/:caseId/conditionality-breaches (ConditionalityBreachReported); If-Match makes it fail with 409 if the case changed since. */
@ApiTags('cases')
@Controller('cases')
@UseInterceptors(VersionETagInterceptor)
export class ReportConditionalityBreachController {
  constructor(private readonly commands: CommandHandling) {}

  @CaseCommandRoute({
    path: 'conditionality-breaches',
    operationId: 'Case_reportConditionalityBreach',
    summary: 'Record a breach of the measure\'s conditions reported to INPS (ConditionalityBreachReported)',
    description: 'A breach needs what it is about: a missed first appointment the referral that set it, an unmet commitment the pact, a PUC not attended the member\'s assignment to it; the same breach is reported once.',
    request: reportConditionalityBreachRequest,
    examples: reportConditionalityBreachExamples,
    recorded: 'The breach is recorded',
  })
  reportConditionalityBreach(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<CommandAccepted> {
    return commandOnCase(this.commands, reportConditionalityBreachDecider, {
      by: caller,
      caseId,
      expectedVersion,
      command: (id) => ({ type: 'ReportConditionalityBreach', caseId: id, data: parseOrThrow(reportConditionalityBreachRequest, body, 'request body') }),
    });
  }
}
