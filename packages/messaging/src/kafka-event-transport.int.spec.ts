import 'reflect-metadata';
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { toKafkaRecord, type HubEvent } from '@traiettorie/contracts';
import { requireEnv, sampleEvent, uniqueName, waitFor } from '@traiettorie/testing';
import type { Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DeliveryInfo } from './event-consumer.js';
import { createKafka, ensureTopics, IDEMPOTENT_PRODUCER, parseBrokers } from './kafka-client.js';
import { EventBatch, KafkaEventTransport } from './kafka-event-transport.js';
import { createRelaySigner, createRelayVerifier, generateRelayKeyPair, loadKey } from './relay-signature.js';

const relayKeys = generateRelayKeyPair();
const signer = createRelaySigner(loadKey(relayKeys.privateKey, 'private')[0]!);

/** What each listener was handed, call by call. */
const received = { openings: [] as string[][], activity: [] as string[][], perEvent: [] as { id: string; delivery: DeliveryInfo }[] };

@Controller()
class OpeningsListener {
  @EventBatch(['CaseOpened'])
  async onEvents(@Payload() events: HubEvent[]): Promise<void> {
    received.openings.push(events.map((e) => e.id));
  }
}

@Controller()
class ActivityListener {
  @EventBatch(['CaseOpened', 'AssessmentCompleted'])
  async onEvents(@Payload() events: HubEvent[]): Promise<void> {
    received.activity.push(events.map((e) => e.id));
  }
}

@Controller()
class PerEventListener {
  @EventPattern('CaseOpened')
  async onOpened(@Payload() event: HubEvent, @Ctx() delivery: unknown): Promise<void> {
    received.perEvent.push({ id: event.id, delivery: delivery as DeliveryInfo });
  }
}

@Module({ controllers: [OpeningsListener, ActivityListener, PerEventListener] })
class ListenersModule {}

describe('the hub’s Nest Kafka transport', () => {
  let kafka: Kafka;
  const stopAfter: (() => Promise<void>)[] = [];
  beforeAll(() => {
    kafka = createKafka({ brokers: parseBrokers(requireEnv('KAFKA_BROKERS')), clientId: 'transport-test' });
  });
  afterEach(async () => {
    for (const stop of stopAfter.splice(0).reverse()) await stop();
  });

  it('hands each @EventBatch listener its own events of a batch in one call, whoever else handles them, and each @EventPattern listener one event at a time', async () => {
    const topic = uniqueName('t.transport');
    await ensureTopics(kafka, [topic, `${topic}.dlq`]);
    const caseId = randomUUID();
    const events = [sampleEvent('CaseOpened', { caseId }), sampleEvent('AssessmentCompleted', { caseId }), sampleEvent('PactSigned', { caseId })];
    const producer = kafka.producer({ ...IDEMPOTENT_PRODUCER });
    await producer.connect();
    stopAfter.push(() => producer.disconnect());
    const messages = events.map(toKafkaRecord).map((m, i) => ({ ...m, headers: { ...m.headers, ...signer.sign(topic, m, i + 1) } }));
    await producer.send({ topic, acks: -1, messages });

    const app = await NestFactory.createMicroservice(ListenersModule, {
      logger: false,
      strategy: new KafkaEventTransport({
        kafka,
        groupId: uniqueName('g'),
        topics: [topic],
        deadLetterTopic: `${topic}.dlq`,
        sessionTimeoutMs: 6000,
        trust: createRelayVerifier(loadKey(relayKeys.publicKey, 'public')),
      }),
    });
    await app.listen();
    stopAfter.push(() => app.close());

    await waitFor(() => received.activity.flat().length, (n) => n >= 2, { what: 'the activity listener to get its events' });
    await waitFor(() => received.perEvent.length, (n) => n >= 1, { what: 'the per-event listener to get the opening' });
    await sleep(1_000);
    const [opened, assessed] = events;
    expect(received.openings).toEqual([[opened!.id]]);
    expect(received.activity).toEqual([[opened!.id, assessed!.id]]);
    expect(received.perEvent).toEqual([{ id: opened!.id, delivery: { topic, partition: expect.any(Number), offset: '0' } }]);
  });
});
