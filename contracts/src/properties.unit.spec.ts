import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { catalogue } from './catalogue.js';
import { parseEvent } from './event-parser.js';
import type { CloudEvent } from './cloud-event.js';
import type { EventDefinition } from './define-event.js';
import { ValidationError } from './errors.js';
import { fromKafkaRecord, toKafkaRecord } from './kafka-binding.js';
import { dataJsonSchemaOf, eventArbitrary, type JsonSchema } from './testing/event-arbitrary.js';

/*
 * Issue #4: for every event type of the catalogue, any valid event survives
 * JSON and the Kafka binding unchanged, and an event missing a required data
 * field, or carrying one of the wrong type, is refused at `data.<field>`.
 */

const definitions = catalogue as readonly EventDefinition[];
const numRuns = 50;

type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object';

function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const t = typeof value;
  return t === 'string' || t === 'number' || t === 'boolean' ? t : 'object';
}

/** The JSON types a schema node admits; undefined when it admits anything. */
function admittedTypes(schema: JsonSchema, root: JsonSchema): Set<JsonType> | undefined {
  if (schema.$ref !== undefined) {
    const target = schema.$ref === '#' ? root : (schema.$ref.replace(/^#\//, '').split('/').reduce<unknown>((n, p) => (n as Record<string, unknown>)[p], root) as JsonSchema);
    return admittedTypes(target, root);
  }
  if (schema.const !== undefined) return new Set([jsonTypeOf(schema.const)]);
  if (schema.enum !== undefined) return new Set(schema.enum.map(jsonTypeOf));
  const union = schema.anyOf ?? schema.oneOf;
  if (union !== undefined) {
    const out = new Set<JsonType>();
    for (const part of union) {
      const types = admittedTypes(part, root);
      if (!types) return undefined;
      types.forEach((t) => out.add(t));
    }
    return out;
  }
  if (schema.type === undefined) return undefined;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return new Set(types.map((t) => (t === 'integer' ? 'number' : (t as JsonType))));
}

const wrongValues: readonly unknown[] = [12345, 'not-the-right-type', true, null, [], {}];

/** The object schema (union branch) that the data belongs to. */
function branchOf(schema: JsonSchema, data: Record<string, unknown>): JsonSchema {
  const branches = schema.anyOf ?? schema.oneOf;
  if (!branches) return schema;
  return (
    branches.find((b) => Object.entries(b.properties ?? {}).every(([k, p]) => p.const === undefined || p.const === data[k])) ?? schema
  );
}

function issuePathsOf(input: unknown): string[] {
  try {
    parseEvent(input);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map((i) => i.path);
    throw error;
  }
  throw new Error('parseEvent accepted the invalid event');
}

describe.each(definitions.map((d) => [`${d.type} v${String(d.version)}`, d] as const))('%s', (_name, definition) => {
  const schema = dataJsonSchemaOf(definition);

  test('any valid event survives JSON and the Kafka binding unchanged', () => {
    fc.assert(
      fc.property(eventArbitrary(definition), (event) => {
        const parsed = parseEvent(event);
        expect(parsed).toEqual(event);
        expect(parseEvent(JSON.parse(JSON.stringify(event)))).toEqual(parsed);
        expect(parseEvent(fromKafkaRecord(toKafkaRecord(event)))).toEqual(parsed);
      }),
      { numRuns },
    );
  });

  test('generation yields many distinct valid events', () => {
    const samples = fc.sample(eventArbitrary(definition), { numRuns: 30 });
    const distinctData = new Set(samples.map((e) => JSON.stringify(e.data)));
    expect(distinctData.size).toBeGreaterThanOrEqual(10);
  });

  test('an event missing a required data field, or with one of the wrong type, is refused at data.<field>', () => {
    const mutated = fc
      .tuple(eventArbitrary(definition), fc.nat(), fc.boolean(), fc.nat())
      .map(([event, keyPick, remove, valuePick]) => {
        const data = event.data as Record<string, unknown>;
        const branch = branchOf(schema, data);
        const required = branch.required ?? [];
        if (required.length === 0) return undefined;
        const field = required[keyPick % required.length] as string;
        const admitted = admittedTypes(branch.properties?.[field] ?? {}, schema);
        const wrong = admitted === undefined ? [] : wrongValues.filter((v) => !admitted.has(jsonTypeOf(v)));
        const { [field]: _dropped, ...rest } = data;
        const removing = remove || wrong.length === 0;
        const newData = removing ? rest : { ...rest, [field]: wrong[valuePick % wrong.length] };
        return { field, removing, event: { ...event, data: newData } as CloudEvent };
      })
      .filter((m): m is NonNullable<typeof m> => m !== undefined);
    fc.assert(
      fc.property(mutated, ({ field, event }) => {
        expect(() => parseEvent(event)).toThrow(ValidationError);
        expect(issuePathsOf(event)).toContain(`data.${field}`);
      }),
      { numRuns },
    );
  });
});
