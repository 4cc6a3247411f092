import { Body, Controller, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { parseOrThrow } from '@traiettorie/contracts';
import { ApiProblems, ApiZodBody, ApiZodResponse, CommandHandling, ExpectedVersion, VersionETagInterceptor } from '@traiettorie/nest-kit';
import { caseIdParam, caseIdPath, commandAccepted, commandAcceptedResponse, etagHeader, ifMatchApiHeader, type CommandAccepted } from '../case/case.http.js';
import { caseStream } from '../case/case.state.js';
import { completeAssessmentDecider } from './complete-assessment.decider.js';
import { completeAssessmentExamples, completeAssessmentRequest } from './complete-assessment.request.js';

/** POST /cases/:caseId/assessment (AssessmentCompleted); If-Match makes it fail with 409 if the case changed since. */
@ApiTags('cases')
@Controller('cases')
@UseInterceptors(VersionETagInterceptor)
export class CompleteAssessmentController {
  constructor(private readonly commands: CommandHandling) {}

  @Post(':caseId/assessment')
  @HttpCode(201)
  @ApiOperation({ operationId: 'Case_completeAssessment', summary: 'Record the completed assessment (AssessmentCompleted)' })
  @ApiParam(caseIdPath)
  @ApiHeader(ifMatchApiHeader)
  @ApiZodBody(completeAssessmentRequest, { examples: completeAssessmentExamples })
  @ApiZodResponse(201, commandAcceptedResponse, { description: 'The assessment is recorded', headers: etagHeader })
  @ApiProblems(400, 404, 409, 415, 422)
  async completeAssessment(
    @Param('caseId') caseId: string,
    @ExpectedVersion() expectedVersion: number | undefined,
    @Body() body: unknown,
  ): Promise<CommandAccepted> {
    const id = parseOrThrow(caseIdParam, caseId, 'case id');
    const data = parseOrThrow(completeAssessmentRequest, body, 'request body');
    const result = await this.commands.handle(completeAssessmentDecider, {
      stream: caseStream(id),
      command: { type: 'CompleteAssessment', caseId: id, data },
      expectedVersion,
    });
    return commandAccepted(id, result);
  }
}
