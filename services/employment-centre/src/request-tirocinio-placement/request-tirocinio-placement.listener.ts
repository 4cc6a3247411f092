import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { HubEvent } from '@traiettorie/contracts';
import { derivedEventId } from '@traiettorie/command-handling';
import { CLOCK, CommandHandling, type Clock, type CommandCall } from '@traiettorie/nest-kit';
import { employmentStream } from '../employment/employment.state.js';
import { requestTirocinioPlacementDecider, type RequestTirocinioPlacement } from './request-tirocinio-placement.decider.js';

/**
 * The command a pact delivered at `receivedAt` becomes. The request's id is
 * derived from the pact event's, so a redelivered pact never records a second
 * request, even when two deliveries race; it continues the pact's trace.
 */
export function requestTirocinioPlacementCall(pact: HubEvent<'PactSigned'>, receivedAt: string): CommandCall<RequestTirocinioPlacement> {
  return {
    stream: employmentStream(pact.subject),
    command: { type: 'RequestTirocinioPlacement', pact, receivedAt },
    now: receivedAt,
    eventId: (event) => derivedEventId(pact.id, event.type),
    ...(pact.traceparent ? { traceparent: pact.traceparent } : {}),
    by: 'service',
  };
}

/** Reacts to pacts signed at the social services. */
@Controller()
export class RequestTirocinioPlacementListener {
  constructor(
    private readonly commands: CommandHandling,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @EventPattern('PactSigned')
  async onPactSigned(@Payload() pact: HubEvent<'PactSigned'>): Promise<void> {
    await this.commands.handle(requestTirocinioPlacementDecider, requestTirocinioPlacementCall(pact, this.clock.now().toISOString()));
  }
}
