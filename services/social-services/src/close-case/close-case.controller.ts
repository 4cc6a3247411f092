import { Body, Controller, Param, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { parseOrThrow } from '@traiettorie/contracts';
import type { Caller } from '@traiettorie/access';
import { CommandHandling, CurrentCaller, ExpectedVersion, VersionETagInterceptor } from '@traiettorie/nest-kit';
import { CaseCommandRoute, commandOnCase, type CommandAccepted } from '../case/case.http.js';
import { closeCaseDecider } from './close-case.decider.js';
import { closeCaseExamples, closeCaseRequest } from './close-case.request.js';

/** POST /cases/:caseId/closure (CaseClosed); If-Match makes it fail with 409 if the case changed since. */
@ApiTags('cases')
@Controller('cases')
@UseInterceptors(VersionETagInterceptor)
export class CloseCaseController {
  constructor(private readonly commands: CommandHandling) {}

  @CaseCommandRoute({
    path: 'closure',
    operationId: 'Case_close',
    summary: 'Close the case (CaseClosed)',
    description: 'A closed case takes no further command; closing it again is refused with 409.',
    request: closeCaseRequest,
    examples: closeCaseExamples,
    recorded: 'The case is closed',
  })
  close(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<CommandAccepted> {
    return commandOnCase(this.commands, closeCaseDecider, {
      by: caller,
      caseId,
      expectedVersion,
      command: (id) => ({ type: 'CloseCase', caseId: id, data: parseOrThrow(closeCaseRequest, body, 'request body') }),
    });
  }
}
