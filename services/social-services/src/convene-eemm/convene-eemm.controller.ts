import { Body, Controller, Param, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { parseOrThrow } from '@traiettorie/contracts';
import type { Caller } from '@traiettorie/access';
import { CommandHandling, CurrentCaller, ExpectedVersion, VersionETagInterceptor } from '@traiettorie/nest-kit';
import { CaseCommandRoute, commandOnCase, type CommandAccepted } from '../case/case.http.js';
import { conveneEemmDecider } from './convene-eemm.decider.js';
import { conveneEemmExamples, conveneEemmRequest } from './convene-eemm.request.js';

/** POST /cases/:caseId/eemm (EEMMConvened); If-Match makes it fail with 409 if the case changed since. */
@ApiTags('cases')
@Controller('cases')
@UseInterceptors(VersionETagInterceptor)
export class ConveneEemmController {
  constructor(private readonly commands: CommandHandling) {}

  @CaseCommandRoute({
    path: 'eemm',
    operationId: 'Case_conveneEemm',
    summary: 'Record a meeting of the équipe multidisciplinare for the quadro di analisi (EEMMConvened)',
    description: 'Only when the preliminary analysis asked for a quadro di analisi; each later meeting comes after the previous one.',
    request: conveneEemmRequest,
    examples: conveneEemmExamples,
    recorded: 'The meeting is recorded',
  })
  conveneEemm(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<CommandAccepted> {
    return commandOnCase(this.commands, conveneEemmDecider, {
      by: caller,
      caseId,
      expectedVersion,
      command: (id) => ({ type: 'ConveneEemm', caseId: id, data: parseOrThrow(conveneEemmRequest, body, 'request body') }),
    });
  }
}
