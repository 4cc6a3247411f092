import { Body, Controller, Param, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Caller } from '@traiettorie/access';
import { parseOrThrow } from '@traiettorie/contracts';
import { CommandHandling, CurrentCaller, ExpectedVersion, VersionETagInterceptor } from '@traiettorie/nest-kit';
import { commandOnOperation } from '../operation/operation.command.js';
import { ProgrammeCommandRoute, type OperationCommandAccepted } from '../programme.http.js';
import { closeOperationDecider } from './close-operation.decider.js';
import { closeOperationExamples, closeOperationRequest } from './close-operation.request.js';

/** POST /operations/:projectCode/closure (OperationClosed). */
@ApiTags('operations')
@Controller('operations')
@UseInterceptors(VersionETagInterceptor)
export class CloseOperationController {
  constructor(private readonly commands: CommandHandling) {}

  @ProgrammeCommandRoute({
    on: 'operation',
    path: 'closure',
    operationId: 'Operation_close',
    summary: 'Close a funded operation: outcome, participants reached, approved and eligible cost (OperationClosed)',
    description:
      'Once (409 the second time), under the operation\'s CUP, not before the end of a period it declared expenditure for. A closed operation takes no further declaration and enrols no one.',
    request: closeOperationRequest,
    examples: closeOperationExamples,
    recorded: 'The operation is closed',
  })
  close(@Param('projectCode') projectCode: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<OperationCommandAccepted> {
    return commandOnOperation(this.commands, closeOperationDecider, {
      by: caller,
      projectCode,
      expectedVersion,
      command: (code, identity) => {
        const { ambito, legalBasis, ...data } = parseOrThrow(closeOperationRequest, body, 'request body');
        return { type: 'CloseOperation', projectCode: code, identity: identity(ambito, legalBasis), data };
      },
    });
  }
}
