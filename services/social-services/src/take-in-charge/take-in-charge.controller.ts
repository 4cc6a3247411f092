import { Body, Controller, Param, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { parseOrThrow } from '@traiettorie/contracts';
import type { Caller } from '@traiettorie/access';
import { CommandHandling, CurrentCaller, ExpectedVersion, VersionETagInterceptor } from '@traiettorie/nest-kit';
import { CaseCommandRoute, commandOnCase, type CommandAccepted } from '../case/case.http.js';
import { takeInChargeDecider } from './take-in-charge.decider.js';
import { takeInChargeExamples, takeInChargeRequest } from './take-in-charge.request.js';

/** POST /cases/:caseId/taking-in-charge (CaseTakenInCharge); If-Match makes it fail with 409 if the case changed since. */
@ApiTags('cases')
@Controller('cases')
@UseInterceptors(VersionETagInterceptor)
export class TakeInChargeController {
  constructor(private readonly commands: CommandHandling) {}

  @CaseCommandRoute({
    path: 'taking-in-charge',
    operationId: 'Case_takeInCharge',
    summary: 'Record the presa in carico and the case manager (CaseTakenInCharge)',
    description: 'Once per case, before the preliminary analysis and the assessment; a referred household must first have attended its first appointment.',
    request: takeInChargeRequest,
    examples: takeInChargeExamples,
    recorded: 'The presa in carico is recorded',
  })
  takeInCharge(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<CommandAccepted> {
    return commandOnCase(this.commands, takeInChargeDecider, {
      by: caller,
      caseId,
      expectedVersion,
      command: (id) => ({ type: 'TakeInCharge', caseId: id, data: parseOrThrow(takeInChargeRequest, body, 'request body') }),
    });
  }
}
