import type { EventType, HubEvent } from '@traiettorie/contracts';
import type { Decider } from './decider.js';
import type { DomainEvent } from './domain-event.js';

/**
 * How an agency's service records an event of one type that an agency system
 * publishes as it is (POST /events, an inbound topic): the decider of the
 * slice whose HTTP route records the same type, the stream it goes to, and the
 * command the route would build from it. Each service exports its recorders
 * from `src/recorders.ts` (`@traiettorie/<service>/recorders`).
 */
export interface EventRecorder<Command = any, State = any> {
  readonly type: EventType; // the event type it records
  readonly decider: Decider<Command, State, EventType>; // the slice's decider (the same one the HTTP route uses)
  stream(event: HubEvent): string; // e.g. caseStream(event.subject); anonymous SerD from data
  command(event: HubEvent): Command; // "record this event as it is": the command the route would build
  readonly usuallyOpensStream?: boolean;
  /** A history (domain events on the stream) after which this event is out of order; default: the empty stream. */
  readonly outOfOrder?: readonly DomainEvent[];
}

/** Declares a recorder, keeping its command and state types inside it. */
export function recorder<Command, State>(r: EventRecorder<Command, State>): EventRecorder {
  return r as EventRecorder;
}
