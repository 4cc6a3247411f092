import type { CloudEvent } from './cloud-event.js';
import { ValidationError } from './errors.js';

/**
 * CloudEvents Kafka protocol binding (1.0). The hub sends in binary content
 * mode: attributes travel as `ce_` headers, `data` as the JSON value, the case
 * id (subject) as the key so that one person's events stay ordered in one
 * partition. It reads both content modes, as the binding asks of receivers.
 */
export interface KafkaRecord {
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** A record as kafkajs delivers it (buffers) or as a producer wrote it (strings). */
export interface ReceivedKafkaRecord {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined>;
}

/** The media type of the CloudEvents JSON event format, the one structured mode the hub reads. */
export const structuredJsonContentType = 'application/cloudevents+json';

export function toKafkaRecord(event: CloudEvent): KafkaRecord {
  const headers: Record<string, string> = { 'content-type': event.datacontenttype };
  for (const [name, value] of Object.entries(event)) {
    if (name === 'data' || name === 'datacontenttype' || value === undefined) continue;
    headers[`ce_${name}`] = String(value);
  }
  // Key mapping (binding §3.1): a `partitionkey` is the key as-is; the hub's is always the case id.
  return { key: event.partitionkey ?? event.subject, value: JSON.stringify(event.data), headers };
}

/**
 * Rebuilds the (unvalidated) CloudEvent of a Kafka record; validate it with
 * `parseEvent`. A `content-type` header starting with `application/cloudevents`
 * (any case) marks structured mode (binding §3): the value is the whole event
 * in the JSON event format; anything else is binary mode. Throws a
 * SyntaxError when the value is not JSON, and a ValidationError for a
 * structured event in another format than JSON or a value that is not an object.
 */
export function fromKafkaRecord(record: ReceivedKafkaRecord): Record<string, unknown> {
  const headers = new Map<string, string>();
  for (const [name, raw] of Object.entries(record.headers ?? {})) {
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value !== undefined) headers.set(name.toLowerCase(), value.toString());
  }
  const contentType = headers.get('content-type');
  if (contentType !== undefined && /^application\/cloudevents/i.test(contentType)) return fromStructured(record, contentType);
  const event: Record<string, unknown> = {};
  if (contentType !== undefined) event['datacontenttype'] = contentType;
  for (const [name, value] of headers) if (name.startsWith('ce_')) event[name.slice(3)] = value;
  event['data'] = record.value === null ? undefined : JSON.parse(record.value.toString());
  return event;
}

function fromStructured(record: ReceivedKafkaRecord, contentType: string): Record<string, unknown> {
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  if (mediaType !== structuredJsonContentType) {
    throw new ValidationError(
      [
        {
          path: 'content-type',
          rule: 'event-format',
          message: `structured mode is read in the JSON event format only`,
          expected: structuredJsonContentType,
        },
      ],
      'event',
    );
  }
  const event: unknown = record.value === null ? null : JSON.parse(record.value.toString());
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw new ValidationError(
      [{ path: '', rule: 'type', message: 'a structured CloudEvent must be a JSON object', expected: 'object' }],
      'event',
    );
  }
  return event as Record<string, unknown>;
}
