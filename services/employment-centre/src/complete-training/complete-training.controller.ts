import { Body, Controller, Param, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { parseOrThrow } from '@traiettorie/contracts';
import type { Caller } from '@traiettorie/access';
import { CommandHandling, CurrentCaller, ExpectedVersion, VersionETagInterceptor } from '@traiettorie/nest-kit';
import { commandOnReferral, ReferralCommandRoute, type Recorded } from '../employment/employment.http.js';
import { completeTrainingDecider } from './complete-training.decider.js';
import { completeTrainingExamples, completeTrainingRequest } from './complete-training.request.js';

/** POST /referrals/:caseId/training-completions (TrainingCompleted); If-Match makes it fail with 409 if the stream changed since. */
@ApiTags('referrals')
@Controller('referrals')
@UseInterceptors(VersionETagInterceptor)
export class CompleteTrainingController {
  constructor(private readonly commands: CommandHandling) {}

  @ReferralCommandRoute({
    path: 'training-completions',
    operationId: 'Referral_completeTraining',
    summary: "Record how a course ended for the person (TrainingCompleted)",
    description: "Only for a course the person is enrolled in (the same `courseId`), once.",
    request: completeTrainingRequest,
    examples: completeTrainingExamples,
    recorded: "The course's outcome is recorded",
  })
  completeTraining(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<Recorded> {
    return commandOnReferral(this.commands, completeTrainingDecider, {
      by: caller,
      caseId,
      expectedVersion,
      command: (id) => ({ type: 'CompleteTraining', caseId: id, data: parseOrThrow(completeTrainingRequest, body, 'request body') }),
    });
  }
}
