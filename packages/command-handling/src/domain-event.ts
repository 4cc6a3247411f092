import type { EventData, EventType } from '@traiettorie/contracts';

/**
 * A fact a decider decides, in the domain's words: its type and its data,
 * typed from the contracts' catalogue. The envelope (ids, source, time, the
 * case's identity, trace) is added once, by the command handling.
 */
export type DomainEvent<Type extends EventType = EventType> = { [K in Type]: { type: K; data: EventData<K> } }[Type];
