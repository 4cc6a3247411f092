import type { CloudEvent } from './cloud-event.js';

/**
 * CloudEvents Kafka protocol binding, binary content mode: attributes travel
 * as `ce_` headers, `data` as the JSON value, the case id (subject) as the key
 * so that one person's events stay ordered in one partition.
 */
export interface KafkaRecord {
  key: string;
  value: string;
  headers: Record<string, string>;
}

export function toKafkaRecord(event: CloudEvent): KafkaRecord {
  const headers: Record<string, string> = { 'content-type': event.datacontenttype };
  for (const [name, value] of Object.entries(event)) {
    if (name === 'data' || name === 'datacontenttype' || value === undefined) continue;
    headers[`ce_${name}`] = String(value);
  }
  return { key: event.subject, value: JSON.stringify(event.data), headers };
}

/** Rebuilds the (unvalidated) CloudEvent of a Kafka record; validate it with `parseEvent`. */
export function fromKafkaRecord(record: {
  value: Buffer | string | null;
  headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined>;
}): Record<string, unknown> {
  const event: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(record.headers ?? {})) {
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined) continue;
    if (name === 'content-type') event['datacontenttype'] = value.toString();
    else if (name.startsWith('ce_')) event[name.slice(3)] = value.toString();
  }
  event['data'] = record.value === null ? undefined : JSON.parse(record.value.toString());
  return event;
}
