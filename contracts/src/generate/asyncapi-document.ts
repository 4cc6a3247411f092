import { stringify } from 'yaml';
import { topicOf } from '../catalogue.js';
import { dataSchemaOf, type BoundedContext, type EventDefinition } from '../define-event.js';
import { toKafkaRecord } from '../kafka-binding.js';
import { dataJsonSchemaOf, envelopeAttributeSchemas, versionedNameOf } from './event-schema.js';
import { exampleEventOf } from './example-event.js';
import { byCodePoint, type Json } from './stable-json.js';

type Catalogue = readonly EventDefinition[];
type JsonObject = { [key: string]: Json };

const kafkaBindingVersion = '0.5.0';

/**
 * The hub's AsyncAPI 3.0 document: one channel per Kafka topic (bounded
 * context), one message per event version in the CloudEvents Kafka binary
 * mode (`ce_*` headers, data as the value, case id as the key), and one `send`
 * operation per emitting agency kind and topic.
 */
export function asyncApiDocumentOf(catalogue: Catalogue, options: { version: string }): JsonObject {
  const definitions = [...catalogue].sort((a, b) => byCodePoint(versionedNameOf(a), versionedNameOf(b)));
  const messages: JsonObject = {};
  for (const definition of definitions) messages[versionedNameOf(definition)] = messageOf(definition);
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Traiettorie event hub',
      version: options.version,
      description:
        'Domain events exchanged by the agencies of a social-inclusion pathway, as CloudEvents 1.0 on Kafka ' +
        '(binary content mode). Generated from contracts/src/catalogue.ts: do not edit.',
    },
    defaultContentType: 'application/json',
    servers: {
      local: { host: 'localhost:9092', protocol: 'kafka', description: 'The single-node broker that `npm start` runs.' },
    },
    channels: channelsOf(definitions),
    operations: operationsOf(definitions),
    components: { messages },
  };
}

/**
 * The AsyncAPI document as YAML, without anchors, with a trailing newline.
 * Scalars are quoted as YAML 1.1 needs, so that readers such as js-yaml keep
 * dates like `2026-10-21` as the strings they are.
 */
export function asyncApiYamlOf(catalogue: Catalogue, options: { version: string }): string {
  return stringify(asyncApiDocumentOf(catalogue, options), { version: '1.1', aliasDuplicateObjects: false, lineWidth: 0 });
}

function contextsOf(definitions: Catalogue): BoundedContext[] {
  return [...new Set(definitions.map((d) => d.context))].sort(byCodePoint);
}

function channelsOf(definitions: Catalogue): JsonObject {
  const channels: JsonObject = {};
  for (const context of contextsOf(definitions)) {
    const topic = topicOf(context);
    const messages: JsonObject = {};
    for (const d of definitions.filter((d) => d.context === context)) {
      messages[versionedNameOf(d)] = { $ref: `#/components/messages/${versionedNameOf(d)}` };
    }
    channels[topic] = {
      address: topic,
      title: context,
      description: `Events of the ${context} bounded context, keyed by case id so that one case stays ordered.`,
      messages,
      bindings: { kafka: { topic, bindingVersion: kafkaBindingVersion } },
    };
  }
  return channels;
}

function operationsOf(definitions: Catalogue): JsonObject {
  const operations: JsonObject = {};
  for (const context of contextsOf(definitions)) {
    const onTopic = definitions.filter((d) => d.context === context);
    const emitters = [...new Set(onTopic.flatMap((d) => d.emitters))].sort(byCodePoint);
    for (const emitter of emitters) {
      const topic = topicOf(context);
      operations[`${emitter}.send.${context}`] = {
        action: 'send',
        title: `${emitter} publishes on ${topic}`,
        channel: { $ref: `#/channels/${topic}` },
        messages: onTopic
          .filter((d) => d.emitters.includes(emitter))
          .map((d) => ({ $ref: `#/channels/${topic}/messages/${versionedNameOf(d)}` })),
      };
    }
  }
  return operations;
}

function messageOf(definition: EventDefinition): JsonObject {
  const example = toKafkaRecord(exampleEventOf(definition));
  return {
    name: definition.type,
    title: `${definition.type} v${definition.version}`,
    summary: definition.description,
    contentType: 'application/json',
    headers: headersOf(definition),
    payload: dataJsonSchemaOf(definition, 'draft-7'),
    correlationId: { description: 'The CloudEvent id.', location: '$message.header#/ce_id' },
    bindings: { kafka: { key: envelopeAttributeSchemas().properties['subject'] ?? {}, bindingVersion: kafkaBindingVersion } },
    examples: [
      {
        name: 'example',
        summary: `An example ${definition.type} v${definition.version}`,
        headers: example.headers,
        payload: definition.example as Json,
      },
    ],
  };
}

/** The Kafka headers of the binary content mode: `content-type` plus one `ce_<attribute>` per CloudEvents attribute. */
function headersOf(definition: EventDefinition): JsonObject {
  const envelope = envelopeAttributeSchemas();
  const constants: Record<string, string> = { type: definition.type, dataschema: dataSchemaOf(definition) };
  const properties: JsonObject = { 'content-type': { type: 'string', const: 'application/json' } };
  const required = ['content-type'];
  for (const [name, schema] of Object.entries(envelope.properties)) {
    if (name === 'datacontenttype') continue;
    const constant = constants[name];
    properties[`ce_${name}`] = constant === undefined ? schema : { type: 'string', const: constant };
    if (envelope.required.includes(name)) required.push(`ce_${name}`);
  }
  return { type: 'object', properties, required };
}
