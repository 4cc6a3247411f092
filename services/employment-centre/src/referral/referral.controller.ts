import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { caseId as caseIdSchema, NotFoundError, parseOrThrow } from '@traiettorie/contracts';
import { toCloudEvent, type EventStore } from '@traiettorie/event-store';
import { EVENT_STORE } from '@traiettorie/nest-kit';
import { referralDecider, type ReferralEvent, type ReferralState } from './referral.decider.js';
import { referralStream } from './referral.listener.js';

@ApiTags('referrals')
@Controller('referrals')
export class ReferralController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get(':caseId')
  @ApiOperation({ summary: "The employment centre's referral for a case, with the PSP deadline" })
  async get(@Param('caseId') caseId: string): Promise<ReferralState & { caseId: string }> {
    const id = parseOrThrow(caseIdSchema, caseId, 'case id');
    const events = (await this.store.readStream(referralStream(id))).map((e) => toCloudEvent(e) as ReferralEvent);
    const state = events.reduce(referralDecider.evolve, referralDecider.initialState());
    if (state.status === 'none') throw new NotFoundError(`no referral for case ${id}`);
    return { caseId: id, ...state };
  }
}
