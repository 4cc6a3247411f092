import { Body, Controller, Param, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { parseOrThrow } from '@traiettorie/contracts';
import type { Caller } from '@traiettorie/access';
import { CommandHandling, CurrentCaller, ExpectedVersion, VersionETagInterceptor } from '@traiettorie/nest-kit';
import { CaseCommandRoute, commandOnCase, type CommandAccepted } from '../case/case.http.js';
import { completePreliminaryAnalysisDecider } from './complete-preliminary-analysis.decider.js';
import { completePreliminaryAnalysisExamples, completePreliminaryAnalysisRequest } from './complete-preliminary-analysis.request.js';

/** POST /cases/:caseId/preliminary-analysis (PreliminaryAnalysisCompleted); If-Match makes it fail with 409 if the case changed since. */
@ApiTags('cases')
@Controller('cases')
@UseInterceptors(VersionETagInterceptor)
export class CompletePreliminaryAnalysisController {
  constructor(private readonly commands: CommandHandling) {}

  @CaseCommandRoute({
    path: 'preliminary-analysis',
    operationId: 'Case_completePreliminaryAnalysis',
    summary: 'Record the analisi preliminare: its outcome and the need dimensions (PreliminaryAnalysisCompleted)',
    description: 'Once per case, after the presa in carico and before the assessment. An outcome `quadro-required` asks for the EEMM (`POST /cases/{caseId}/eemm`) before the assessment.',
    request: completePreliminaryAnalysisRequest,
    examples: completePreliminaryAnalysisExamples,
    recorded: 'The preliminary analysis is recorded',
  })
  completePreliminaryAnalysis(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<CommandAccepted> {
    return commandOnCase(this.commands, completePreliminaryAnalysisDecider, {
      by: caller,
      caseId,
      expectedVersion,
      command: (id) => ({ type: 'CompletePreliminaryAnalysis', caseId: id, data: parseOrThrow(completePreliminaryAnalysisRequest, body, 'request body') }),
    });
  }
}
