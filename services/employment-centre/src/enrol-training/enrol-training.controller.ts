import { Body, Controller, Param, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { parseOrThrow } from '@traiettorie/contracts';
import type { Caller } from '@traiettorie/access';
import { CommandHandling, CurrentCaller, ExpectedVersion, VersionETagInterceptor } from '@traiettorie/nest-kit';
import { commandOnReferral, ReferralCommandRoute, type Recorded } from '../employment/employment.http.js';
import { enrolTrainingDecider } from './enrol-training.decider.js';
import { enrolTrainingExamples, enrolTrainingRequest } from './enrol-training.request.js';

/** POST /referrals/:caseId/training-enrolments (TrainingEnrolled); If-Match makes it fail with 409 if the stream changed since. */
@ApiTags('referrals')
@Controller('referrals')
@UseInterceptors(VersionETagInterceptor)
export class EnrolTrainingController {
  constructor(private readonly commands: CommandHandling) {}

  @ReferralCommandRoute({
    path: 'training-enrolments',
    operationId: 'Referral_enrolTraining',
    summary: "Enrol the person in a course of the regional catalogue (TrainingEnrolled)",
    description: "Needs the PSP; a person is enrolled in a course once at a time.",
    request: enrolTrainingRequest,
    examples: enrolTrainingExamples,
    recorded: "The enrolment is recorded",
  })
  enrolTraining(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<Recorded> {
    return commandOnReferral(this.commands, enrolTrainingDecider, {
      by: caller,
      caseId,
      expectedVersion,
      command: (id) => ({ type: 'EnrolTraining', caseId: id, data: parseOrThrow(enrolTrainingRequest, body, 'request body') }),
    });
  }
}
