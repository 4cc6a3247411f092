import { Body, Controller, Param, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { parseOrThrow } from '@traiettorie/contracts';
import type { Caller } from '@traiettorie/access';
import { CommandHandling, CurrentCaller, ExpectedVersion, VersionETagInterceptor } from '@traiettorie/nest-kit';
import { CaseCommandRoute, commandOnCase, type CommandAccepted } from '../case/case.http.js';
import { recordPucAttendanceDecider } from './record-puc-attendance.decider.js';
import { recordPucAttendanceExamples, recordPucAttendanceRequest } from './record-puc-attendance.request.js';

/** POST /cases/:caseId/puc-attendance (PUCAttendanceRecorded); If-Match makes it fail with 409 if the case changed since. */
@ApiTags('cases')
@Controller('cases')
@UseInterceptors(VersionETagInterceptor)
export class RecordPucAttendanceController {
  constructor(private readonly commands: CommandHandling) {}

  @CaseCommandRoute({
    path: 'puc-attendance',
    operationId: 'Case_recordPucAttendance',
    summary: 'Record a member\'s attendance at a PUC over a period of at most a month (PUCAttendanceRecorded)',
    description: 'Only for a PUC the member was assigned to, within the assignment\'s dates, once per period.',
    request: recordPucAttendanceRequest,
    examples: recordPucAttendanceExamples,
    recorded: 'The attendance is recorded',
  })
  recordPucAttendance(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<CommandAccepted> {
    return commandOnCase(this.commands, recordPucAttendanceDecider, {
      by: caller,
      caseId,
      expectedVersion,
      command: (id) => ({ type: 'RecordPucAttendance', caseId: id, data: parseOrThrow(recordPucAttendanceRequest, body, 'request body') }),
    });
  }
}
