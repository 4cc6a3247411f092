import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { fromKafkaRecord, parseEvent, toKafkaRecord, type HubEvent } from '@traiettorie/contracts';
import { requireEnv, sampleEvent, uniqueName, waitFor } from '@traiettorie/testing';
import { CloudEvent as SdkCloudEvent, Kafka as CloudEventsKafka, type KafkaMessage as SdkKafkaMessage } from 'cloudevents';
import type { Kafka, KafkaMessage, Message } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { createKafka, ensureTopics, IDEMPOTENT_PRODUCER, parseBrokers } from './kafka-client.js';

/**
 * Agencies' systems speak to the hub with the official CloudEvents SDK (npm
 * `cloudevents`). Its messages, in both content modes of the Kafka binding,
 * go through the real broker and must read as the events that were sent;
 * and what the hub publishes must read back in the SDK.
 */
describe('CloudEvents SDK messages through the broker', () => {
  let kafka: Kafka;
  const stopAfter: (() => Promise<void>)[] = [];

  beforeAll(() => {
    kafka = createKafka({ brokers: parseBrokers(requireEnv('KAFKA_BROKERS')), clientId: 'cloudevents-sdk-test' });
  });
  afterEach(async () => {
    for (const stop of stopAfter.splice(0).reverse()) await stop();
  });

  /** Sends kafkajs messages on a fresh topic, then reads them back with a plain consumer of its own group. */
  async function roundTrip(messages: Message[]): Promise<{ received: KafkaMessage[]; partitions: number[] }> {
    const topic = uniqueName('t.sdk');
    await ensureTopics(kafka, [topic]);
    const producer = kafka.producer({ ...IDEMPOTENT_PRODUCER });
    await producer.connect();
    stopAfter.push(() => producer.disconnect());
    await producer.send({ topic, acks: -1, messages });
    const received: KafkaMessage[] = [];
    const partitions: number[] = [];
    const consumer = kafka.consumer({ groupId: uniqueName('sdk-reader'), sessionTimeout: 6000, maxWaitTimeInMs: 500 });
    await consumer.connect();
    stopAfter.push(() => consumer.disconnect());
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message, partition }) => {
        received.push(message);
        partitions.push(partition);
      },
    });
    await waitFor(() => received.length, (n) => n >= messages.length, { what: `${messages.length} messages on ${topic}` });
    return { received, partitions };
  }

  /**
   * An SDK message as a kafkajs producer sends it: the SDK leaves binary-mode
   * data as an object, which the producer serialises as JSON (the binding's
   * value); unset attributes have no header.
   */
  function asKafkajsMessage(message: SdkKafkaMessage<unknown>): Message {
    const headers = Object.fromEntries(
      Object.entries(message.headers)
        .filter((entry): entry is [string, string] => entry[1] !== undefined)
        .map(([name, value]) => [name, String(value)]),
    );
    const value = typeof message.value === 'string' ? message.value : JSON.stringify(message.value);
    return { key: message.key, value, headers, timestamp: message.timestamp };
  }

  /** Events with times the SDK keeps as they are (it writes milliseconds), each of its own case. */
  function events(): HubEvent[] {
    const time = '2026-10-21T09:00:00.000Z';
    return [
      sampleEvent('CaseOpened', { time }),
      sampleEvent('AssessmentCompleted', { time }),
      sampleEvent('PactSigned', { time }),
      sampleEvent('SpecialistServiceInvolved', { time }),
    ];
  }

  it.each([
    ['binary', CloudEventsKafka.binary],
    ['structured', CloudEventsKafka.structured],
  ] as const)('reads what the SDK sends in %s mode, keyed by its partitionkey, as the same events', async (_mode, serialise) => {
    const sent = events().map((event) => ({ ...event, partitionkey: event.subject }));
    const { received, partitions } = await roundTrip(sent.map((event) => asKafkajsMessage(serialise(new SdkCloudEvent<unknown>(event)))));

    const read = received.map((message) => parseEvent(fromKafkaRecord(message)));
    expect(read.sort(byId)).toEqual([...sent].sort(byId));
    // The binding's key mapping: the partitionkey, the case id, is the Kafka key.
    expect(received.map((m) => String(m.key)).sort()).toEqual(sent.map((e) => e.subject).sort());
    expect(partitions.every((p) => Number.isInteger(p))).toBe(true);
  });

  it('reads SDK messages in both modes mixed on one topic, one case staying in one partition and in order', async () => {
    const caseId = randomUUID();
    const time = '2026-10-21T09:00:00.000Z';
    const sent = [
      sampleEvent('CaseOpened', { caseId, time }),
      sampleEvent('AssessmentCompleted', { caseId, time }),
      sampleEvent('PactSigned', { caseId, time }),
    ].map((event) => ({ ...event, partitionkey: caseId }));
    const modes = [CloudEventsKafka.binary, CloudEventsKafka.structured, CloudEventsKafka.binary];
    const { received, partitions } = await roundTrip(sent.map((event, i) => asKafkajsMessage(modes[i]!(new SdkCloudEvent<unknown>(event)))));

    expect(received.map((message) => parseEvent(fromKafkaRecord(message)))).toEqual(sent);
    expect(new Set(partitions).size).toBe(1);
  });

  it('publishes records that the SDK reads as valid CloudEvents with every attribute', async () => {
    const sent = events();
    const { received } = await roundTrip(sent.map((event) => toKafkaRecord(parseEvent(event))));

    const read = received.map((message) => {
      // The SDK takes string headers and a string or buffer value, as its Message type says.
      const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]));
      const incoming: SdkKafkaMessage<Buffer | null> = { key: String(message.key), value: message.value, headers, body: undefined };
      const event = CloudEventsKafka.toEvent(incoming) as SdkCloudEvent<unknown>;
      expect(event.validate()).toBe(true);
      return JSON.parse(event.toString()) as HubEvent;
    });
    // The SDK maps the record key to partitionkey: the case id.
    expect(read.sort(byId)).toStrictEqual(sent.map((event) => ({ ...event, partitionkey: event.subject })).sort(byId));
  });
});

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
