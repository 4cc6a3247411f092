import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { fromKafkaRecord, parseEvent, topicOf } from '@traiettorie/contracts';
import { createPostgresEventStore, migrateEventStore, toNewEvent, type EventStore } from '@traiettorie/event-store';
import { createTestDatabase, requireEnv, sampleEvent, uniqueName, waitFor, type TestDatabase } from '@traiettorie/testing';
import type { Consumer, Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { createKafka, parseBrokers } from './kafka-client.js';
import { createRelay, type Relay } from './relay.js';

interface Received {
  topic: string;
  key: string;
  headers: Record<string, string>;
  event: Record<string, unknown>;
}

describe('relay from the event store to Kafka', () => {
  let db: TestDatabase;
  let store: EventStore;
  let kafka: Kafka;
  const stopAfter: { stop(): Promise<void> }[] = [];

  beforeAll(() => {
    kafka = createKafka({ brokers: parseBrokers(requireEnv('KAFKA_BROKERS')), clientId: 'relay-test' });
  });
  // Each test has its own store: a relay reads the whole global log.
  beforeEach(async () => {
    db = await createTestDatabase('relay');
    await migrateEventStore(db.pool);
    store = createPostgresEventStore(db.pool);
  });
  afterEach(async () => {
    for (const s of stopAfter.splice(0).reverse()) await s.stop();
    await db.drop();
  });

  async function collect(topics: string[]): Promise<Received[]> {
    const received: Received[] = [];
    const consumer: Consumer = kafka.consumer({ groupId: uniqueName('observer') });
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
        received.push({ topic, key: String(message.key), headers, event: fromKafkaRecord(message) });
      },
    });
    stopAfter.push({ stop: () => consumer.disconnect() });
    return received;
  }

  function relay(prefix: string): Relay {
    const r = createRelay({ name: prefix, store, pool: db.pool, kafka, topicPrefix: prefix, idleMs: 200 });
    stopAfter.push(r);
    return r;
  }

  it('publishes each stored event once per run, to its context topic, keyed by case id, as a binary CloudEvent', async () => {
    const prefix = uniqueName('t');
    const caseId = randomUUID();
    const opened = sampleEvent('CaseOpened', { caseId });
    const assessed = sampleEvent('AssessmentCompleted', { caseId });
    const referral = sampleEvent('EmploymentReferralReceived', { caseId });
    await store.appendToStream(`case-${caseId}`, [opened, assessed].map(toNewEvent));
    await store.appendToStream(`employment-${caseId}`, [toNewEvent(referral)]);
    await relay(prefix).start();
    const received = await collect([topicOf('social-services', prefix), topicOf('employment-centre', prefix)]);

    await waitFor(() => received.length, (n) => n >= 3, { what: 'three events on Kafka' });
    const social = received.filter((r) => r.topic === topicOf('social-services', prefix));
    expect(social.map((r) => r.event['type'])).toEqual(['CaseOpened', 'AssessmentCompleted']);
    expect(received.find((r) => r.topic === topicOf('employment-centre', prefix))?.event['id']).toBe(referral.id);
    for (const r of received) {
      expect(r.key).toBe(caseId);
      expect(r.headers).toMatchObject({ ce_specversion: '1.0', ce_subject: caseId, 'content-type': 'application/json' });
    }
    expect(parseEvent(social[0]!.event)).toEqual(opened);
  });

  it('resumes from its checkpoint: events appended while it was down arrive, earlier ones are not sent again', async () => {
    const prefix = uniqueName('t');
    const caseId = randomUUID();
    const topic = topicOf('social-services', prefix);
    await store.appendToStream(`case-${caseId}`, [toNewEvent(sampleEvent('CaseOpened', { caseId }))]);
    const first = createRelay({ name: prefix, store, pool: db.pool, kafka, topicPrefix: prefix, idleMs: 200 });
    await first.start();
    await waitFor(() => first.published(), (n) => n === 1, { what: 'first relay to publish' });
    await first.stop();
    expect(await store.loadCheckpoint(`subscription:relay:${prefix}`)).toMatchObject({ globalPosition: 1 });

    await store.appendToStream(`case-${caseId}`, [toNewEvent(sampleEvent('AssessmentCompleted', { caseId }))]);
    const second = relay(prefix);
    await second.start();
    await waitFor(() => second.published(), (n) => n === 1, { what: 'second relay to publish the new event' });
    const received = await collect([topic]);
    await waitFor(() => received.length, (n) => n >= 2, { what: 'both events on Kafka' });
    expect(received.map((r) => r.event['type'])).toEqual(['CaseOpened', 'AssessmentCompleted']);
  });

  it('runs one instance per name: a second waits as standby and takes over when the first stops', async () => {
    const prefix = uniqueName('t');
    const active = createRelay({ name: prefix, store, pool: db.pool, kafka, topicPrefix: prefix, idleMs: 100 });
    stopAfter.push(active);
    const standby = relay(prefix);
    await active.start();
    await store.appendToStream(`case-${randomUUID()}`, [toNewEvent(sampleEvent('CaseOpened'))]);
    await waitFor(() => active.published(), (n) => n === 1, { what: 'the active relay to publish' });
    await standby.start();
    await store.appendToStream(`case-${randomUUID()}`, [toNewEvent(sampleEvent('CaseOpened'))]);
    await waitFor(() => active.published(), (n) => n === 2, { what: 'the active relay to publish again' });
    expect(standby.published()).toBe(0);
    await active.stop();
    await store.appendToStream(`case-${randomUUID()}`, [toNewEvent(sampleEvent('CaseOpened'))]);
    await waitFor(() => standby.published(), (n) => n === 1, { what: 'the standby to take over' });
  });
});
