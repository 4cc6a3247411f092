import type { EventType, HubEvent } from '@traiettorie/contracts';
import type { Decider } from './decider.js';
import type { DomainEvent } from './domain-event.js';

/**
 * How an event an agency system publishes itself (`POST /events`, its inbound
 * Kafka topic) is ruled on: the owning service's decider, the same one its
 * command route uses, asked to record the event as it is. Each service exports
 * its recorders (`@traiettorie/<service>/recorders`); the events service
 * accepts an event only when the decider decides exactly that event on its
 * stream, whose identity matches the event's envelope.
 */
export interface EventRecorder<Command = unknown, State = unknown> {
  /** The event type it records. */
  readonly type: EventType;
  /** The decider that rules on it. */
  readonly decider: Decider<Command, State, EventType>;
  /** The stream the event belongs to, from its envelope or data, e.g. `case-<subject>`. */
  stream(event: HubEvent): string;
  /**
   * Another stream the decision depends on, e.g. the operation an enrolment
   * names (its decider sees only its own stream): `recordEvents` reads it
   * with the event's own stream and hands its events to `command`.
   */
  dependsOn?(event: HubEvent): string;
  /**
   * The command asking to record the event as it is: the one the command
   * route would build, from the event and, with `dependsOn`, the events of
   * the stream it depends on as read just before (none when it is empty).
   */
  command(event: HubEvent, dependency?: readonly HubEvent[]): Command;
  /** The event usually opens its stream (see `handleCommand`). */
  readonly usuallyOpensStream?: boolean;
  /** A history of the stream after which the event is out of order (default: the empty stream); a generated test checks the decider refuses it there. */
  readonly outOfOrder?: readonly DomainEvent[];
}

/** Declares a recorder with its command and state types checked against its decider. */
export function recorder<Command, State>(definition: EventRecorder<Command, State>): EventRecorder {
  return definition as unknown as EventRecorder;
}
