import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { HubEvent } from '@traiettorie/contracts';
import { derivedEventId } from '@traiettorie/command-handling';
import { CLOCK, CommandHandling, type Clock, type CommandCall } from '@traiettorie/nest-kit';
import { caseStream } from '../case/case.state.js';
import { learnOfEmploymentDecider, type LearnOfEmployment } from './learn-of-employment.decider.js';

/**
 * The command an employment delivered at `receivedAt` becomes. The update's id
 * is derived from the employment's, so a redelivered employment can never
 * update the conditionality twice, even if two deliveries race; it continues
 * the employment's trace.
 */
export function learnOfEmploymentCall(employment: HubEvent<'EmploymentStarted'>, receivedAt: string): CommandCall<LearnOfEmployment> {
  return {
    stream: caseStream(employment.subject),
    command: { type: 'LearnOfEmployment', employment },
    now: receivedAt,
    eventId: (event) => derivedEventId(employment.id, event.type),
    ...(employment.traceparent ? { traceparent: employment.traceparent } : {}),
    by: 'service',
  };
}

/** Reacts to employments published by the employment centre. */
@Controller()
export class LearnOfEmploymentListener {
  constructor(
    private readonly commands: CommandHandling,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @EventPattern('EmploymentStarted')
  async onEmploymentStarted(@Payload() employment: HubEvent<'EmploymentStarted'>): Promise<void> {
    await this.commands.handle(learnOfEmploymentDecider, learnOfEmploymentCall(employment, this.clock.now().toISOString()));
  }
}
