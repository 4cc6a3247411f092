import { Body, Controller, Param, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Caller } from '@traiettorie/access';
import { parseOrThrow } from '@traiettorie/contracts';
import { CommandHandling, CurrentCaller, ExpectedVersion, VersionETagInterceptor } from '@traiettorie/nest-kit';
import { commandOnParticipation } from '../participation/participation.command.js';
import { ProgrammeCommandRoute, type ParticipationCommandAccepted } from '../programme.http.js';
import { situationUponLeavingDecider } from './situation-upon-leaving.decider.js';
import { situationUponLeavingExamples, situationUponLeavingRequest } from './situation-upon-leaving.request.js';

/** POST /participations/:caseId/situation-upon-leaving (SituationUponLeaving). */
@ApiTags('participations')
@Controller('participations')
@UseInterceptors(VersionETagInterceptor)
export class SituationUponLeavingController {
  constructor(private readonly commands: CommandHandling) {}

  @ProgrammeCommandRoute({
    on: 'participation',
    path: 'situation-upon-leaving',
    operationId: 'Participation_situationUponLeaving',
    summary: "Record the person's situation upon leaving, as assessed on a day (SituationUponLeaving)",
    description:
      'After the exit, about that exit (`leftOn`), assessed within the four weeks after it. It may be recorded more than once within the window; the last one assessed is what ESF+ counts (`GET /participations/{caseId}`, `countedSituation`). Outside the window, or before the exit, 409.',
    request: situationUponLeavingRequest,
    examples: situationUponLeavingExamples,
    recorded: 'The situation upon leaving is recorded',
  })
  record(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<ParticipationCommandAccepted> {
    return commandOnParticipation(this.commands, situationUponLeavingDecider, {
      by: caller,
      caseId,
      expectedVersion,
      command: (id) => ({ type: 'RecordSituationUponLeaving', caseId: id, data: parseOrThrow(situationUponLeavingRequest, body, 'request body') }),
    });
  }
}
