import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { topicOf, toKafkaRecord } from '@traiettorie/contracts';
import { createKafka, IDEMPOTENT_PRODUCER, parseBrokers } from '@traiettorie/messaging';
import { requireEnv, sampleEvent, uniqueName, waitFor } from '@traiettorie/testing';
import type { Kafka, Message } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { assessment, openCase } from './fixtures.js';
import { committedEvents, get, post, startHub, type Hub } from './hub.js';

interface DeadLetter {
  reason: { code: string; message: string };
  headers: Record<string, string>;
}

/**
 * An outside system produces straight to the hub's outbound topic, bypassing
 * the store and its rules. Nothing of it may take effect anywhere.
 */
describe('Kafka messages the relay did not publish', () => {
  let hub: Hub;
  let kafka: Kafka;

  beforeAll(async () => {
    hub = await startHub('injection');
    kafka = createKafka({ brokers: parseBrokers(requireEnv('KAFKA_BROKERS')), clientId: 'an-outside-system' });
  });
  afterAll(() => hub?.stop());

  /** Produces as an outside system would: no relay signature. Events go in binary mode unless given as raw messages. */
  async function produce(topic: string, messages: (ReturnType<typeof sampleEvent> | Message)[]): Promise<void> {
    const producer = kafka.producer({ ...IDEMPOTENT_PRODUCER });
    await producer.connect();
    try {
      await producer.send({ topic, acks: -1, messages: messages.map((m) => ('specversion' in m ? toKafkaRecord(m) : m)) });
    } finally {
      await producer.disconnect();
    }
  }

  async function deadLetters(topic: string, atLeast: number): Promise<DeadLetter[]> {
    const received: DeadLetter[] = [];
    const consumer = kafka.consumer({ groupId: uniqueName('dlq-reader'), sessionTimeout: 6000, maxWaitTimeInMs: 500 });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
          received.push({ headers, reason: JSON.parse(headers['dlq_reason'] ?? 'null') as DeadLetter['reason'] });
        },
      });
      await waitFor(() => received.length, (n) => n >= atLeast, { what: `${atLeast} dead letters on ${topic}`, timeoutMs: 60_000 });
      await sleep(1_000);
      return received;
    } finally {
      await consumer.disconnect();
    }
  }

  it('reach neither the policies nor the read model: each is dead-lettered as not-from-relay, logged and counted', async () => {
    const social = hub.url('social-services');
    // A real case, assessed through the door: opened, assessed, referred by the CPI.
    const opened = await post(`${social}/cases`, openCase);
    expect(opened.status).toBe(201);
    const caseId = opened.body['caseId'] as string;
    expect((await post(`${social}/cases/${caseId}/assessment`, assessment)).status).toBe(201);
    await waitFor(
      async () => (await get(`${hub.url('read-models')}/cases/${caseId}`)).body as Record<string, unknown>,
      (s) => s['eventCount'] === 3,
      { what: 'the read model to show the case, its assessment and the referral' },
    );
    // The door refuses a second assessment.
    expect((await post(`${social}/cases/${caseId}/assessment`, assessment)).status).toBe(409);

    // Straight to Kafka: an assessment for a case that does not exist, and a second one for the real case.
    const ghostCase = randomUUID();
    const ghost = sampleEvent('AssessmentCompleted', { caseId: ghostCase });
    const second = sampleEvent('AssessmentCompleted', { caseId, data: { completedOn: '2026-12-01' } });
    await produce(topicOf('social-services', hub.prefix), [ghost, second]);

    for (const service of ['employment-centre', 'read-models'] as const) {
      const letters = await deadLetters(`${hub.prefix}.dlq.${hub.prefix}-${service}`, 2);
      // Two cases, two partitions: no order between them.
      expect(letters.map((l) => [l.headers['ce_id'], l.reason.code]).sort()).toEqual(
        [
          [ghost.id, 'not-from-relay'],
          [second.id, 'not-from-relay'],
        ].sort(),
      );
      const health = (await get(`${hub.url(service)}/health`)).body as { consumer: { deadLettered: number; deadLetteredByReason: Record<string, number> } };
      expect(health.consumer).toMatchObject({ deadLettered: 2, deadLetteredByReason: { 'not-from-relay': 2 } });
      const lines = hub.services[service].output().split('\n').filter((l) => l.includes('"dead-lettered"'));
      expect(lines).toHaveLength(2);
      const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>).sort((a, b) => String(a['eventId']).localeCompare(String(b['eventId'])));
      expect(logged).toEqual(
        [ghost.id, second.id].sort().map((eventId) => expect.objectContaining({ reason: 'not-from-relay', eventId, eventType: 'AssessmentCompleted', partition: expect.any(Number), offset: expect.any(String) })),
      );
      // The log line never carries the message's value.
      expect(lines.join('\n')).not.toContain('multidimensional');
    }

    // No effect anywhere: the store holds the three events it held, the read model shows what it showed.
    const log = await committedEvents(hub.db);
    expect(log.filter((e) => e.streamId.endsWith(ghostCase))).toEqual([]);
    expect(log.filter((e) => e.streamId.endsWith(caseId)).map((e) => e.type).sort()).toEqual(
      ['AssessmentCompleted', 'CaseOpened', 'EmploymentReferralReceived'].sort(),
    );
    expect((await get(`${hub.url('read-models')}/cases/${ghostCase}`)).status).toBe(404);
    expect((await get(`${hub.url('employment-centre')}/referrals/${ghostCase}`)).status).toBe(404);
    const summary = (await get(`${hub.url('read-models')}/cases/${caseId}`)).body as Record<string, unknown>;
    expect(summary['eventCount']).toBe(3);
    expect(summary['assessedAt']).not.toBe('2026-12-01');
  });

  it('a structured-mode CloudEvent and garbage from an outsider are set aside the same way, and take no effect', async () => {
    const ghostCase = randomUUID();
    const structured = sampleEvent('CaseOpened', { caseId: ghostCase });
    await produce(topicOf('social-services', hub.prefix), [
      // Structured content mode, as the CloudEvents SDK's Kafka.structured sends it: valid, but not the relay's.
      { key: ghostCase, value: JSON.stringify(structured), headers: { 'content-type': 'application/cloudevents+json; charset=UTF-8' } },
      { key: ghostCase, value: '\u0000{ not json at all' },
    ]);
    for (const service of ['employment-centre', 'read-models'] as const) {
      // The two of the previous test, then these two.
      const letters = await deadLetters(`${hub.prefix}.dlq.${hub.prefix}-${service}`, 4);
      expect(letters).toHaveLength(4);
      expect(letters.map((l) => l.reason.code)).toEqual(['not-from-relay', 'not-from-relay', 'not-from-relay', 'not-from-relay']);
      const health = (await get(`${hub.url(service)}/health`)).body as { consumer: { deadLettered: number; handled: number } };
      expect(health.consumer.deadLettered).toBe(4);
    }
    expect((await committedEvents(hub.db)).filter((e) => e.streamId.endsWith(ghostCase))).toEqual([]);
    expect((await get(`${hub.url('read-models')}/cases/${ghostCase}`)).status).toBe(404);
  });
});
