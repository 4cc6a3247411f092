import { Inject, Injectable } from '@nestjs/common';
import type { EventType } from '@traiettorie/contracts';
import { handleCommand, type CommandContext, type CommandRequest, type CommandResult, type Decider } from '@traiettorie/command-handling';
import type { EventStore } from '@traiettorie/event-store';
import { CLOCK, ID_GENERATOR, type Clock, type IdGenerator } from './clock.js';
import { EVENT_STORE } from './event-store.module.js';

/** Injection token of the service's agency as a CloudEvents source, e.g. `/agencies/social-services/ambito-sesto`. */
export const COMMAND_SOURCE = Symbol('COMMAND_SOURCE');

/** What a route or a listener says about a command; the context comes from the service. */
export interface CommandCall<Command> extends Omit<CommandRequest<Command>, 'context'> {
  traceparent?: string;
  /** The command's instant (ISO 8601) when the caller already read the clock; the service's clock otherwise. */
  now?: string;
  /** How the decided events are named; a new id from the service's generator each by default. */
  eventId?: CommandContext['eventId'];
}

/**
 * The service's way to run a command: the source (today the service's
 * AGENCY_ID, later the authenticated caller), the clock and the id generator
 * are injected, so routes and listeners only build the command.
 */
@Injectable()
export class CommandHandling {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(COMMAND_SOURCE) private readonly source: string,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) readonly newId: IdGenerator,
  ) {}

  /** Loads, decides, wraps, checks and appends (see `handleCommand` of @traiettorie/command-handling). */
  handle<Command, State, Type extends EventType>(
    decider: Decider<Command, State, Type>,
    { traceparent, eventId, now, ...call }: CommandCall<Command>,
  ): Promise<CommandResult<Type>> {
    const context: CommandContext = {
      source: this.source,
      now: now ?? this.clock.now().toISOString(),
      eventId: eventId ?? (() => this.newId()),
      ...(traceparent ? { traceparent } : {}),
    };
    return handleCommand(this.store, decider, { ...call, context });
  }
}
