import { Body, Controller, Param, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { parseOrThrow } from '@traiettorie/contracts';
import type { Caller } from '@traiettorie/access';
import { CommandHandling, CurrentCaller, ExpectedVersion, VersionETagInterceptor } from '@traiettorie/nest-kit';
import { CaseCommandRoute, commandOnCase, type CommandAccepted } from '../case/case.http.js';
import { assignPucDecider } from './assign-puc.decider.js';
import { assignPucExamples, assignPucRequest } from './assign-puc.request.js';

/** POST /cases/:caseId/puc-assignments (PUCAssigned); If-Match makes it fail with 409 if the case changed since. */
@ApiTags('cases')
@Controller('cases')
@UseInterceptors(VersionETagInterceptor)
export class AssignPucController {
  constructor(private readonly commands: CommandHandling) {}

  @CaseCommandRoute({
    path: 'puc-assignments',
    operationId: 'Case_assignPuc',
    summary: 'Assign a household member bound by the pact to a PUC of the Comune (PUCAssigned)',
    description: 'After the pact is signed, for a member it binds; the same member is not assigned twice to the same PUC for overlapping dates.',
    request: assignPucRequest,
    examples: assignPucExamples,
    recorded: 'The assignment is recorded',
  })
  assignPuc(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<CommandAccepted> {
    return commandOnCase(this.commands, assignPucDecider, {
      by: caller,
      caseId,
      expectedVersion,
      command: (id) => ({ type: 'AssignPuc', caseId: id, data: parseOrThrow(assignPucRequest, body, 'request body') }),
    });
  }
}
