import { Body, Controller, Param, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { parseOrThrow } from '@traiettorie/contracts';
import type { Caller } from '@traiettorie/access';
import { CommandHandling, CurrentCaller, ExpectedVersion, VersionETagInterceptor } from '@traiettorie/nest-kit';
import { CaseCommandRoute, commandOnCase, type CommandAccepted } from '../case/case.http.js';
import { signPactDecider } from './sign-pact.decider.js';
import { signPactExamples, signPactRequest } from './sign-pact.request.js';

/** POST /cases/:caseId/pact (PactSigned); If-Match makes it fail with 409 if the case changed since. */
@ApiTags('cases')
@Controller('cases')
@UseInterceptors(VersionETagInterceptor)
export class SignPactController {
  constructor(private readonly commands: CommandHandling) {}

  @CaseCommandRoute({
    path: 'pact',
    operationId: 'Case_signPact',
    summary: "Record the signed Patto per l'inclusione (PactSigned)",
    description: 'The pact id is generated unless `pactId` is given.',
    request: signPactRequest,
    examples: signPactExamples,
    recorded: 'The pact is recorded',
  })
  signPact(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<CommandAccepted> {
    return commandOnCase(this.commands, signPactDecider, {
      by: caller,
      caseId,
      expectedVersion,
      command: (id) => {
        const { pactId = this.commands.newId(), ...rest } = parseOrThrow(signPactRequest, body, 'request body');
        return { type: 'SignPact', caseId: id, data: { pactId, ...rest } };
      },
    });
  }
}
