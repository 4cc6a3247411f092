import type { z } from 'zod';
import type { CloudEvent } from './cloud-event.js';
import type { EventDefinition } from './define-event.js';
import { employmentCentreEvents, employmentCentreUpcasters } from './employment-centre/index.js';
import { ValidationError } from './errors.js';
import { healthServicesEvents, healthServicesUpcasters } from './health-services/index.js';
import { programmeEvents, programmeUpcasters } from './programme/index.js';
import { socialServicesEvents, socialServicesUpcasters } from './social-services/index.js';
import { thirdSectorEvents, thirdSectorUpcasters } from './third-sector/index.js';
import type { Upcaster } from './upcasting.js';

/**
 * Every event version the hub knows (the latest version of each type), from
 * the agencies' barrels: an event is registered in its agency's `index.ts`.
 */
export const catalogue = [
  ...socialServicesEvents,
  ...employmentCentreEvents,
  ...healthServicesEvents,
  ...thirdSectorEvents,
  ...programmeEvents,
] as const;

/**
 * Upcasters of every older event version, from the agencies' barrels: a v2
 * adds its v1 definition there with the function that lifts v1 data.
 */
export const upcasters: readonly Upcaster[] = [
  ...socialServicesUpcasters,
  ...employmentCentreUpcasters,
  ...healthServicesUpcasters,
  ...thirdSectorUpcasters,
  ...programmeUpcasters,
];

type Definition = (typeof catalogue)[number];
export type EventType = Definition['type'];
type DefinitionOf<T extends EventType> = Extract<Definition, { type: T }>;
export type EventData<T extends EventType> = z.output<DefinitionOf<T>['data']>;
export type HubEvent<T extends EventType = EventType> = { [K in T]: CloudEvent<K, EventData<K>> }[T];

const byType = new Map<string, EventDefinition>(catalogue.map((d) => [d.type, d]));

export function isEventType(type: string): type is EventType {
  return byType.has(type);
}

export function definitionOf<T extends EventType>(type: T): DefinitionOf<T>;
export function definitionOf(type: string): EventDefinition;
export function definitionOf(type: string): EventDefinition {
  const definition = byType.get(type);
  if (!definition) {
    throw new ValidationError([{ path: 'type', rule: 'known-event-type', message: `unknown event type "${type}"` }], 'event');
  }
  return definition;
}
