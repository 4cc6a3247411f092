import { describe, expect, test } from '@jest/globals';
import { catalogue } from '../catalogue.js';
import { parseEvent } from '../event-parser.js';
import { dataSchemaOf } from '../define-event.js';
import { renderDocsPage } from './docs-page.js';
import { eventJsonSchemaOf } from './event-schema.js';
import { exampleEventOf } from './example-event.js';
import { stableJson } from './stable-json.js';

describe('the JSON Schema of an event version', () => {
  const versions = catalogue.map((d) => [`${d.type} v${d.version}`, d] as const);
  test.each(versions)('%s is the whole CloudEvent, identified by its dataschema', (_, definition) => {
    const schema = eventJsonSchemaOf(definition) as { $id: string; $schema: string; properties: Record<string, { const?: string }> };
    expect(schema.$id).toBe(dataSchemaOf(definition));
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.properties['type']?.const).toBe(definition.type);
    expect(schema.properties['dataschema']?.const).toBe(dataSchemaOf(definition));
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['specversion', 'id', 'source', 'subject', 'time', 'data']));
  });

  test.each(versions)('%s: the example CloudEvent in the docs and the AsyncAPI document is valid', (_, definition) => {
    expect(() => parseEvent(structuredClone(exampleEventOf(definition)))).not.toThrow();
  });

  test('keeps the data-protection classification of fields, as the x-classification extension', () => {
    expect(catalogue.some((d) => stableJson(eventJsonSchemaOf(d)).includes('"x-classification": "special-category"'))).toBe(true);
    expect(catalogue.filter((d) => /"classification":/.test(stableJson(eventJsonSchemaOf(d)))).map((d) => d.type)).toEqual([]);
  });
});

describe('the HTML catalogue', () => {
  test('escapes what authors wrote', () => {
    const [first] = catalogue;
    if (!first) throw new Error('empty catalogue');
    const page = renderDocsPage([{ ...first, description: 'Signed <b>&</b> "sealed"' }]);
    expect(page).toContain('Signed &lt;b&gt;&amp;&lt;/b&gt; &quot;sealed&quot;');
    expect(page).not.toContain('<b>&</b>');
  });

  test('has a section per context and an entry per event version', () => {
    const page = renderDocsPage(catalogue);
    for (const definition of catalogue) {
      expect(page).toContain(`<h2>${definition.context}</h2>`);
      expect(page).toContain(`<h3>${definition.type} v${definition.version}</h3>`);
    }
  });
});
