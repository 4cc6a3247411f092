import { Body, Controller, Param, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Caller } from '@traiettorie/access';
import { parseOrThrow } from '@traiettorie/contracts';
import { CommandHandling, CurrentCaller, ExpectedVersion, VersionETagInterceptor } from '@traiettorie/nest-kit';
import { commandOnOperation } from '../operation/operation.command.js';
import { ProgrammeCommandRoute, type OperationCommandAccepted } from '../programme.http.js';
import { declareExpenditureDecider } from './declare-expenditure.decider.js';
import { declareExpenditureExamples, declareExpenditureRequest } from './declare-expenditure.request.js';

/** POST /operations/:projectCode/expenditure (ExpenditureDeclared). */
@ApiTags('operations')
@Controller('operations')
@UseInterceptors(VersionETagInterceptor)
export class DeclareExpenditureController {
  constructor(private readonly commands: CommandHandling) {}

  @ProgrammeCommandRoute({
    on: 'operation',
    path: 'expenditure',
    operationId: 'Operation_declareExpenditure',
    summary: 'Declare the expenditure of a funded operation for a period, by cost category and funding source (ExpenditureDeclared)',
    description:
      'Amounts in integer euro cents; the lines add up to the total. The body\'s `projectCode` is the path\'s, its CUP the operation\'s; a declaration id is declared once, and nothing after the operation\'s closure (409).',
    request: declareExpenditureRequest,
    examples: declareExpenditureExamples,
    recorded: 'The expenditure is declared',
  })
  declare(@Param('projectCode') projectCode: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<OperationCommandAccepted> {
    return commandOnOperation(this.commands, declareExpenditureDecider, {
      by: caller,
      projectCode,
      expectedVersion,
      command: (code, identity) => {
        const { ambito, legalBasis, ...data } = parseOrThrow(declareExpenditureRequest, body, 'request body');
        return { type: 'DeclareExpenditure', projectCode: code, identity: identity(ambito, legalBasis), data };
      },
    });
  }
}
