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
import { recordAttendanceDecider } from './record-attendance.decider.js';
import { recordAttendanceExamples, recordAttendanceRequest } from './record-attendance.request.js';

/** POST /cases/:caseId/attendance (AttendanceRecorded). */
@ApiTags('deliveries')
@Controller('cases')
@UseInterceptors(VersionETagInterceptor)
export class RecordAttendanceController {
  constructor(private readonly commands: CommandHandling) {}

  @CaseRecordCommandRoute({
    path: 'attendance',
    operationId: 'Delivery_recordAttendance',
    summary: 'Record the hours scheduled and attended in a delivery over a period (AttendanceRecorded)',
    description: 'Hours per period of at most 31 days, from the delivery start. Refused with 404 for a delivery never started, with 409 once the person left it or for a period overlapping one already recorded.',
    request: recordAttendanceRequest,
    examples: recordAttendanceExamples,
    recorded: 'The attendance is recorded',
  })
  record(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<CaseRecordCommandAccepted> {
    return commandOnCaseRecord(this.commands, recordAttendanceDecider, {
      by: caller,
      caseId,
      stream: deliveryStream,
      expectedVersion,
      command: (id) => ({ type: 'RecordAttendance' as const, caseId: id, ...caseIdentityAndData(parseOrThrow(recordAttendanceRequest, body, 'request body')) }),
    });
  }
}
