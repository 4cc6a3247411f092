import { Body, Controller, Param, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { parseOrThrow } from '@traiettorie/contracts';
import type { Caller } from '@traiettorie/access';
import { CommandHandling, CurrentCaller, ExpectedVersion, VersionETagInterceptor } from '@traiettorie/nest-kit';
import { CaseCommandRoute, commandOnCase, type CommandAccepted } from '../case/case.http.js';
import { recordFirstAppointmentDecider } from './record-first-appointment.decider.js';
import { recordFirstAppointmentExamples, recordFirstAppointmentRequest } from './record-first-appointment.request.js';

/** POST /cases/:caseId/first-appointment (FirstAppointmentHeld); If-Match makes it fail with 409 if the case changed since. */
@ApiTags('cases')
@Controller('cases')
@UseInterceptors(VersionETagInterceptor)
export class RecordFirstAppointmentController {
  constructor(private readonly commands: CommandHandling) {}

  @CaseCommandRoute({
    path: 'first-appointment',
    operationId: 'Case_recordFirstAppointment',
    summary: 'Record the first appointment: attended, or missed with or without justification (FirstAppointmentHeld)',
    description: 'Only after the referral (`POST /cases/{caseId}/referral`), not before the day it was received; after an absence the next appointment is recorded again; once attended, it is refused.',
    request: recordFirstAppointmentRequest,
    examples: recordFirstAppointmentExamples,
    recorded: 'The first appointment is recorded',
  })
  recordFirstAppointment(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<CommandAccepted> {
    return commandOnCase(this.commands, recordFirstAppointmentDecider, {
      by: caller,
      caseId,
      expectedVersion,
      command: (id) => ({ type: 'RecordFirstAppointment', caseId: id, data: parseOrThrow(recordFirstAppointmentRequest, body, 'request body') }),
    });
  }
}
