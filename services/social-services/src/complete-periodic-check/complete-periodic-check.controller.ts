import { Body, Controller, Param, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { parseOrThrow } from '@traiettorie/contracts';
import type { Caller } from '@traiettorie/access';
import { CommandHandling, CurrentCaller, ExpectedVersion, VersionETagInterceptor } from '@traiettorie/nest-kit';
import { CaseCommandRoute, commandOnCase, type CommandAccepted } from '../case/case.http.js';
import { completePeriodicCheckDecider } from './complete-periodic-check.decider.js';
import { completePeriodicCheckExamples, completePeriodicCheckRequest } from './complete-periodic-check.request.js';

/** POST /cases/:caseId/periodic-checks (PeriodicCheckCompleted); If-Match makes it fail with 409 if the case changed since. */
@ApiTags('cases')
@Controller('cases')
@UseInterceptors(VersionETagInterceptor)
export class CompletePeriodicCheckController {
  constructor(private readonly commands: CommandHandling) {}

  @CaseCommandRoute({
    path: 'periodic-checks',
    operationId: 'Case_completePeriodicCheck',
    summary: 'Record the periodic check of the pathway, due every 90 days (PeriodicCheckCompleted)',
    description: 'Each check comes after the previous one and not before the presa in carico; the next is due within 90 days.',
    request: completePeriodicCheckRequest,
    examples: completePeriodicCheckExamples,
    recorded: 'The check is recorded',
  })
  completePeriodicCheck(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<CommandAccepted> {
    return commandOnCase(this.commands, completePeriodicCheckDecider, {
      by: caller,
      caseId,
      expectedVersion,
      command: (id) => ({ type: 'CompletePeriodicCheck', caseId: id, data: parseOrThrow(completePeriodicCheckRequest, body, 'request body') }),
    });
  }
}
