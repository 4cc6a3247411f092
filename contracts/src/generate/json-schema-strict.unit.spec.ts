import { describe, expect, test } from '@jest/globals';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsModule, { type FormatsPlugin } from 'ajv-formats';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { catalogue, upcasters } from '../catalogue.js';
import { classificationKeyword, personReferenceKeyword, schemaExtensions } from '../common.js';
import { eventJsonSchemaOf, versionedNameOf } from './event-schema.js';
import { exampleEventOf } from './example-event.js';

// ajv-formats is CommonJS: TypeScript sees its module object, whose `default` is the plugin.
const addFormats = (formatsModule as unknown as { default: FormatsPlugin }).default;

/**
 * A third party's validator: ajv 8 in strict mode, draft 2020-12, with formats.
 * Strict ajv refuses every keyword it does not know, `x-` extensions included,
 * so a reader declares the hub's annotation keywords (documented in the README).
 */
function strictAjv(annotations: readonly { keyword: string; schemaType: 'string' | 'boolean' }[] = schemaExtensions): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  for (const annotation of annotations) ajv.addKeyword({ ...annotation });
  return ajv;
}

const versions = catalogue.map((d) => [versionedNameOf(d), d] as const);
const generatedDir = fileURLToPath(new URL('../../generated/json-schema/', import.meta.url));
const publishedDir = fileURLToPath(new URL('../../published/', import.meta.url));

async function schemasIn(dir: string): Promise<[string, object][]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(files.map(async (f) => [f, JSON.parse(await readFile(`${dir}${f}`, 'utf8')) as object] as [string, object]));
}

describe('the JSON Schemas under strict ajv (ajv 8, draft 2020-12, strict: true, ajv-formats)', () => {
  test.each(versions)('%s compiles, with the standard keywords and the x- annotations only', (_, definition) => {
    expect(() => strictAjv().compile(eventJsonSchemaOf(definition))).not.toThrow();
  });

  test.each(versions)('%s accepts its example CloudEvent and refuses it with a field of the wrong type', (_, definition) => {
    const validate = strictAjv().compile(eventJsonSchemaOf(definition));
    const example = structuredClone(exampleEventOf(definition));

    expect(validate(example) ? [] : validate.errors).toEqual([]);
    expect(validate({ ...example, subject: 42 })).toBe(false);
  });

  test('every generated file on disk compiles too (what agencies download)', async () => {
    const files = await schemasIn(generatedDir);
    const refused = files.flatMap(([file, schema]) => {
      try {
        strictAjv().compile(schema);
        return [];
      } catch (error) {
        return [`${file}: ${(error as Error).message}`];
      }
    });

    // Every version still readable: the latest of each type and the older ones the upcasters lift.
    expect(files).toHaveLength(catalogue.length + upcasters.length);
    expect(refused).toEqual([]);
  });

  test('the classification travels as x-classification and person references as x-person-reference, the only keywords outside JSON Schema 2020-12', () => {
    const used = new Set<string>();
    const collect = (node: unknown, inMap: boolean): void => {
      if (Array.isArray(node)) return node.forEach((item) => collect(item, false));
      if (node === null || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if (!inMap) used.add(key);
        collect(value, !inMap && ['properties', '$defs', 'patternProperties', 'dependentSchemas'].includes(key));
      }
    };
    catalogue.forEach((d) => collect(eventJsonSchemaOf(d), false));
    const ajv = new Ajv2020({ strict: true });
    const unknown = [...used].filter((keyword) => !ajv.RULES.keywords[keyword]);

    expect(unknown.sort()).toEqual([classificationKeyword, personReferenceKeyword].sort());
  });

  test('snapshots published before the rename compile once their legacy classification keyword is declared', async () => {
    const files = await schemasIn(publishedDir);
    for (const [file, schema] of files) {
      expect({ file, compiles: tryCompile(strictAjv([...schemaExtensions, { keyword: 'classification', schemaType: 'string' }]), schema) }).toEqual({ file, compiles: true });
    }
  });
});

function tryCompile(ajv: Ajv2020, schema: object): boolean {
  try {
    ajv.compile(schema);
    return true;
  } catch {
    return false;
  }
}
