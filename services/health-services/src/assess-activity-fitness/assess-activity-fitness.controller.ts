import { Body, Controller, Param, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Caller } from '@traiettorie/access';
import { parseOrThrow } from '@traiettorie/contracts';
import {
  caseIdentityAndData,
  CaseRecordCommandRoute,
  CommandHandling,
  commandOnCaseRecord,
  CurrentCaller,
  ExpectedVersion,
  VersionETagInterceptor,
  type CaseRecordCommandAccepted,
} from '@traiettorie/nest-kit';
import { healthStream } from '../health-record/health-record.state.js';
import { assessActivityFitnessDecider } from './assess-activity-fitness.decider.js';
import { assessActivityFitnessExamples, assessActivityFitnessRequest } from './assess-activity-fitness.request.js';

/** POST /cases/:caseId/activity-fitness (ActivityFitnessAssessed). */
@ApiTags('health records')
@Controller('cases')
@UseInterceptors(VersionETagInterceptor)
export class AssessActivityFitnessController {
  constructor(private readonly commands: CommandHandling) {}

  @CaseRecordCommandRoute({
    path: 'activity-fitness',
    operationId: 'Health_assessActivityFitness',
    summary: 'State fitness for activation activities, without diagnosis (ActivityFitnessAssessed)',
    description:
      'Fit, fit with adjustments (from a closed list) or temporarily not fit, for which activities, until when. Never a diagnosis: ' +
      'there is no free-text field and unknown fields are refused. Refused with 409 before a specialist service is involved.',
    request: assessActivityFitnessRequest,
    examples: assessActivityFitnessExamples,
    recorded: 'The fitness statement is recorded',
  })
  assess(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<CaseRecordCommandAccepted> {
    return commandOnCaseRecord(this.commands, assessActivityFitnessDecider, {
      by: caller,
      caseId,
      stream: healthStream,
      expectedVersion,
      command: (id) => ({ type: 'AssessActivityFitness' as const, caseId: id, ...caseIdentityAndData(parseOrThrow(assessActivityFitnessRequest, body, 'request body')) }),
    });
  }
}
