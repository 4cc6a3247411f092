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
import { withdrawConsentDecider } from './withdraw-consent.decider.js';
import { withdrawConsentExamples, withdrawConsentRequest } from './withdraw-consent.request.js';

/** POST /cases/:caseId/consent-withdrawals (ConsentWithdrawn). */
@ApiTags('health records')
@Controller('cases')
@UseInterceptors(VersionETagInterceptor)
export class WithdrawConsentController {
  constructor(private readonly commands: CommandHandling) {}

  @CaseRecordCommandRoute({
    path: 'consent-withdrawals',
    operationId: 'Health_withdrawConsent',
    summary: 'Record that the person withdrew a consent, wholly or for some items (ConsentWithdrawn)',
    description:
      'From `withdrawnOn` no agency reads the withdrawn items any more: the door redacts them (`consent-withdrawn`). ' +
      'A consent never recorded is refused with 404; one already withdrawn (or the same items again) with 409.',
    request: withdrawConsentRequest,
    examples: withdrawConsentExamples,
    recorded: 'The withdrawal is recorded',
  })
  withdraw(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<CaseRecordCommandAccepted> {
    return commandOnCaseRecord(this.commands, withdrawConsentDecider, {
      by: caller,
      caseId,
      stream: healthStream,
      expectedVersion,
      command: (id) => ({ type: 'WithdrawConsent' as const, caseId: id, ...caseIdentityAndData(parseOrThrow(withdrawConsentRequest, body, 'request body')) }),
    });
  }
}
