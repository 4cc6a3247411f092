import { Body, Controller, Param, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { parseOrThrow } from '@traiettorie/contracts';
import type { Caller } from '@traiettorie/access';
import { CommandHandling, CurrentCaller, ExpectedVersion, VersionETagInterceptor } from '@traiettorie/nest-kit';
import { CaseCommandRoute, commandOnCase, type CommandAccepted } from '../case/case.http.js';
import { updateConditionalityDecider } from './update-conditionality.decider.js';
import { updateConditionalityExamples, updateConditionalityRequest } from './update-conditionality.request.js';

/** POST /cases/:caseId/conditionality (ConditionalityUpdated); If-Match makes it fail with 409 if the case changed since. */
@ApiTags('cases')
@Controller('cases')
@UseInterceptors(VersionETagInterceptor)
export class UpdateConditionalityController {
  constructor(private readonly commands: CommandHandling) {}

  @CaseCommandRoute({
    path: 'conditionality',
    operationId: 'Case_updateConditionality',
    summary: "Record that the case's conditionality changed because of another agency's event, e.g. suspended while employed (ConditionalityUpdated)",
    description:
      'The social services record it on their own when the employment centre publishes an EmploymentStarted (a Kafka policy); this route records one the operator learnt of otherwise. Once per cause event: the same `causeEventId` twice is refused with 409.',
    request: updateConditionalityRequest,
    examples: updateConditionalityExamples,
    recorded: 'The conditionality is recorded',
  })
  updateConditionality(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<CommandAccepted> {
    return commandOnCase(this.commands, updateConditionalityDecider, {
      by: caller,
      caseId,
      expectedVersion,
      command: (id) => ({ type: 'UpdateConditionality', caseId: id, data: parseOrThrow(updateConditionalityRequest, body, 'request body') }),
    });
  }
}
