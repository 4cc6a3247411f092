import { describe, expect, test } from '@jest/globals';
import { CloudEvent as SdkCloudEvent, Kafka, type KafkaMessage } from 'cloudevents';
import { catalogue, definitionOf } from './catalogue.js';
import { parseEvent } from './event-parser.js';
import type { CloudEvent } from './cloud-event.js';
import { ValidationError } from './errors.js';
import { exampleEventOf } from './generate/example-event.js';
import { fromKafkaRecord, structuredJsonContentType, toKafkaRecord, type ReceivedKafkaRecord } from './kafka-binding.js';
import { caseId, envelopeFor, eventId } from './testing/parse-outcome.js';

/**
 * The official CloudEvents SDK (npm `cloudevents`), which agencies' systems
 * use, against the hub's Kafka binding, both ways and in both content modes.
 */

/** An event of the catalogue, with a time the SDK writes back unchanged (it normalises to milliseconds). */
function hubEvent(type: string): CloudEvent {
  const definition = catalogue.find((d) => d.type === type);
  if (!definition) throw new Error(type);
  return {
    ...exampleEventOf(definition),
    time: '2026-10-21T09:00:00.000Z',
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  };
}

/**
 * What a kafkajs consumer hands over for a message the SDK built: the SDK
 * leaves binary-mode data as an object, which a producer serialises as the
 * binding's JSON value; everything arrives as buffers.
 */
function delivered(message: KafkaMessage<unknown>): ReceivedKafkaRecord {
  const value = typeof message.value === 'string' ? message.value : JSON.stringify(message.value);
  const headers = Object.fromEntries(
    Object.entries(message.headers)
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(([name, header]) => [name, Buffer.from(String(header))]),
  );
  return { key: message.key === undefined ? null : Buffer.from(String(message.key)), value: Buffer.from(value), headers };
}

const sdkEventOf = (event: CloudEvent, extra: Record<string, unknown> = {}) => new SdkCloudEvent<unknown>({ ...event, ...extra });

describe('the Kafka binding and the CloudEvents SDK', () => {
  const types = ['CaseOpened', 'AssessmentCompleted', 'PactSigned', 'SpecialistServiceInvolved'];

  describe.each(types)('%s sent by an agency with the SDK', (type) => {
    const event = hubEvent(type);
    const withKey = { ...event, partitionkey: event.subject };

    test('in binary mode, with the binding’s partitionkey › is read as the same event', () => {
      const message = Kafka.binary(sdkEventOf(event, { partitionkey: event.subject }));

      expect(message.headers['ce_partitionkey']).toBe(event.subject);
      expect(message.key).toBe(event.subject);
      expect(parseEvent(fromKafkaRecord(delivered(message)))).toEqual(withKey);
    });

    test('in structured mode (application/cloudevents+json), with the partitionkey › is read as the same event', () => {
      const message = Kafka.structured(sdkEventOf(event, { partitionkey: event.subject }));

      expect(String(message.headers['content-type'])).toMatch(/^application\/cloudevents\+json/);
      expect(parseEvent(fromKafkaRecord(delivered(message)))).toEqual(withKey);
    });

    test('in either mode without a partitionkey › is read as the same event', () => {
      expect(parseEvent(fromKafkaRecord(delivered(Kafka.binary(sdkEventOf(event)))))).toEqual(event);
      expect(parseEvent(fromKafkaRecord(delivered(Kafka.structured(sdkEventOf(event)))))).toEqual(event);
    });

    test('sent by the hub (toKafkaRecord) › is read by the SDK as a valid CloudEvent with every attribute', () => {
      const received = Kafka.toEvent({ ...toKafkaRecord(parseEvent(event)), body: undefined }) as SdkCloudEvent<unknown>;

      expect(received.validate()).toBe(true);
      // The SDK maps the record key to partitionkey (binding §3.1): the case id.
      const json = JSON.parse(received.toString()) as unknown;

      expect(json).toStrictEqual({ ...event, partitionkey: event.subject });
      expect(parseEvent(json)).toEqual(withKey);
    });
  });

  test('a partitionkey that is not the case id › is refused, naming the attribute and the rule', () => {
    const event = hubEvent('CaseOpened');
    const message = Kafka.binary(sdkEventOf(event, { partitionkey: 'P-SSG-7f3a91' }));

    expect(issuesOf(() => parseEvent(fromKafkaRecord(delivered(message))))).toEqual([
      expect.objectContaining({ path: 'partitionkey', rule: 'equals-subject' }),
    ]);
  });

  test('an extension the hub does not know › is refused naming it, never echoing its value', () => {
    const event = hubEvent('CaseOpened');
    const message = Kafka.structured(sdkEventOf(event, { codicefiscale: 'RSSMRA80A01F205X' }));
    const issues = issuesOf(() => parseEvent(fromKafkaRecord(delivered(message))));

    expect(issues).toEqual([expect.objectContaining({ path: '', rule: 'unknown-keys', message: 'unknown field(s) not allowed here: codicefiscale' })]);
    expect(JSON.stringify(issues)).not.toContain('RSSMRA80A01F205X');
  });

  test('a structured event in a format other than JSON › is refused naming the content type and the one format read', () => {
    const record = { value: Buffer.from([0x4f, 0x62, 0x6a, 0x01]), headers: { 'content-type': Buffer.from('application/cloudevents+avro') } };

    expect(issuesOf(() => fromKafkaRecord(record))).toEqual([
      expect.objectContaining({ path: 'content-type', rule: 'event-format', expected: structuredJsonContentType }),
    ]);
  });

  test('a structured value that is not a JSON object › is refused; one that is not JSON at all › is a syntax error', () => {
    const headers = { 'content-type': 'Application/CloudEvents+JSON; charset=UTF-8' };

    expect(issuesOf(() => fromKafkaRecord({ value: '["CaseOpened"]', headers }))).toEqual([expect.objectContaining({ path: '', rule: 'type' })]);
    expect(() => fromKafkaRecord({ value: '{"id": ', headers })).toThrow(SyntaxError);
  });
});

function issuesOf(run: () => unknown): unknown[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('the Kafka binding', () => {
  const event: Record<string, unknown> = {
    ...envelopeFor(definitionOf('PactSigned')),
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  };

  test('an event travels keyed by its case, with its attributes as ce_ headers and its data as JSON', () => {
    const record = toKafkaRecord(parseEvent(event));

    expect(record.key).toBe(caseId);
    expect(JSON.parse(record.value)).toEqual(event['data']);
    expect(record.headers).toEqual({
      'content-type': 'application/json',
      ce_specversion: '1.0',
      ce_id: eventId,
      ce_source: '/agencies/social-services/ambito-sesto',
      ce_type: 'PactSigned',
      ce_time: '2026-10-21T09:00:00Z',
      ce_subject: caseId,
      // A v1 event is lifted to the latest version on parse (ADR 4).
      ce_dataschema: 'urn:traiettorie:schema:PactSigned:v3',
      ce_ambito: 'LOM-SESTO-SAN-GIOVANNI',
      ce_personref: 'P-SSG-7f3a91',
      ce_legalbasis: 'DL-48-2023',
      ce_traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    });
  });

  test('an event read back from its record › is the same event', () => {
    const record = toKafkaRecord(parseEvent(event));

    expect(fromKafkaRecord(record)).toEqual(event);
  });

  test('an event read back from the buffers Kafka delivers › is the same event and still valid', () => {
    const record = toKafkaRecord(parseEvent(event));
    const delivered = {
      value: Buffer.from(record.value),
      headers: Object.fromEntries(Object.entries(record.headers).map(([name, value]) => [name, Buffer.from(value)])),
    };

    expect(parseEvent(fromKafkaRecord(delivered))).toEqual(event);
  });

  test('an event without a trace context › travels without a ce_traceparent header', () => {
    const record = toKafkaRecord(parseEvent(envelopeFor(definitionOf('CaseOpened'))));

    expect(Object.keys(record.headers)).not.toContain('ce_traceparent');
    expect(fromKafkaRecord(record)).toEqual(envelopeFor(definitionOf('CaseOpened')));
  });

  test('a record whose header repeats › is read with the first value', () => {
    const read = fromKafkaRecord({ value: '{}', headers: { ce_type: [Buffer.from('CaseOpened'), 'PactSigned'] } });

    expect(read).toEqual({ type: 'CaseOpened', data: {} });
  });

  test('a record without a value (a tombstone) › is read with no data', () => {
    expect(fromKafkaRecord({ value: null, headers: { ce_type: 'CaseOpened' } })).toEqual({ type: 'CaseOpened', data: undefined });
  });
});
