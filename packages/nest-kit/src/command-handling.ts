import { Inject, Injectable } from '@nestjs/common';
import { authorizeActingOn, authorizeEmit, type Caller } from '@traiettorie/access';
import { agencyKinds, ForbiddenError, parseEvent, sourceOf, type AgencyKind, type EventType, type HubEvent } from '@traiettorie/contracts';
import { handleCommand, toCloudEvent, type CommandContext, type CommandRequest, type CommandResult, type Decider } from '@traiettorie/command-handling';
import type { EventStore } from '@traiettorie/event-store';
import { CLOCK, ID_GENERATOR, type Clock, type IdGenerator } from './clock.js';
import { EVENT_STORE } from './event-store.module.js';

/**
 * Injection token of the service's own agency as a CloudEvents source, e.g.
 * `/agencies/employment-centre/afol-metropolitana`: the source of what its
 * listeners record. A route's command takes its source from its caller.
 */
export const COMMAND_SOURCE = Symbol('COMMAND_SOURCE');

/** What a route or a listener says about a command; the context comes from the service. */
export interface CommandCall<Command> extends Omit<CommandRequest<Command>, 'context'> {
  /**
   * Who asks: the caller the door admitted (`@CurrentCaller()`), whose agency
   * is the events' CloudEvents `source`; `'service'` for what the service's own
   * listeners record (the service's agency, COMMAND_SOURCE).
   */
  by: Caller | 'service';
  traceparent?: string;
  /** The command's instant (ISO 8601) when the caller already read the clock; the service's clock otherwise. */
  now?: string;
  /** How the decided events are named; a new id from the service's generator each by default. */
  eventId?: CommandContext['eventId'];
}

/**
 * The service's way to run a command: the source comes from who asks (the
 * caller's registered agency, never the body), the clock and the id generator
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
    { traceparent, eventId, now, by, ...call }: CommandCall<Command>,
  ): Promise<CommandResult<Type>> {
    const context: CommandContext = {
      source: by === 'service' ? this.source : sourceOfCaller(by),
      now: now ?? this.clock.now().toISOString(),
      eventId: eventId ?? (() => this.newId()),
      ...(traceparent ? { traceparent } : {}),
    };
    // A caller emits only the event types its kind may emit, only for cases of its own Ambiti (packages/access).
    const checks =
      by === 'service'
        ? {}
        : { authorize: (event: { type: string; ambito: string }) => authorizeEmit(by, event), authorizeStream: (ambito: string) => authorizeActingOn(by, ambito) };
    return handleCommand(this.store, decider, { ...call, context, ...checks });
  }

  /**
   * The events of another stream a decision depends on, read just before
   * (e.g. the case's supports, for a delivery record), upcast to the latest
   * contract versions: what `recordEvents` hands a recorder's `dependsOn`.
   */
  async historyOf(streamId: string): Promise<HubEvent[]> {
    return (await this.store.readStream(streamId)).map((event) => parseEvent(toCloudEvent(event)));
  }
}

/** The CloudEvents source of a caller's events: `/agencies/<kind>/<agencyId>`; readers (funder, auditor) emit nothing. */
export function sourceOfCaller(caller: Caller): string {
  const kind = caller.client.kind;
  if (!(agencyKinds as readonly string[]).includes(kind)) throw new ForbiddenError(`a ${kind} client reads only; it issues no command`);
  return sourceOf(kind as AgencyKind, caller.client.agencyId);
}
