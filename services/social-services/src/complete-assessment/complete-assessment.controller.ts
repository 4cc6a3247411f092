import { Body, Controller, Param, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { parseOrThrow } from '@traiettorie/contracts';
import type { Caller } from '@traiettorie/access';
import { CommandHandling, CurrentCaller, ExpectedVersion, VersionETagInterceptor } from '@traiettorie/nest-kit';
import { CaseCommandRoute, commandOnCase, type CommandAccepted } from '../case/case.http.js';
import { completeAssessmentDecider } from './complete-assessment.decider.js';
import { completeAssessmentExamples, completeAssessmentRequest } from './complete-assessment.request.js';

/** POST /cases/:caseId/assessment (AssessmentCompleted); If-Match makes it fail with 409 if the case changed since. */
@ApiTags('cases')
@Controller('cases')
@UseInterceptors(VersionETagInterceptor)
export class CompleteAssessmentController {
  constructor(private readonly commands: CommandHandling) {}

  @CaseCommandRoute({
    path: 'assessment',
    operationId: 'Case_completeAssessment',
    summary: 'Record the completed assessment (AssessmentCompleted)',
    request: completeAssessmentRequest,
    examples: completeAssessmentExamples,
    recorded: 'The assessment is recorded',
  })
  completeAssessment(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<CommandAccepted> {
    return commandOnCase(this.commands, completeAssessmentDecider, {
      by: caller,
      caseId,
      expectedVersion,
      command: (id) => ({ type: 'CompleteAssessment', caseId: id, data: parseOrThrow(completeAssessmentRequest, body, 'request body') }),
    });
  }
}
