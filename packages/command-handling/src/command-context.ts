import { dataSchemaOf, definitionOf, parseEvent, type EventType, type HubEvent } from '@traiettorie/contracts';
import type { StreamIdentity } from './decider.js';
import type { DomainEvent } from './domain-event.js';

/**
 * What a command carries from outside the domain: who issues it, when, how
 * its events are named and which trace it continues. The command handling
 * writes it on every event's envelope; deciders never see it.
 */
export interface CommandContext {
  /** The issuing agency as a CloudEvents source, e.g. `/agencies/social-services/ambito-sesto`: the caller's identity. */
  source: string;
  /** The command's instant (ISO 8601): every event's `time`. */
  now: string;
  /** The id of each decided event (its position among them given), e.g. a random UUID or one derived from a cause. */
  eventId(event: DomainEvent, index: number): string;
  /** The W3C trace context the events continue. */
  traceparent?: string;
}

/**
 * The CloudEvents of decided domain events: each wrapped in the envelope
 * (its own id, the context's source, time and trace, the stream's identity,
 * the schema of its type's latest version) and checked against its contract,
 * emitter included: an event the contract refuses throws and is never stored.
 */
export function toHubEvents<Type extends EventType>(
  decided: readonly DomainEvent<Type>[],
  identity: StreamIdentity,
  context: CommandContext,
): HubEvent<Type>[] {
  return (decided as readonly DomainEvent[]).map((event, index) => {
    const wrapped = {
      specversion: '1.0' as const,
      id: context.eventId(event, index),
      source: context.source,
      type: event.type,
      time: context.now,
      subject: identity.subject,
      datacontenttype: 'application/json' as const,
      dataschema: dataSchemaOf(definitionOf(event.type)),
      ambito: identity.ambito,
      personref: identity.personref,
      legalbasis: identity.legalbasis,
      ...(context.traceparent ? { traceparent: context.traceparent } : {}),
      data: event.data,
    } as HubEvent<Type>;
    parseEvent(wrapped);
    return wrapped;
  });
}
