import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { HubEvent } from '@traiettorie/contracts';
import { derivedEventId } from '@traiettorie/command-handling';
import { CommandHandling, type CommandCall } from '@traiettorie/nest-kit';
import { deliveryStream } from '../delivery/delivery.state.js';
import { receiveSupportDecider, type ReceiveSupport } from './receive-support.decider.js';

/**
 * The command a delivered SupportActivated becomes. The expectation's id is
 * derived from the support event's, so a redelivered support can never be
 * expected twice, even if two deliveries race; it continues the support's
 * trace, and is dated when the social services activated the support.
 */
export function receiveSupportCall(support: HubEvent<'SupportActivated'>): CommandCall<ReceiveSupport> {
  return {
    stream: deliveryStream(support.subject),
    command: { type: 'ReceiveSupport', support },
    eventId: (event) => derivedEventId(support.id, event.type),
    ...(support.traceparent ? { traceparent: support.traceparent } : {}),
    usuallyOpensStream: true,
    by: 'service',
  };
}

/** Reacts to the supports the social services activate. */
@Controller()
export class ReceiveSupportListener {
  constructor(private readonly commands: CommandHandling) {}

  @EventPattern('SupportActivated')
  async onSupportActivated(@Payload() support: HubEvent<'SupportActivated'>): Promise<void> {
    await this.commands.handle(receiveSupportDecider, receiveSupportCall(support));
  }
}
