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
import { recordConsentDecider } from './record-consent.decider.js';
import { recordConsentExamples, recordConsentRequest } from './record-consent.request.js';

/** POST /cases/:caseId/consents (ConsentRecorded). */
@ApiTags('health records')
@Controller('cases')
@UseInterceptors(VersionETagInterceptor)
export class RecordConsentController {
  constructor(private readonly commands: CommandHandling) {}

  @CaseRecordCommandRoute({
    path: 'consents',
    operationId: 'Health_recordConsent',
    summary: "Record the person's consent to share health items (ConsentRecorded)",
    description:
      'What the signed form says: which items (`scope`) may be shared with which agency kinds (`recipients`), for which purpose, until `expiresOn`. ' +
      'Every read of shared health data checks it. The same `consentId` twice is refused with 409.',
    request: recordConsentRequest,
    examples: recordConsentExamples,
    recorded: 'The consent is recorded',
  })
  record(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<CaseRecordCommandAccepted> {
    return commandOnCaseRecord(this.commands, recordConsentDecider, {
      by: caller,
      caseId,
      stream: healthStream,
      expectedVersion,
      command: (id) => ({ type: 'RecordConsent' as const, caseId: id, ...caseIdentityAndData(parseOrThrow(recordConsentRequest, body, 'request body')) }),
    });
  }
}
