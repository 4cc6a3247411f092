import { classificationKeyword } from '../common.js';
import type { Json } from './stable-json.js';

type Schema = { readonly [key: string]: Json };

/** One row of a fields table: a data field, possibly nested (`objectives[].code`). */
export interface FieldRow {
  readonly path: string;
  readonly type: string;
  readonly required: boolean;
  readonly classification: string;
  readonly constraints: string;
}

const constraintKeywords = [
  'minLength',
  'maxLength',
  'minimum',
  'exclusiveMinimum',
  'maximum',
  'exclusiveMaximum',
  'minItems',
  'maxItems',
  'multipleOf',
  'pattern',
] as const;

/** The fields of a data schema; a union of objects (e.g. a discriminated union) gives one table per alternative. */
export function fieldTablesOf(schema: Schema): { caption?: string; rows: FieldRow[] }[] {
  const variants = schema['oneOf'] ?? schema['anyOf'];
  if (!Array.isArray(variants)) return [{ rows: fieldRowsOf(schema) }];
  return variants.map((value, i) => {
    const variant = asSchema(value) ?? {};
    const properties = Object.entries(asSchema(variant['properties']) ?? {});
    const discriminator = properties.find(([, field]) => asSchema(field)?.['const'] !== undefined);
    const caption = discriminator
      ? `when ${discriminator[0]} is ${JSON.stringify(asSchema(discriminator[1])?.['const'])}`
      : `alternative ${i + 1}`;
    return { caption, rows: fieldRowsOf(variant) };
  });
}

/** Flattens an object JSON Schema into table rows, nested fields after their parent. */
export function fieldRowsOf(schema: Schema, prefix = '', inherited = 'none'): FieldRow[] {
  const properties = asSchema(schema['properties']);
  if (!properties) return [];
  const required = Array.isArray(schema['required']) ? schema['required'] : [];
  return Object.entries(properties).flatMap(([name, value]) => {
    const field = asSchema(value) ?? {};
    const path = prefix ? `${prefix}.${name}` : name;
    const own = field[classificationKeyword];
    const classification = typeof own === 'string' ? own : inherited;
    const row: FieldRow = {
      path,
      type: typeOf(field),
      required: required.includes(name),
      classification,
      constraints: constraintsOf(field),
    };
    const items = asSchema(field['items']);
    const nested = items?.['properties'] ? fieldRowsOf(items, `${path}[]`, classification) : fieldRowsOf(field, path, classification);
    return [row, ...nested];
  });
}

/** A short human description of a schema's type: `string (date)`, `array of integer`, `"a" | "b"`. */
export function typeOf(schema: Schema): string {
  if ('const' in schema) return JSON.stringify(schema['const']);
  if (Array.isArray(schema['enum'])) return schema['enum'].map((v) => JSON.stringify(v)).join(' | ');
  const variants = schema['anyOf'] ?? schema['oneOf'];
  if (Array.isArray(variants)) return variants.map((v) => typeOf(asSchema(v) ?? {})).join(' | ');
  const type = Array.isArray(schema['type']) ? schema['type'].join(' | ') : String(schema['type'] ?? 'any');
  if (type === 'array') return `array of ${typeOf(asSchema(schema['items']) ?? {})}`;
  if (type === 'object' && !schema['properties'] && asSchema(schema['additionalProperties'])) {
    const keys = asSchema(schema['propertyNames']);
    return `map ${keys ? typeOf(keys) : 'string'} → ${typeOf(asSchema(schema['additionalProperties']) ?? {})}`;
  }
  return typeof schema['format'] === 'string' ? `${type} (${schema['format']})` : type;
}

function constraintsOf(schema: Schema): string {
  return constraintKeywords
    .filter((keyword) => schema[keyword] !== undefined && !(keyword === 'pattern' && schema['format']))
    .map((keyword) => `${keyword}: ${String(schema[keyword])}`)
    .join(', ');
}

function asSchema(value: Json | undefined): Schema | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}
