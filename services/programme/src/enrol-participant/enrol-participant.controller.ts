import { Body, Controller, Param, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Caller } from '@traiettorie/access';
import { parseOrThrow } from '@traiettorie/contracts';
import { CommandHandling, CurrentCaller, ExpectedVersion, VersionETagInterceptor } from '@traiettorie/nest-kit';
import { operationFactsOf, operationStream } from '../operation/operation.state.js';
import { commandOnParticipation } from '../participation/participation.command.js';
import { ProgrammeCommandRoute, type ParticipationCommandAccepted } from '../programme.http.js';
import { enrolParticipantDecider } from './enrol-participant.decider.js';
import { enrolParticipantExamples, enrolParticipantRequest } from './enrol-participant.request.js';

/** POST /participations/:caseId/enrolment (ParticipantEnrolledInOperation): opens the participation's stream. */
@ApiTags('participations')
@Controller('participations')
@UseInterceptors(VersionETagInterceptor)
export class EnrolParticipantController {
  constructor(private readonly commands: CommandHandling) {}

  @ProgrammeCommandRoute({
    on: 'participation',
    path: 'enrolment',
    operationId: 'Participation_enrol',
    summary: 'Enrol the person of a case in a funded operation, with the ESF+ data at entry (ParticipantEnrolledInOperation)',
    description:
      'Opens the participation (`participation-<caseId>`). A case is enrolled once (409 the second time); an operation already closed enrols no one, and the CUP must be the one the operation is recorded with (409).',
    request: enrolParticipantRequest,
    examples: enrolParticipantExamples,
    recorded: 'The person is enrolled in the operation',
  })
  async enrol(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<ParticipationCommandAccepted> {
    const { ambito, personRef, legalBasis, ...data } = parseOrThrow(enrolParticipantRequest, body, 'request body');
    // The operation's own stream, read just before: the enrolment's decider sees only the participation's.
    const operation = operationFactsOf(await this.commands.historyOf(operationStream(data.projectCode)));
    return commandOnParticipation(this.commands, enrolParticipantDecider, {
      by: caller,
      caseId,
      expectedVersion,
      command: (id) => ({ type: 'EnrolParticipant', caseId: id, ambito, personRef, legalBasis, data, operation }),
    });
  }
}
