import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { caseStreamOf, toKafkaRecord, type HubEvent } from '@traiettorie/contracts';
import { applyKafkaGrants, createKafka, inboundTopicOf, kafkaGrants, parseBrokers, repliesTopicOf } from '@traiettorie/messaging';
import { requireEnv, sampleEvent, uniqueName, waitFor } from '@traiettorie/testing';
import type { Kafka } from 'kafkajs';
import { readFileSync } from 'node:fs';
import { sourceOfClient, startEventsHub, type EventsHub } from '../events.fixture.js';
import type { InboundReply } from './inbound.consumer.js';

/**
 * An agency that runs Kafka publishes to its own inbound topic as its own
 * SASL principal; the events service records what it sent with the same
 * checks as POST /events and answers each message on the replies topic.
 */
describe('inbound topics on the real broker', () => {
  const prefix = uniqueName('inbound');
  const brokers = parseBrokers(requireEnv('KAFKA_BROKERS'));
  let hub: EventsHub;
  let credentials: Record<string, string>;
  const as = (username: string): Kafka =>
    createKafka({ brokers, clientId: `inbound-test-${username}`, sasl: { mechanism: 'scram-sha-512', username, password: credentials[username] ?? '' } });

  beforeAll(async () => {
    credentials = JSON.parse(readFileSync(requireEnv('KAFKA_CREDENTIALS_FILE'), 'utf8')) as Record<string, string>;
    const admin = as('admin').admin();
    await admin.connect();
    try {
      await applyKafkaGrants(admin, kafkaGrants({ prefix }));
    } finally {
      await admin.disconnect();
    }
    hub = await startEventsHub('inbound', { inbound: { prefix } });
  });
  afterAll(() => hub?.stop());

  it('records what ss-sesto publishes on its inbound topic and answers each message on its replies topic, refusals with the rule', async () => {
    const source = sourceOfClient('ss-sesto');
    const opened = { ...sampleEvent('CaseOpened'), source } as HubEvent;
    const otherAmbito = { ...sampleEvent('CaseOpened'), source, ambito: 'LOM-ADDA-MARTESANA' } as HubEvent;
    const producer = as('ss-sesto').producer({ allowAutoTopicCreation: false });
    await producer.connect();
    try {
      await producer.send({
        topic: inboundTopicOf('ss-sesto', prefix),
        acks: -1,
        // One key, one partition: the replies come in the order sent.
        messages: [opened, otherAmbito, opened].map((e) => ({ ...toKafkaRecord(e), key: opened.subject })),
      });
    } finally {
      await producer.disconnect();
    }
    const replies: InboundReply[] = [];
    const consumer = as('ss-sesto').consumer({ groupId: `${prefix}-ss-sesto-replies`, sessionTimeout: 6000, maxWaitTimeInMs: 200 });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [repliesTopicOf('ss-sesto', prefix)], fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void replies.push(JSON.parse(message.value!.toString()) as InboundReply) });
      await waitFor(() => replies.length, (n) => n >= 3, { what: 'three replies', timeoutMs: 60_000 });
    } finally {
      await consumer.disconnect();
    }
    const byOffset = replies.sort((a, b) => Number(a.offset) - Number(b.offset));
    expect(byOffset.map((r) => [r.id, r.status, r.problem?.['rule']])).toEqual([
      [opened.id, 'accepted', undefined],
      [otherAmbito.id, 'refused', 'ambito-not-yours'],
      [opened.id, 'duplicate', undefined],
    ]);
    expect((await hub.store.readStream(caseStreamOf('social-services', opened.subject))).map((e) => [e.id, e.metadata['source']])).toEqual([[opened.id, source]]);
  });
});
