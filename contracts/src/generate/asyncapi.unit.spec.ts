import { describe, expect, test } from '@jest/globals';
import { Parser } from '@asyncapi/parser';
import { parse } from 'yaml';
import { catalogue, topicOf } from '../catalogue.js';
import { asyncApiYamlOf } from './asyncapi-document.js';
import { versionedNameOf } from './event-schema.js';

const yaml = asyncApiYamlOf(catalogue, { version: '0.1.0' });
const errorSeverity = 0;

describe('the generated AsyncAPI document', () => {
  test('is a valid AsyncAPI 3.0 document for the standard parser', async () => {
    const { document, diagnostics } = await new Parser().parse(yaml);
    const errors = diagnostics.filter((d) => d.severity === errorSeverity).map((d) => `${d.path.join('.')}: ${d.message}`);
    expect(errors).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
  });

  test('has a message with an example for every catalogue event, on its context’s topic', async () => {
    const { document } = await new Parser().parse(yaml);
    const withoutExample = catalogue.filter((definition) => {
      const channel = document?.channels().all().find((c) => c.address() === topicOf(definition.context));
      const message = channel?.messages().all().find((m) => m.id() === versionedNameOf(definition));
      const example = message?.examples().all()[0];
      return !example || JSON.stringify(example.payload()) !== JSON.stringify(definition.example);
    });
    expect(withoutExample.map(versionedNameOf)).toEqual([]);
  });

  test('every message carries the CloudEvents headers of the binary mode, with its own type and dataschema', () => {
    const document = parse(yaml) as {
      components: { messages: Record<string, { headers: { properties: Record<string, { const?: string }>; required: string[] } }> };
    };
    for (const definition of catalogue) {
      const headers = document.components.messages[versionedNameOf(definition)]?.headers;
      expect(headers?.properties['ce_type']?.const).toBe(definition.type);
      expect(headers?.required).toEqual(expect.arrayContaining(['ce_id', 'ce_source', 'ce_subject', 'ce_dataschema', 'content-type']));
    }
  });

  test('is written the same way every time, with a trailing newline', () => {
    expect(asyncApiYamlOf([...catalogue].reverse(), { version: '0.1.0' })).toBe(yaml);
    expect(yaml.endsWith('\n')).toBe(true);
  });
});
