import { Body, Controller, Param, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Caller } from '@traiettorie/access';
import { parseOrThrow } from '@traiettorie/contracts';
import { CommandHandling, CurrentCaller, ExpectedVersion, VersionETagInterceptor } from '@traiettorie/nest-kit';
import { commandOnParticipation } from '../participation/participation.command.js';
import { ProgrammeCommandRoute, type ParticipationCommandAccepted } from '../programme.http.js';
import { sixMonthFollowUpDecider } from './six-month-follow-up.decider.js';
import { sixMonthFollowUpExamples, sixMonthFollowUpRequest } from './six-month-follow-up.request.js';

/** POST /participations/:caseId/six-month-follow-up (SixMonthFollowUpRecorded). */
@ApiTags('participations')
@Controller('participations')
@UseInterceptors(VersionETagInterceptor)
export class SixMonthFollowUpController {
  constructor(private readonly commands: CommandHandling) {}

  @ProgrammeCommandRoute({
    on: 'participation',
    path: 'six-month-follow-up',
    operationId: 'Participation_sixMonthFollowUp',
    summary: "Record the person's situation six months after leaving the operation (SixMonthFollowUpRecorded)",
    description: 'After the exit, about that exit (`exitDate`), from six months after it; once per participation. Before the exit or before six months, 409.',
    request: sixMonthFollowUpRequest,
    examples: sixMonthFollowUpExamples,
    recorded: 'The six-month follow-up is recorded',
  })
  record(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<ParticipationCommandAccepted> {
    return commandOnParticipation(this.commands, sixMonthFollowUpDecider, {
      by: caller,
      caseId,
      expectedVersion,
      command: (id) => ({ type: 'RecordSixMonthFollowUp', caseId: id, data: parseOrThrow(sixMonthFollowUpRequest, body, 'request body') }),
    });
  }
}
