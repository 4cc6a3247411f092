import { Body, Controller, Param, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { parseOrThrow } from '@traiettorie/contracts';
import type { Caller } from '@traiettorie/access';
import { CommandHandling, CurrentCaller, ExpectedVersion, VersionETagInterceptor } from '@traiettorie/nest-kit';
import { CaseCommandRoute, commandOnCase, type CommandAccepted } from '../case/case.http.js';
import { activateSupportDecider } from './activate-support.decider.js';
import { activateSupportExamples, activateSupportRequest } from './activate-support.request.js';

/** POST /cases/:caseId/supports (SupportActivated); If-Match makes it fail with 409 if the case changed since. */
@ApiTags('cases')
@Controller('cases')
@UseInterceptors(VersionETagInterceptor)
export class ActivateSupportController {
  constructor(private readonly commands: CommandHandling) {}

  @CaseCommandRoute({
    path: 'supports',
    operationId: 'Case_activateSupport',
    summary: 'Record a support of the pact activated with its provider (SupportActivated)',
    description:
      'Only after the pact is signed, for a support the pact (as last revised) provides: family and cultural mediation deliver `mediation`, a local borsa lavoro `borsa-lavoro`. The support id is generated unless `supportId` is given; the same id twice is refused with 409.',
    request: activateSupportRequest,
    examples: activateSupportExamples,
    recorded: 'The support is recorded',
  })
  activateSupport(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<CommandAccepted> {
    return commandOnCase(this.commands, activateSupportDecider, {
      by: caller,
      caseId,
      expectedVersion,
      command: (id) => {
        const { supportId = this.commands.newId(), ...rest } = parseOrThrow(activateSupportRequest, body, 'request body');
        return { type: 'ActivateSupport', caseId: id, data: { supportId, ...rest } };
      },
    });
  }
}
