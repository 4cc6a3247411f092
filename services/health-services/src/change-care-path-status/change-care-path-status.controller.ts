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
import { healthStream } from '../health-record/health-record.state.js';
import { changeCarePathStatusDecider } from './change-care-path-status.decider.js';
import { changeCarePathStatusExamples, changeCarePathStatusRequest } from './change-care-path-status.request.js';

/** POST /cases/:caseId/care-path-status (CarePathStatusChanged). */
@ApiTags('health records')
@Controller('cases')
@UseInterceptors(VersionETagInterceptor)
export class ChangeCarePathStatusController {
  constructor(private readonly commands: CommandHandling) {}

  @CaseRecordCommandRoute({
    path: 'care-path-status',
    operationId: 'Health_changeCarePathStatus',
    summary: "Record a change of the person's care path status (CarePathStatusChanged)",
    description:
      'Status from a closed list and whether it exempts the person from activation; no diagnosis, no service. Shared under the consent it names, ' +
      'which must cover `care-path-status` on `changedOn` (404 if never recorded, 409 if withdrawn or out of force). Refused with 409 before an involvement.',
    request: changeCarePathStatusRequest,
    examples: changeCarePathStatusExamples,
    recorded: 'The care path status is recorded',
  })
  change(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<CaseRecordCommandAccepted> {
    return commandOnCaseRecord(this.commands, changeCarePathStatusDecider, {
      by: caller,
      caseId,
      stream: healthStream,
      expectedVersion,
      command: (id) => ({ type: 'ChangeCarePathStatus' as const, caseId: id, ...caseIdentityAndData(parseOrThrow(changeCarePathStatusRequest, body, 'request body')) }),
    });
  }
}
