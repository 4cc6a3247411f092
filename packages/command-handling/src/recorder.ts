import type { EventType, HubEvent } from '@traiettorie/contracts';
import type { Decider } from './decider.js';
import type { DomainEvent } from './domain-event.js';

/**
 * How an agency's published event (a CloudEvent posted to `POST /events` or
 * to its inbound topic) is recorded: by the owning service's decider, on the
 * stream the service would append it to, as the command its HTTP route would
 * build. Each service exports its recorders from `src/recorders.ts`
 * (`@traiettorie/<service>/recorders`); the events service runs them.
 */
export interface EventRecorder<Command = any, State = any> {
  /** The event type it records. */
  readonly type: EventType;
  /** The slice's decider (the same one the HTTP route uses). */
  readonly decider: Decider<Command, State, EventType>;
  /** The stream the event belongs to, e.g. `case-<subject>`; an anonymous SerD involvement from its data. */
  stream(event: HubEvent): string;
  /** "Record this event as it is": the command the route would build from it. */
  command(event: HubEvent): Command;
  readonly usuallyOpensStream?: boolean;
  /** A history (domain events on the stream) after which this event is out of order; default: the empty stream. */
  readonly outOfOrder?: readonly DomainEvent[];
}

/**
 * Declares a recorder, typed by its decider's command and state. The decider
 * may decide a narrower set of types than the catalogue's (a case's
 * `CaseEventType`): its `evolve` is only ever given its own stream's events.
 */
export function recorder<Command, State, Type extends EventType = EventType>(
  r: Omit<EventRecorder<Command, State>, 'decider'> & { readonly decider: Decider<Command, State, Type> },
): EventRecorder {
  return r as unknown as EventRecorder;
}
