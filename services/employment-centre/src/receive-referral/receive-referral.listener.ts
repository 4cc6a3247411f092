import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { HubEvent } from '@traiettorie/contracts';
import { derivedEventId } from '@traiettorie/command-handling';
import { CLOCK, CommandHandling, type Clock, type CommandCall } from '@traiettorie/nest-kit';
import { employmentStream } from '../employment/employment.state.js';
import { receiveReferralDecider, type ReceiveReferral } from './receive-referral.decider.js';

/**
 * The command an assessment delivered at `receivedAt` becomes. The referral's
 * id is derived from the assessment's, so a redelivered assessment can never
 * produce a second referral, even if two deliveries race; it continues the
 * assessment's trace.
 */
export function receiveReferralCall(assessment: HubEvent<'AssessmentCompleted'>, receivedAt: string): CommandCall<ReceiveReferral> {
  return {
    stream: employmentStream(assessment.subject),
    command: { type: 'ReceiveReferral', assessment, receivedAt },
    now: receivedAt,
    eventId: (event) => derivedEventId(assessment.id, event.type),
    ...(assessment.traceparent ? { traceparent: assessment.traceparent } : {}),
    usuallyOpensStream: true,
    by: 'service',
  };
}

/** Reacts to assessments published by the social services. */
@Controller()
export class ReceiveReferralListener {
  constructor(
    private readonly commands: CommandHandling,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @EventPattern('AssessmentCompleted')
  async onAssessmentCompleted(@Payload() assessment: HubEvent<'AssessmentCompleted'>): Promise<void> {
    await this.commands.handle(receiveReferralDecider, receiveReferralCall(assessment, this.clock.now().toISOString()));
  }
}
