import { describe, expect, test } from '@jest/globals';
import { Parser } from '@asyncapi/parser';
import { Ajv } from 'ajv';
import formatsModule, { type FormatsPlugin } from 'ajv-formats';
import { parse } from 'yaml';
import { catalogue } from '../catalogue.js';
import { topicOf } from '../topics.js';
import { consumers, deadLetterHeaders, deadLetterTopicOf, relaySignatureHeaders } from '../consumers.js';
import { asyncApiYamlOf } from './asyncapi-document.js';
import { schemaExtensions } from '../common.js';
import { versionedNameOf } from './event-schema.js';

const addFormats = (formatsModule as unknown as { default: FormatsPlugin }).default;

const yaml = asyncApiYamlOf(catalogue, { version: '0.1.0' });
/** @asyncapi/parser severities: 0 error, 1 warning, 2 information, 3 hint. */
const warningSeverity = 1;

describe('the generated AsyncAPI document', () => {
  test('is a valid AsyncAPI 3.1 document for the standard parser, without errors or warnings', async () => {
    const { document, diagnostics } = await new Parser().parse(yaml);
    const problems = diagnostics.filter((d) => d.severity <= warningSeverity).map((d) => `${String(d.code)} ${d.path.join('.')}: ${d.message}`);
    expect(problems).toEqual([]);
    expect(document?.version()).toBe('3.1.0');
  });

  test('declares, for every consumer of the registry, a receive operation per topic with the event types it handles and its group', async () => {
    const { document } = await new Parser().parse(yaml);
    // The inbound topics' operations are the events service's and the agencies' own (see the next test).
    const receiving = (document?.operations().filterByReceive() ?? []).filter((o) => !o.tags().all().some((t) => t.name() === 'inbound'));
    const declared = receiving.map((operation) => ({
      id: operation.id(),
      topic: operation.channels().all()[0]?.address(),
      types: operation.messages().all().map((m) => m.name()).sort(),
      groupId: (operation.bindings().get('kafka')?.value() as { groupId?: { enum?: string[] } } | undefined)?.groupId?.enum,
    }));
    const expected = consumers.flatMap((consumer) =>
      [...new Set(consumer.handles.map((type) => catalogue.find((d) => d.type === type)!.context))].map((context) => ({
        id: `${consumer.service}.receive.${context}`,
        topic: topicOf(context),
        types: consumer.handles.filter((type) => catalogue.find((d) => d.type === type)!.context === context).sort(),
        groupId: [consumer.groupId],
      })),
    );
    const byId = (a: { id?: string }, b: { id?: string }) => ((a.id ?? '') < (b.id ?? '') ? -1 : 1);
    expect(declared.sort(byId)).toEqual(expected.sort(byId));
    expect(declared.map((d) => d.id)).toEqual(expect.arrayContaining(['employment-centre.receive.social-services', 'read-models.receive.employment-centre']));
  });

  test('declares the agencies’ inbound topic and its replies, parameterised by client id, with every event type in and the reply out', async () => {
    const { document } = await new Parser().parse(yaml);
    const operation = (id: string) => document?.operations().all().find((o) => o.id() === id);
    expect(operation('agency.send.inbound')?.channels().all()[0]?.address()).toBe('traiettorie.inbound.{clientId}');
    expect(operation('events.receive.inbound')?.messages().all().map((m) => m.name()).sort()).toEqual([...new Set(catalogue.map((d) => d.type))].sort());
    expect(operation('events.send.replies')?.channels().all()[0]?.address()).toBe('traiettorie.inbound.{clientId}.replies');
    expect(operation('agency.receive.replies')?.messages().all().map((m) => m.name())).toEqual(['InboundReply']);
  });

  test('gives every consumer its dead-letter channel <prefix>.dlq.<group>, with the documented dead-letter message', async () => {
    const { document } = await new Parser().parse(yaml);
    for (const consumer of consumers) {
      const channel = document?.channels().all().find((c) => c.address() === deadLetterTopicOf(consumer.groupId));
      const message = channel?.messages().all()[0];
      const headers = message?.headers()?.json() as { required: string[]; properties: Record<string, unknown>; additionalProperties: unknown };
      expect({ group: consumer.groupId, channel: channel?.address(), message: message?.name() }).toEqual({
        group: consumer.groupId,
        channel: `traiettorie.dlq.${consumer.groupId}`,
        message: 'DeadLetter',
      });
      expect(headers.required.sort()).toEqual([...deadLetterHeaders].sort());
      expect(headers.additionalProperties).toMatchObject({ type: 'string' });
      const sender = document?.operations().all().find((o) => o.id() === `${consumer.service}.send.dead-letter`);
      expect(sender?.channels().all()[0]?.address()).toBe(deadLetterTopicOf(consumer.groupId));
      for (const example of message?.examples().all() ?? []) {
        const reason = JSON.parse((example.headers() as Record<string, string>)['dlq_reason'] ?? 'null') as { code?: unknown; message?: unknown };
        expect(typeof reason.code === 'string' && typeof reason.message === 'string').toBe(true);
      }
    }
  });

  test('documents the relay’s signature headers as required on every event message, and not-from-relay dead letters', () => {
    const document = parse(yaml) as {
      components: { messages: Record<string, { headers: { properties: Record<string, { description?: string }>; required: string[] } }> };
    };
    for (const definition of catalogue) {
      const headers = document.components.messages[versionedNameOf(definition)]?.headers;
      expect(headers?.required).toEqual(expect.arrayContaining([...relaySignatureHeaders]));
      expect(headers?.properties['traiettorie_signature']?.description).toMatch(/Ed25519.*not-from-relay/s);
    }
    expect(JSON.stringify(document.components.messages['DeadLetter'])).toContain('not-from-relay');
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

  test('every event message carries the CloudEvents headers of the binary mode, with its own type and dataschema', () => {
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

  // Spectral's asyncapi ruleset checks examples of AsyncAPI 2 documents only: this is the check for ours.
  test('every example, of each event and of the dead letter, matches its message’s headers and payload schemas', () => {
    const document = parse(yaml) as {
      components: { messages: Record<string, { headers: object; payload: object; examples: { name: string; headers: unknown; payload: unknown }[] }> };
    };
    const ajv = new Ajv({ strict: true, allErrors: true });
    addFormats(ajv);
    for (const annotation of schemaExtensions) ajv.addKeyword({ ...annotation });
    const failures = Object.entries(document.components.messages).flatMap(([name, message]) => {
      const headers = ajv.compile(message.headers);
      const payload = ajv.compile(message.payload);
      expect(message.examples.length).toBeGreaterThan(0);
      return message.examples.flatMap((example) => [
        ...(headers(example.headers) ? [] : [`${name} ${example.name} headers: ${ajv.errorsText(headers.errors)}`]),
        ...(payload(example.payload) ? [] : [`${name} ${example.name} payload: ${ajv.errorsText(payload.errors)}`]),
      ]);
    });

    expect(failures).toEqual([]);
  });
});
