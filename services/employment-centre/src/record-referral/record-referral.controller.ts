import { Body, Controller, Inject, Param, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { addDays, caseStreamOf, NotFoundError, parseOrThrow } from '@traiettorie/contracts';
import type { Caller } from '@traiettorie/access';
import type { EventStore } from '@traiettorie/event-store';
import { CommandHandling, CurrentCaller, EVENT_STORE, ExpectedVersion, VersionETagInterceptor } from '@traiettorie/nest-kit';
import { z } from 'zod';
import { ReferralCommandRoute, recordedResponse, type Recorded } from '../employment/employment.http.js';
import { employmentStream } from '../employment/employment.state.js';
import { SERVICE_PACT_DEADLINE_DAYS } from '../receive-referral/receive-referral.decider.js';
import { recordReferralDecider } from './record-referral.decider.js';
import { recordReferralExamples, recordReferralRequest } from './record-referral.request.js';

/**
 * POST /referrals/:caseId (EmploymentReferralReceived): a referral entered
 * by hand. The person and Ambito are the social services' case's, read from
 * its opening; a case never opened there cannot be referred.
 */
@ApiTags('referrals')
@Controller('referrals')
@UseInterceptors(VersionETagInterceptor)
export class RecordReferralController {
  constructor(
    private readonly commands: CommandHandling,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @ReferralCommandRoute({
    path: '',
    operationId: 'Referral_record',
    summary: 'Record a referral received at the CPI by hand (EmploymentReferralReceived)',
    description:
      'Referrals usually arrive by themselves from the assessments (the AssessmentCompleted policy); this records one entered at the desk. ' +
      'The case must be open at the social services; a second referral is refused (409); the PSP falls due 60 days after `receivedOn`.',
    request: recordReferralRequest,
    examples: recordReferralExamples,
    recorded: 'The referral is recorded',
  })
  async record(@Param('caseId') caseId: string, @ExpectedVersion() expectedVersion: number | undefined, @CurrentCaller() caller: Caller, @Body() body: unknown): Promise<Recorded> {
    const id = parseOrThrow(z.uuid(), caseId, 'case id');
    const { servicePactDueBy, ...data } = parseOrThrow(recordReferralRequest, body, 'request body');
    const [opening] = await this.store.readStream(caseStreamOf('social-services', id), { maxCount: 1 });
    if (!opening) throw new NotFoundError(`case ${id} was never opened at the social services, so it cannot be referred`);
    const { ambito, personref, legalbasis } = opening.metadata as { ambito: string; personref: string; legalbasis: string };
    const result = await this.commands.handle(recordReferralDecider, {
      by: caller,
      stream: employmentStream(id),
      command: {
        type: 'RecordReferral',
        caseId: id,
        identity: { ambito, personref, legalbasis },
        data: { ...data, servicePactDueBy: servicePactDueBy ?? addDays(data.receivedOn, SERVICE_PACT_DEADLINE_DAYS) },
      },
      expectedVersion,
      usuallyOpensStream: true,
    });
    return recordedResponse.parse({ caseId: id, version: result.version, events: result.events.map((e) => ({ id: e.id, type: e.type })) });
  }
}
