import type { EventType, HubEvent } from '@traiettorie/contracts';
import type { Decider } from './decider.js';
import type { DomainEvent } from './domain-event.js';

/**
 * How the owning service records an event an agency publishes as it is (POST
 * /events, the inbound topics): the same decider its HTTP route uses, the
 * stream the event belongs to, and the command the route would build from it.
 * Each service exports its recorders from `src/recorders.ts`.
 */
export interface EventRecorder<Command = any, State = any> {
  /** The event type it records. */
  readonly type: EventType;
  /** The slice's decider (the same one the HTTP route uses). */
  readonly decider: Decider<Command, State, EventType>;
  /** The stream the event belongs to, e.g. `case-<subject>`. */
  stream(event: HubEvent): string;
  /** "Record this event as it is": the command the route would build. */
  command(event: HubEvent): Command;
  readonly usuallyOpensStream?: boolean;
  /** A history (domain events on the stream) after which this event is out of order; default: the empty stream. */
  readonly outOfOrder?: readonly DomainEvent[];
}

/** A recorder, its command and state types checked against its decider, then erased for the registry. */
export function recorder<Command, State>(r: EventRecorder<Command, State>): EventRecorder {
  return r;
}
