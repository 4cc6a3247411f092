import { Body, Controller, Param, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { parseOrThrow } from '@traiettorie/contracts';
import type { Caller } from '@traiettorie/access';
import { CommandHandling, CurrentCaller, ExpectedVersion, VersionETagInterceptor } from '@traiettorie/nest-kit';
import { CaseCommandRoute, commandOnCase, type CommandAccepted } from '../case/case.http.js';
import { revisePactDecider } from './revise-pact.decider.js';
import { revisePactExamples, revisePactRequest } from './revise-pact.request.js';

/** POST /cases/:caseId/pact-revisions (PactRevised); If-Match makes it fail with 409 if the case changed since. */
@ApiTags('cases')
@Controller('cases')
@UseInterceptors(VersionETagInterceptor)
export class RevisePactController {
  constructor(private readonly commands: CommandHandling) {}

  @CaseCommandRoute({
    path: 'pact-revisions',
    operationId: 'Case_revisePact',
    summary: "Record a revision of the Patto per l'inclusione, the whole revised pact (PactRevised)",
    description:
      'Only after the pact is signed. `pactId` defaults to the case\'s pact and `revision` to the next one (1 for the first); a different pact id, a skipped revision number or a date before the last signature or revision is refused with 409.',
    request: revisePactRequest,
    examples: revisePactExamples,
    recorded: 'The revision is recorded',
  })
  revisePact(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<CommandAccepted> {
    return commandOnCase(this.commands, revisePactDecider, {
      by: caller,
      caseId,
      expectedVersion,
      command: (id) => ({ type: 'RevisePact', caseId: id, data: parseOrThrow(revisePactRequest, body, 'request body') }),
    });
  }
}
