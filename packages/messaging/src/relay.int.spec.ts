import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { fromKafkaRecord, parseEvent, topicOf } from '@traiettorie/contracts';
import { toNewEvent } from '@traiettorie/command-handling';
import { createPostgresEventStore, migrateEventStore, type EventStore } from '@traiettorie/event-store';
import { createTestDatabase, requireEnv, sampleEvent, uniqueName, waitFor, type TestDatabase } from '@traiettorie/testing';
import type { Consumer, Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createKafka, parseBrokers } from './kafka-client.js';
import { migrateRelayLedger } from './relay-ledger.js';
import { createRelaySigner, createRelayVerifier, generateRelayKeyPair, loadKey, POSITION_HEADER } from './relay-signature.js';
import { createRelay, type Relay, type RelayOptions } from './relay.js';

const keys = generateRelayKeyPair();
const signer = createRelaySigner(loadKey(keys.privateKey, 'private')[0]!);
const verifier = createRelayVerifier(loadKey(keys.publicKey, 'public'));

interface Received {
  topic: string;
  key: string;
  verified: boolean;
  position?: number;
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
    await migrateRelayLedger(db.pool);
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
        const verification = verifier.verify(topic, message);
        received.push({
          topic,
          key: String(message.key),
          headers,
          event: fromKafkaRecord(message),
          verified: verification.ok,
          ...(verification.ok ? { position: verification.globalPosition } : {}),
        });
      },
    });
    stopAfter.push({ stop: () => consumer.disconnect() });
    return received;
  }

  function relayOptions(prefix: string, idleMs = 200): RelayOptions {
    return { name: prefix, store, pool: db.pool, kafka, topicPrefix: prefix, idleMs, signer };
  }

  function relay(prefix: string): Relay {
    const r = createRelay(relayOptions(prefix));
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
    // Every message carries the relay's signature over it, with the event's global position.
    expect(received.every((r) => r.verified)).toBe(true);
    expect(social.map((r) => r.position)).toEqual([1, 2]);
    expect(social.map((r) => r.headers[POSITION_HEADER])).toEqual(['1', '2']);
  });

  it('resumes from its checkpoint: events appended while it was down arrive, earlier ones are not sent again', async () => {
    const prefix = uniqueName('t');
    const caseId = randomUUID();
    const topic = topicOf('social-services', prefix);
    await store.appendToStream(`case-${caseId}`, [toNewEvent(sampleEvent('CaseOpened', { caseId }))]);
    const first = createRelay(relayOptions(prefix));
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

  it('publishes an event appended soon after the last one within milliseconds, not after its longest idle wait', async () => {
    const prefix = uniqueName('t');
    // A long idle wait, so that waiting it out would show.
    const r = createRelay(relayOptions(prefix, 5_000));
    stopAfter.push(r);
    await store.appendToStream(`case-${randomUUID()}`, [toNewEvent(sampleEvent('CaseOpened'))]);
    await r.start();
    await waitFor(() => r.published(), (n) => n === 1, { what: 'the first event to be published' });

    await sleep(100);
    const appendedAt = Date.now();
    await store.appendToStream(`case-${randomUUID()}`, [toNewEvent(sampleEvent('CaseOpened'))]);
    await waitFor(() => r.published(), (n) => n === 2, { what: 'the second event to be published', timeoutMs: 10_000 });

    expect(Date.now() - appendedAt).toBeLessThan(1_500);
  });

  it('runs one instance per name: a second waits as standby and takes over when the first stops', async () => {
    const prefix = uniqueName('t');
    const active = createRelay(relayOptions(prefix, 100));
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

  /** Deletes a topic and waits until the broker no longer lists it: what a wiped broker looks like to the relay. */
  async function deleteTopic(topic: string): Promise<void> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.deleteTopics({ topics: [topic] });
      await waitFor(async () => (await admin.listTopics()).includes(topic), (exists) => !exists, { what: 'the topic to be deleted' });
    } finally {
      await admin.disconnect();
    }
  }

  /** How many messages the topics hold, from the broker's offsets. */
  async function messagesOn(topics: string[]): Promise<number> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      let total = 0;
      for (const topic of topics) for (const p of await admin.fetchTopicOffsets(topic)) total += Number(p.high) - Number(p.low);
      return total;
    } finally {
      await admin.disconnect();
    }
  }

  it('republishes the whole log when the broker lost what it had published (topics deleted and created again)', async () => {
    const prefix = uniqueName('t');
    const topic = topicOf('social-services', prefix);
    const caseId = randomUUID();
    const events = [sampleEvent('CaseOpened', { caseId }), sampleEvent('AssessmentCompleted', { caseId })];
    await store.appendToStream(`case-${caseId}`, events.map(toNewEvent));
    const first = createRelay(relayOptions(prefix));
    await first.start();
    await waitFor(() => first.published(), (n) => n === 2, { what: 'the first relay to publish' });
    await first.stop();
    expect(await messagesOn([topic])).toBe(2);

    // What a wiped broker looks like to the relay: its topics exist again, empty.
    await deleteTopic(topic);

    const second = relay(prefix);
    await second.start();
    await waitFor(() => second.published(), (n) => n === 2, { what: 'the relay to republish both events' });
    expect(second.republications()).toBe(1);
    const received = await collect([topic]);
    await waitFor(() => received.length, (n) => n >= 2, { what: 'both events on Kafka again' });
    expect(received.map((r) => r.event['id'])).toEqual(events.map((e) => e.id));

    // A restart against the same, intact broker republishes nothing.
    await second.stop();
    const third = relay(prefix);
    await third.start();
    await waitFor(() => third.isActive(), Boolean, { what: 'the third relay to become active' });
    await store.appendToStream(`case-${caseId}`, [toNewEvent(sampleEvent('PactSigned', { caseId }))]);
    await waitFor(() => third.published(), (n) => n === 1, { what: 'the third relay to publish the new event only' });
    expect(third.republications()).toBe(0);
    expect(await messagesOn([topic])).toBe(3);
  });

  it('republishes the whole log when it talks to another Kafka cluster than the one it published to', async () => {
    const prefix = uniqueName('t');
    const topic = topicOf('social-services', prefix);
    await store.appendToStream(`case-${randomUUID()}`, [toNewEvent(sampleEvent('CaseOpened'))]);
    const first = createRelay(relayOptions(prefix));
    await first.start();
    await waitFor(() => first.published(), (n) => n === 1, { what: 'the first relay to publish' });
    await first.stop();
    // The ledger says another cluster: what the relay sees after KAFKA_BROKERS points elsewhere.
    await db.pool.query("UPDATE relay.broker_ledger SET cluster_id = 'another-cluster' WHERE relay_name = $1", [prefix]);

    const second = relay(prefix);
    await second.start();
    await waitFor(() => second.published(), (n) => n === 1, { what: 'the relay to republish' });
    expect(second.republications()).toBe(1);
    expect(await messagesOn([topic])).toBe(2);
  });

  it('republishes when a checkpoint from before the ledger meets empty topics', async () => {
    const prefix = uniqueName('t');
    const topic = topicOf('social-services', prefix);
    await store.appendToStream(`case-${randomUUID()}`, [toNewEvent(sampleEvent('CaseOpened'))]);
    const first = createRelay(relayOptions(prefix));
    await first.start();
    await waitFor(() => first.published(), (n) => n === 1, { what: 'the first relay to publish' });
    await first.stop();
    await db.pool.query('DELETE FROM relay.broker_ledger WHERE relay_name = $1', [prefix]);
    await deleteTopic(topic);

    const second = relay(prefix);
    await second.start();
    await waitFor(() => second.published(), (n) => n === 1, { what: 'the relay to republish' });
    expect(second.republications()).toBe(1);
  });
});
