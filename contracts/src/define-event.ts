import type { z } from 'zod';
import type { AgencyKind } from './common.js';

/** Bounded contexts; each has one Kafka topic. */
export type BoundedContext = AgencyKind;

/** One version of one event type: its data schema, who may emit it, where it travels. */
export interface EventDefinition<Type extends string = string, Data extends z.ZodType = z.ZodType> {
  readonly type: Type;
  readonly version: number;
  readonly context: BoundedContext;
  /** Agency kinds allowed to emit this event type. */
  readonly emitters: readonly AgencyKind[];
  readonly data: Data;
  /** A realistic example of `data`, used by docs and tests. */
  readonly example: z.input<Data>;
  readonly description: string;
}

export function defineEvent<const Type extends string, Data extends z.ZodType>(
  definition: EventDefinition<Type, Data>,
): EventDefinition<Type, Data> {
  return Object.freeze(definition);
}

/** The CloudEvents `dataschema` of an event version. */
export function dataSchemaOf(definition: Pick<EventDefinition, 'type' | 'version'>): string {
  return `urn:traiettorie:schema:${definition.type}:v${definition.version}`;
}
