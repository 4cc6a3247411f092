import { z } from 'zod';
import { cloudEventAttributes } from '../cloud-event.js';
import { dataSchemaOf, type EventDefinition } from '../define-event.js';
import type { Json } from './stable-json.js';

type JsonSchema = { [key: string]: Json };
type Target = 'draft-2020-12' | 'draft-7';

/**
 * Schemas describe what the hub accepts (`parseEvent`'s input), and anything
 * zod cannot express in JSON Schema (a refinement, a transform's output)
 * becomes "any" rather than failing the build.
 */
function toJsonSchema(schema: z.ZodType, target: Target): JsonSchema {
  return z.toJSONSchema(schema, { target, io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/** The zod schema of a whole CloudEvent of one event version. */
export function cloudEventSchemaOf(definition: EventDefinition): z.ZodType {
  return cloudEventAttributes.extend({
    type: z.literal(definition.type),
    dataschema: z.literal(dataSchemaOf(definition)),
    data: definition.data,
  });
}

/** `<type>.v<N>`: the name of an event version in file names and AsyncAPI ids. */
export function versionedNameOf(definition: Pick<EventDefinition, 'type' | 'version'>): string {
  return `${definition.type}.v${definition.version}`;
}

/** The JSON Schema (draft 2020-12) of a whole CloudEvent of one event version; `$id` is its dataschema URN. */
export function eventJsonSchemaOf(definition: EventDefinition): JsonSchema {
  const { $schema, ...schema } = toJsonSchema(cloudEventSchemaOf(definition), 'draft-2020-12');
  return {
    $schema: $schema ?? 'https://json-schema.org/draft/2020-12/schema',
    $id: dataSchemaOf(definition),
    title: `${definition.type} v${definition.version}`,
    description: definition.description,
    ...schema,
  };
}

/** The JSON Schema of an event's `data` alone, without `$schema`, e.g. for an AsyncAPI payload. */
export function dataJsonSchemaOf(definition: EventDefinition, target: Target = 'draft-2020-12'): JsonSchema {
  const { $schema: _, ...schema } = toJsonSchema(definition.data, target);
  return schema;
}

/** The JSON Schemas of the CloudEvents context attributes, by attribute name, and which are required. */
export function envelopeAttributeSchemas(): { properties: Record<string, JsonSchema>; required: string[] } {
  const schema = toJsonSchema(cloudEventAttributes, 'draft-7');
  return {
    properties: (schema['properties'] ?? {}) as Record<string, JsonSchema>,
    required: (schema['required'] ?? []) as string[],
  };
}
