import { Body, Controller, Param, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Caller } from '@traiettorie/access';
import { parseOrThrow } from '@traiettorie/contracts';
import {
  caseIdentityAndData,
  CaseRecordCommandRoute,
  CommandHandling,
  commandOnCaseRecord,
  CurrentCaller,
  ExpectedVersion,
  VersionETagInterceptor,
  type CaseRecordCommandAccepted,
} from '@traiettorie/nest-kit';
import { deliveryStream } from '../delivery/delivery.state.js';
import { recordParticipantExitDecider } from './record-participant-exit.decider.js';
import { recordParticipantExitExamples, recordParticipantExitRequest } from './record-participant-exit.request.js';

/** POST /cases/:caseId/exits (ParticipantExitRecorded). */
@ApiTags('deliveries')
@Controller('cases')
@UseInterceptors(VersionETagInterceptor)
export class RecordParticipantExitController {
  constructor(private readonly commands: CommandHandling) {}

  @CaseRecordCommandRoute({
    path: 'exits',
    operationId: 'Delivery_recordExit',
    summary: 'Record that the person left a delivery, with their situation at exit (ParticipantExitRecorded)',
    description: 'Once per delivery (409 the second time; 404 for a delivery never started). The situation at exit is assessed within 4 weeks, as the ESF+ immediate results count it. Leaving a delivery is not leaving the funded operation (the programme office records that).',
    request: recordParticipantExitRequest,
    examples: recordParticipantExitExamples,
    recorded: 'The exit is recorded',
  })
  record(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<CaseRecordCommandAccepted> {
    return commandOnCaseRecord(this.commands, recordParticipantExitDecider, {
      by: caller,
      caseId,
      stream: deliveryStream,
      expectedVersion,
      command: (id) => ({ type: 'RecordParticipantExit' as const, caseId: id, ...caseIdentityAndData(parseOrThrow(recordParticipantExitRequest, body, 'request body')) }),
    });
  }
}
