import { stringify } from 'yaml';
import { createHash } from 'node:crypto';
import { topicOf } from '../topics.js';
import { consumers, deadLetterHeaders, deadLetterTopicOf, notFromRelayCode, relaySignatureHeaders, type ConsumerDeclaration } from '../consumers.js';
import { dataSchemaOf, type BoundedContext, type EventDefinition } from '../define-event.js';
import { toKafkaRecord } from '../kafka-binding.js';
import { dataJsonSchemaOf, envelopeAttributeSchemas, versionedNameOf } from './event-schema.js';
import { exampleEventOf } from './example-event.js';
import { byCodePoint, type Json } from './stable-json.js';

type Catalogue = readonly EventDefinition[];
type JsonObject = { [key: string]: Json };

const kafkaBindingVersion = '0.5.0';

/**
 * The hub's AsyncAPI 3.1 document: one channel per Kafka topic (bounded
 * context), one message per event version in the CloudEvents Kafka binary
 * mode (`ce_*` headers, data as the value, case id as the key, the relay's
 * signature headers), one `send` operation per emitting agency kind and topic,
 * one `receive` operation per consuming service and topic (from the
 * `consumers` registry), and each consumer's dead-letter channel.
 */
export function asyncApiDocumentOf(catalogue: Catalogue, options: { version: string }): JsonObject {
  const definitions = [...catalogue].sort((a, b) => byCodePoint(versionedNameOf(a), versionedNameOf(b)));
  const messages: JsonObject = {};
  for (const definition of definitions) messages[versionedNameOf(definition)] = messageOf(definition);
  messages[deadLetterMessageName] = deadLetterMessage(definitions);
  messages[inboundReplyMessageName] = inboundReplyMessage();
  return {
    asyncapi: '3.1.0',
    info: {
      title: 'Traiettorie event hub',
      version: options.version,
      description:
        'Domain events exchanged by the agencies of a social-inclusion pathway, as CloudEvents 1.0 on Kafka ' +
        '(binary content mode; consumers also read the structured mode, `application/cloudevents+json`). ' +
        'Only the relay publishes on the context topics, signing every message. ' +
        'Generated from contracts/src/catalogue.ts and contracts/src/consumers.ts: do not edit.',
      contact: { name: 'Traiettorie maintainers' },
      license: { name: 'UNLICENSED' },
      tags: tags.map(({ name, description }) => ({ name, description })),
    },
    defaultContentType: 'application/json',
    servers: {
      local: {
        host: 'localhost:9092',
        protocol: 'kafka',
        description: 'The single-node broker that `npm start` runs.',
        tags: [{ name: 'local', description: 'Development and test broker.' }],
      },
    },
    channels: { ...channelsOf(definitions), ...inboundChannels(definitions), ...deadLetterChannels() },
    operations: { ...sendOperationsOf(definitions), ...receiveOperationsOf(definitions), ...inboundOperations(definitions) },
    components: { messages },
  };
}

const tags = [
  { name: 'dead-letter', description: 'Messages a consumer set aside, with the reason.' },
  { name: 'events', description: 'Domain events on a bounded context’s topic.' },
  { name: 'inbound', description: 'What an agency’s own system publishes to the hub, and the hub’s answers.' },
] as const;
const tag = (name: (typeof tags)[number]['name']): JsonObject => ({ name, description: tags.find((t) => t.name === name)?.description ?? '' });

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

function sendOperationsOf(definitions: Catalogue): JsonObject {
  const operations: JsonObject = {};
  for (const context of contextsOf(definitions)) {
    const onTopic = definitions.filter((d) => d.context === context);
    const emitters = [...new Set(onTopic.flatMap((d) => d.emitters))].sort(byCodePoint);
    for (const emitter of emitters) {
      const topic = topicOf(context);
      const sent = onTopic.filter((d) => d.emitters.includes(emitter));
      operations[`${emitter}.send.${context}`] = {
        action: 'send',
        title: `${emitter} publishes on ${topic}`,
        summary: `Events of ${emitter} agencies, published by the relay once stored.`,
        description:
          `What ${emitter} agencies record (${sent.map((d) => d.type).join(', ')}) is appended to the event store and ` +
          `published on ${topic} by the relay, keyed by case id and signed (traiettorie_signature).`,
        tags: [tag('events')],
        channel: { $ref: `#/channels/${topic}` },
        messages: sent.map((d) => ({ $ref: `#/channels/${topic}/messages/${versionedNameOf(d)}` })),
      };
    }
  }
  return operations;
}

/** One `receive` per consumer and context topic it handles events of, and one `send` of its dead letters. */
function receiveOperationsOf(definitions: Catalogue): JsonObject {
  const operations: JsonObject = {};
  for (const consumer of [...consumers].sort((a, b) => byCodePoint(a.service, b.service))) {
    const handled = definitions.filter((d) => (consumer.handles as readonly string[]).includes(d.type));
    const skipped = consumer.contexts.filter((context) => !handled.some((d) => d.context === context));
    for (const context of [...consumer.contexts].sort(byCodePoint)) {
      const onTopic = handled.filter((d) => d.context === context);
      if (onTopic.length === 0) continue;
      const topic = topicOf(context);
      operations[`${consumer.service}.receive.${context}`] = {
        action: 'receive',
        title: `${consumer.service} consumes ${topic}`,
        summary: `${consumer.service} handles ${onTopic.map((d) => d.type).join(', ')}.`,
        description:
          `${consumer.description} Consumer group \`${consumer.groupId}\`. Each message is checked (relay signature, ` +
          `contract, emitting agency) before its handler runs; one that fails, or whose handler keeps failing, goes to ` +
          `${deadLetterTopicOf(consumer.groupId)}. Other event types on ${topic} are skipped.` +
          (skipped.length > 0 ? ` It also subscribes to ${skipped.map((c) => topicOf(c)).join(', ')}, handling none of their events yet.` : ''),
        tags: [tag('events')],
        channel: { $ref: `#/channels/${topic}` },
        messages: onTopic.map((d) => ({ $ref: `#/channels/${topic}/messages/${versionedNameOf(d)}` })),
        bindings: { kafka: { groupId: { type: 'string', enum: [consumer.groupId] }, bindingVersion: kafkaBindingVersion } },
      };
    }
    const deadLetters = deadLetterTopicOf(consumer.groupId);
    operations[`${consumer.service}.send.dead-letter`] = {
      action: 'send',
      title: `${consumer.service} sets messages aside on ${deadLetters}`,
      summary: 'Messages it cannot process, with the original headers and value and the reason.',
      description:
        `A message that is not from the relay (reason code \`${notFromRelayCode}\`), breaks its contract (VALIDATION), ` +
        `is not JSON (MALFORMED), comes from an agency kind that may not emit it (FORBIDDEN), or whose handler failed ` +
        `every retry, is copied here and its offset committed, so the partition goes on.`,
      tags: [tag('dead-letter')],
      channel: { $ref: `#/channels/${deadLetters}` },
      messages: [{ $ref: `#/channels/${deadLetters}/messages/${deadLetterMessageName}` }],
    };
  }
  return operations;
}

/** `traiettorie.inbound.{clientId}` and its `.replies`: as `POST /events`, for agencies that run Kafka. */
const inboundAddress = 'traiettorie.inbound.{clientId}';
const repliesAddress = 'traiettorie.inbound.{clientId}.replies';
const clientIdParameter = {
  clientId: { description: 'The publishing client’s id in the hub’s registry (e.g. `ss-sesto`): its SASL principal’s name.' },
};

function inboundChannels(definitions: Catalogue): JsonObject {
  const messages: JsonObject = {};
  for (const d of definitions) messages[versionedNameOf(d)] = { $ref: `#/components/messages/${versionedNameOf(d)}` };
  return {
    inbound: {
      address: inboundAddress,
      title: 'an agency’s inbound topic',
      description:
        'Where an agency’s own system publishes the events it recorded (CloudEvents, binary or structured content mode), instead of ' +
        '`POST /events`. Only that client’s SASL principal may write it; the events service reads it and records each event with the ' +
        'same checks as `POST /events` (contract, `source` of the client’s own agency, emitter rights, the owning decider), keyed by case id.',
      parameters: clientIdParameter,
      messages,
      bindings: { kafka: { bindingVersion: kafkaBindingVersion } },
    },
    inboundReplies: {
      address: repliesAddress,
      title: 'the hub’s answers to an agency’s inbound events',
      description: 'One message per inbound message: accepted, duplicate or refused with RFC 9457 problem details. Only the client’s principal may read it; only the events service writes it.',
      parameters: clientIdParameter,
      messages: { [inboundReplyMessageName]: { $ref: `#/components/messages/${inboundReplyMessageName}` } },
      bindings: { kafka: { bindingVersion: kafkaBindingVersion } },
    },
  };
}

function inboundOperations(definitions: Catalogue): JsonObject {
  return {
    'agency.send.inbound': {
      action: 'send',
      title: 'An agency’s system publishes on its inbound topic',
      summary: 'Events the agency recorded, as it would post them to POST /events.',
      description:
        'The client’s system produces each event as a CloudEvent (the Kafka binding, binary or structured mode) on ' +
        '`traiettorie.inbound.<its clientId>`, logged in as its own SASL principal, keyed by case id. Its `source` must be its own agency.',
      tags: [tag('inbound')],
      channel: { $ref: '#/channels/inbound' },
      messages: definitions.map((d) => ({ $ref: `#/channels/inbound/messages/${versionedNameOf(d)}` })),
    },
    'events.receive.inbound': {
      action: 'receive',
      title: 'The events service records what agencies publish',
      summary: 'Each batch is recorded as POST /events records one: one read and one append per case stream.',
      description:
        'Consumer group `events`. The topic names the client (only its principal writes it); each event is checked against its ' +
        'contract, its source, the client’s emitter rights and the owning decider, stored with its own id, and answered on the replies topic; ' +
        'offsets are committed once the replies are written, so a redelivered event is answered `duplicate`.',
      tags: [tag('inbound')],
      channel: { $ref: '#/channels/inbound' },
      messages: definitions.map((d) => ({ $ref: `#/channels/inbound/messages/${versionedNameOf(d)}` })),
      bindings: { kafka: { groupId: { type: 'string', enum: ['events'] }, bindingVersion: kafkaBindingVersion } },
    },
    'events.send.replies': {
      action: 'send',
      title: 'The events service answers each inbound message',
      description: 'One reply per inbound message, keyed by the event id, on `traiettorie.inbound.<clientId>.replies`: only the events service writes it.',
      tags: [tag('inbound')],
      channel: { $ref: '#/channels/inboundReplies' },
      messages: [{ $ref: `#/channels/inboundReplies/messages/${inboundReplyMessageName}` }],
    },
    'agency.receive.replies': {
      action: 'receive',
      title: 'An agency’s system reads the answers to what it published',
      description: 'Only the client’s principal reads its replies topic, in consumer groups named `traiettorie-<clientId>…`.',
      tags: [tag('inbound')],
      channel: { $ref: '#/channels/inboundReplies' },
      messages: [{ $ref: `#/channels/inboundReplies/messages/${inboundReplyMessageName}` }],
    },
  };
}

const inboundReplyMessageName = 'InboundReply';

function inboundReplyMessage(): JsonObject {
  return {
    name: inboundReplyMessageName,
    title: 'What became of one inbound message',
    summary: 'Keyed by the event id; `partition` and `offset` say which inbound message it answers.',
    tags: [tag('inbound')],
    contentType: 'application/json',
    headers: {
      type: 'object',
      properties: { 'content-type': { type: 'string', const: 'application/json' } },
      required: ['content-type'],
    },
    payload: {
      type: 'object',
      required: ['status', 'partition', 'offset'],
      properties: {
        id: { type: 'string', format: 'uuid', description: 'The event id, when the message carried a UUID one.' },
        type: { type: 'string' },
        status: { type: 'string', enum: ['accepted', 'duplicate', 'refused'] },
        problem: {
          type: 'object',
          description: 'RFC 9457 problem details of a refusal: type, title, status, detail, and rule (403) or errors (422); values are never echoed.',
        },
        partition: { type: 'integer' },
        offset: { type: 'string', pattern: '^[0-9]+$' },
      },
    },
    examples: [
      {
        name: 'refused',
        summary: 'An event for a case of an Ambito the client does not act for.',
        headers: { 'content-type': 'application/json' },
        payload: {
          id: '0b6f3c1a-9b0e-4a55-8d64-3c2b9b0b7e21',
          type: 'CaseOpened',
          status: 'refused',
          problem: {
            type: 'urn:traiettorie:problem:forbidden',
            title: 'Forbidden',
            status: 403,
            detail: 'client ss-sesto does not act for Ambito LOM-ADDA-MARTESANA',
            rule: 'ambito-not-yours',
          },
          partition: 0,
          offset: '41',
        },
      },
    ],
  };
}

function deadLetterChannels(): JsonObject {
  const channels: JsonObject = {};
  for (const consumer of [...consumers].sort((a, b) => byCodePoint(a.groupId, b.groupId))) {
    const topic = deadLetterTopicOf(consumer.groupId);
    channels[topic] = {
      address: topic,
      title: `dead letters of ${consumer.groupId}`,
      description: `Messages consumer group ${consumer.groupId} (${consumer.service}) set aside, for operators to inspect and replay.`,
      messages: { [deadLetterMessageName]: { $ref: `#/components/messages/${deadLetterMessageName}` } },
      bindings: { kafka: { topic, bindingVersion: kafkaBindingVersion } },
    };
  }
  return channels;
}

const deadLetterMessageName = 'DeadLetter';

/** What `dlq_reason` holds, for readers of the document. */
const deadLetterReasonDescription =
  'The reason, as a JSON object: `code` (string: ' +
  `${notFromRelayCode}, VALIDATION, MALFORMED, FORBIDDEN, ILLEGAL_STATE, NOT_FOUND, CONCURRENCY, DUPLICATE_EVENT_ID or HANDLER_FAILED), ` +
  '`message` (string, never echoing field values), `issues` (for VALIDATION: an array of `{path, rule, message, expected?, received?}`, ' +
  'one per broken rule, `received` describing a value without echoing it), and, when a handler failed, `attempts`, `eventId`, `eventType`.';

function deadLetterMessage(definitions: Catalogue): JsonObject {
  const definition = definitions.find((d) => d.type === 'CaseOpened') ?? definitions[0];
  const record = definition ? toKafkaRecord(exampleEventOf(definition)) : { headers: {} as Record<string, string>, value: '{}' };
  const data = JSON.parse(record.value) as JsonObject;
  const unknown = 'unknown field(s) not allowed here: notes';
  const reason = {
    code: 'VALIDATION',
    message: `invalid event: data: ${unknown} [unknown-keys]`,
    issues: [{ path: 'data', rule: 'unknown-keys', message: unknown }],
  };
  const properties: JsonObject = {
    dlq_reason: {
      type: 'string',
      contentMediaType: 'application/json',
      description: deadLetterReasonDescription,
    },
    dlq_source_topic: { type: 'string', description: 'The topic the message was read from.' },
    dlq_source_partition: { type: 'string', pattern: '^[0-9]+$', description: 'Its partition, in decimal.' },
    dlq_source_offset: { type: 'string', pattern: '^[0-9]+$', description: 'Its offset, in decimal.' },
    dlq_consumer_group: { type: 'string', description: 'The consumer group that set it aside.' },
  };
  return {
    name: deadLetterMessageName,
    title: 'A message a consumer set aside',
    summary: 'The original message (key, value and headers unchanged) plus the dlq_ headers saying why and where from.',
    description:
      'Key and value are the original ones, byte for byte (the value may not be JSON). The headers are the original ' +
      `headers (content-type, ce_*, ${relaySignatureHeaders.join(', ')}) plus ${deadLetterHeaders.join(', ')}.`,
    tags: [tag('dead-letter')],
    headers: {
      type: 'object',
      properties,
      required: [...deadLetterHeaders],
      additionalProperties: { type: 'string', description: 'An original header, unchanged.' },
    },
    payload: { description: 'The original message value, unchanged; usually the event data as JSON.' },
    examples: [
      {
        name: 'contract-broken',
        summary: `A ${definition?.type ?? 'message'} with a field its contract does not know, set aside by read-models.`,
        headers: {
          ...record.headers,
          ...exampleSignatureHeaders(record.headers['ce_id'] ?? ''),
          dlq_reason: JSON.stringify(reason),
          dlq_source_topic: topicOf('social-services'),
          dlq_source_partition: '2',
          dlq_source_offset: '1041',
          dlq_consumer_group: 'read-models',
        },
        payload: { ...data, notes: 'lives alone' },
      },
      {
        name: 'not-from-relay',
        summary: 'An event produced on the topic by someone other than the relay: no valid signature.',
        headers: {
          ...record.headers,
          dlq_reason: JSON.stringify({ code: notFromRelayCode, message: 'no valid relay signature (traiettorie_signature)' }),
          dlq_source_topic: topicOf('social-services'),
          dlq_source_partition: '0',
          dlq_source_offset: '77',
          dlq_consumer_group: 'employment-centre',
        },
        payload: data,
      },
    ],
  };
}

function messageOf(definition: EventDefinition): JsonObject {
  const example = toKafkaRecord(exampleEventOf(definition));
  return {
    name: definition.type,
    title: `${definition.type} v${definition.version}`,
    summary: definition.description,
    description:
      `${definition.description} Published by the relay on ${topicOf(definition.context)}, emitted by ${definition.emitters.join(', ')} ` +
      `agencies; the value is the event data as JSON, validated against ${dataSchemaOf(definition)}.`,
    tags: [tag('events')],
    contentType: 'application/json',
    headers: headersOf(definition),
    payload: dataJsonSchemaOf(definition, 'draft-7'),
    correlationId: { description: 'The CloudEvent id.', location: '$message.header#/ce_id' },
    bindings: { kafka: { key: envelopeAttributeSchemas().properties['subject'] ?? {}, bindingVersion: kafkaBindingVersion } },
    examples: [
      {
        name: 'example',
        summary: `An example ${definition.type} v${definition.version}`,
        headers: { ...example.headers, ...exampleSignatureHeaders(example.headers['ce_id'] ?? '') },
        payload: definition.example as Json,
      },
    ],
  };
}

/** The Kafka headers of the binary content mode: `content-type`, one `ce_<attribute>` per CloudEvents attribute, and the relay's signature. */
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
  Object.assign(properties, signatureHeaderSchemas);
  required.push(...relaySignatureHeaders);
  return { type: 'object', properties, required };
}

/** The headers the relay adds to every event it publishes; consumers set aside a message without a valid signature. */
const signatureHeaderSchemas: Record<(typeof relaySignatureHeaders)[number], JsonObject> = {
  traiettorie_signature: {
    type: 'string',
    contentEncoding: 'base64',
    pattern: '^[A-Za-z0-9+/]{86}==$',
    description:
      `Ed25519 signature (64 bytes, base64) made by the relay with the key named by traiettorie_keyid. Consumers verify it and ` +
      `set aside a message without a valid one, reason code ${notFromRelayCode}: only what the event store holds is delivered.`,
  },
  traiettorie_keyid: { type: 'string', minLength: 1, description: 'Which relay key signed the message, so that keys can be rotated.' },
  traiettorie_position: {
    type: 'string',
    pattern: '^[0-9]+$',
    description: 'The event’s global position in the event store, in decimal: auditors find the stored event by it.',
  },
};

/** Illustrative signature headers for examples: a well-formed 64-byte value, not a real signature. */
function exampleSignatureHeaders(eventId: string): Record<string, string> {
  return {
    traiettorie_signature: createHash('sha512').update(`example signature of ${eventId}`).digest('base64'),
    traiettorie_keyid: 'relay-2026-01',
    traiettorie_position: '1042',
  };
}
