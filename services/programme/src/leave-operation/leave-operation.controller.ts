import { Body, Controller, Param, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Caller } from '@traiettorie/access';
import { parseOrThrow } from '@traiettorie/contracts';
import { CommandHandling, CurrentCaller, ExpectedVersion, VersionETagInterceptor } from '@traiettorie/nest-kit';
import { commandOnParticipation } from '../participation/participation.command.js';
import { ProgrammeCommandRoute, type ParticipationCommandAccepted } from '../programme.http.js';
import { leaveOperationDecider } from './leave-operation.decider.js';
import { leaveOperationExamples, leaveOperationRequest } from './leave-operation.request.js';

/** POST /participations/:caseId/exit (ParticipantLeftOperation). */
@ApiTags('participations')
@Controller('participations')
@UseInterceptors(VersionETagInterceptor)
export class LeaveOperationController {
  constructor(private readonly commands: CommandHandling) {}

  @ProgrammeCommandRoute({
    on: 'participation',
    path: 'exit',
    operationId: 'Participation_leave',
    summary: 'Record that the person left the funded operation: date and reason (ParticipantLeftOperation)',
    description:
      'Leaving the funded operation, not a single service: a partner\'s `ParticipantExitRecorded` (third sector) does not end the participation. Once per participation (409 the second time), not before the entry.',
    request: leaveOperationRequest,
    examples: leaveOperationExamples,
    recorded: 'The exit from the operation is recorded',
  })
  leave(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<ParticipationCommandAccepted> {
    return commandOnParticipation(this.commands, leaveOperationDecider, {
      by: caller,
      caseId,
      expectedVersion,
      command: (id) => ({ type: 'LeaveOperation', caseId: id, data: parseOrThrow(leaveOperationRequest, body, 'request body') }),
    });
  }
}
