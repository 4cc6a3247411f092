import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { IllegalStateError, toKafkaRecord, type CloudEvent, type HubEvent, type ValidationIssue } from '@traiettorie/contracts';
import { requireEnv, sampleEvent, uniqueName, waitFor } from '@traiettorie/testing';
import type { Consumer, Kafka, Message, Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createEventConsumer, type DeliveredEvent, type DeliveryInfo, type EventConsumer, type EventConsumerOptions } from './event-consumer.js';
import { createKafka, ensureTopics, IDEMPOTENT_PRODUCER, parseBrokers } from './kafka-client.js';
import { createRelaySigner, createRelayVerifier, generateRelayKeyPair, loadKey, SIGNATURE_HEADER } from './relay-signature.js';

/** The relay's key in these tests; the consumers under test trust its public half. */
const relayKeys = generateRelayKeyPair();
const signer = createRelaySigner(loadKey(relayKeys.privateKey, 'private')[0]!);
const verifier = createRelayVerifier(loadKey(relayKeys.publicKey, 'public'));
let position = 0;

interface Handled {
  event: HubEvent;
  delivery: DeliveryInfo;
}

interface DeadLetter {
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  reason: {
    code: string;
    message: string;
    issues?: ValidationIssue[];
    attempts?: number;
    eventId?: string;
    eventType?: string;
  };
}

/** How long to keep watching after the expected deliveries, to catch duplicates. */
const QUIET_MS = 1_500;

describe('event consumer: validated delivery with retries and a dead-letter topic', () => {
  let kafka: Kafka;
  let producer: Producer | undefined;
  const stopAfter: { stop(): Promise<void> }[] = [];

  beforeAll(() => {
    kafka = createKafka({ brokers: parseBrokers(requireEnv('KAFKA_BROKERS')), clientId: 'event-consumer-test' });
  });
  afterEach(async () => {
    for (const s of stopAfter.splice(0).reverse()) await s.stop();
  });

  /** A fresh source topic and dead-letter topic, created before anything is produced. */
  async function topics(): Promise<{ topic: string; deadLetterTopic: string }> {
    const topic = uniqueName('t.events');
    const deadLetterTopic = `${topic}.dlq`;
    await ensureTopics(kafka, [topic, deadLetterTopic]);
    return { topic, deadLetterTopic };
  }

  /** Produces messages signed as the relay signs them (unless `unsigned`: as any other producer would). */
  async function send(topic: string, messages: Message[], { unsigned = false } = {}): Promise<void> {
    if (!producer) {
      const p = kafka.producer({ ...IDEMPOTENT_PRODUCER });
      await p.connect();
      producer = p;
      // Stopped last, after the consumers.
      stopAfter.unshift({
        stop: async () => {
          producer = undefined;
          await p.disconnect();
        },
      });
    }
    const signed = unsigned
      ? messages
      : messages.map((m) => ({ ...m, headers: { ...m.headers, ...signer.sign(topic, { key: m.key ?? null, value: m.value, headers: m.headers ?? {} }, ++position) } }));
    await producer.send({ topic, acks: -1, messages: signed });
  }

  /** Publishes events the way the relay does: binary CloudEvents, keyed by case id. */
  async function publish(topic: string, events: CloudEvent[]): Promise<void> {
    await send(topic, events.map(toKafkaRecord));
  }

  /** A consumer under test whose handler records what it was handed. */
  function consumer(
    options: Pick<EventConsumerOptions, 'groupId' | 'topics' | 'deadLetterTopic'> & Partial<EventConsumerOptions>,
    handled: Handled[] = [],
  ): { consumer: EventConsumer; handled: Handled[] } {
    const c = createEventConsumer({
      kafka,
      sessionTimeoutMs: 6000,
      trust: verifier,
      handle: async (event, delivery) => {
        handled.push({ event, delivery });
      },
      ...options,
    });
    stopAfter.push(c);
    return { consumer: c, handled };
  }

  /** Everything on the dead-letter topic, read by a plain consumer of its own group. */
  async function readDeadLetters(deadLetterTopic: string): Promise<DeadLetter[]> {
    const received: DeadLetter[] = [];
    // A short fetch wait, so that disconnecting does not wait for a long poll.
    const observer: Consumer = kafka.consumer({ groupId: uniqueName('dlq-observer'), sessionTimeout: 6000, maxWaitTimeInMs: 500 });
    await observer.connect();
    await observer.subscribe({ topics: [deadLetterTopic], fromBeginning: true });
    await observer.run({
      eachMessage: async ({ message }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
        received.push({
          key: message.key === null ? null : message.key.toString(),
          value: message.value === null ? null : message.value.toString(),
          headers,
          reason: JSON.parse(headers['dlq_reason'] ?? 'null') as DeadLetter['reason'],
        });
      },
    });
    stopAfter.push({ stop: () => observer.disconnect() });
    return received;
  }

  it('hands each valid event to the handler once, in the order it was published for its case', async () => {
    const { topic, deadLetterTopic } = await topics();
    const cases = [randomUUID(), randomUUID(), randomUUID()];
    const published = cases.flatMap((caseId) => [
      sampleEvent('CaseOpened', { caseId }),
      sampleEvent('AssessmentCompleted', { caseId }),
      sampleEvent('PactSigned', { caseId }),
    ]);
    // Interleave the cases, as real traffic would.
    const interleaved = [0, 1, 2].flatMap((step) => cases.map((_, c) => published[c * 3 + step]!));
    await publish(topic, interleaved);
    const { consumer: c, handled } = consumer({ groupId: uniqueName('g'), topics: [topic], deadLetterTopic });
    await c.start();

    await waitFor(() => handled.length, (n) => n >= published.length, { what: 'every event to be handled' });
    await sleep(QUIET_MS);
    expect(handled).toHaveLength(published.length);
    expect(new Set(handled.map((h) => h.event.id)).size).toBe(published.length);
    for (const caseId of cases) {
      const ofCase = handled.filter((h) => h.event.subject === caseId);
      expect(ofCase.map((h) => h.event.type)).toEqual(['CaseOpened', 'AssessmentCompleted', 'PactSigned']);
      expect(ofCase.map((h) => h.event)).toEqual(published.filter((e) => e.subject === caseId));
      expect(new Set(ofCase.map((h) => h.delivery.partition)).size).toBe(1);
      expect(ofCase.every((h) => h.delivery.topic === topic)).toBe(true);
    }
    expect(await deadLetterCount(deadLetterTopic)).toBe(0);
  });

  it('sets aside an event whose data breaks its contract, naming the broken rule, and goes on with the next one', async () => {
    const { topic, deadLetterTopic } = await topics();
    const groupId = uniqueName('g');
    const caseId = randomUUID();
    const valid = sampleEvent('CaseOpened', { caseId });
    const unknownMeasure = sampleEvent('CaseOpened', { caseId, data: { measure: 'XYZ' as 'ADI' } });
    const withoutDate = sampleEvent('CaseOpened', { caseId });
    delete (withoutDate.data as Partial<typeof withoutDate.data>).referralDate;
    const following = sampleEvent('AssessmentCompleted', { caseId });
    await publish(topic, [valid, unknownMeasure, withoutDate, following]);
    const { consumer: c, handled } = consumer({ groupId, topics: [topic], deadLetterTopic });
    const [deadLetters] = await Promise.all([readDeadLetters(deadLetterTopic), c.start()]);

    await waitFor(() => handled.length, (n) => n >= 2, { what: 'the valid events to be handled' });
    await waitFor(() => deadLetters.length, (n) => n >= 2, { what: 'the broken events on the dead-letter topic' });
    await sleep(QUIET_MS);
    expect(handled.map((h) => h.event.id)).toEqual([valid.id, following.id]);
    expect(deadLetters).toHaveLength(2);

    const [measure, date] = deadLetters;
    expect(measure!.reason).toMatchObject({ code: 'VALIDATION' });
    expect(measure!.reason.issues).toEqual([expect.objectContaining({ path: 'data.measure', rule: 'enum' })]);
    expect(measure!.reason.message).toContain('data.measure');
    expect(date!.reason).toMatchObject({ code: 'VALIDATION' });
    expect(date!.reason.issues).toEqual([expect.objectContaining({ path: 'data.referralDate', rule: 'required' })]);

    // The original message travels unchanged, with where it came from.
    for (const [letter, event] of [
      [measure!, unknownMeasure],
      [date!, withoutDate],
    ] as const) {
      expect(letter.key).toBe(caseId);
      expect(letter.value).toBe(JSON.stringify(event.data));
      expect(letter.headers).toMatchObject({
        ce_id: event.id,
        ce_type: 'CaseOpened',
        dlq_source_topic: topic,
        dlq_source_partition: String(handled[0]!.delivery.partition),
        dlq_consumer_group: groupId,
      });
    }
    // A fresh topic: the four messages of the case sit at offsets 0..3 of one partition.
    expect(handled.map((h) => h.delivery.offset)).toEqual(['0', '3']);
    expect(deadLetters.map((d) => d.headers['dlq_source_offset'])).toEqual(['1', '2']);
  });

  it('sets aside a message whose value is not JSON as malformed', async () => {
    const { topic, deadLetterTopic } = await topics();
    const caseId = randomUUID();
    const event = sampleEvent('CaseOpened', { caseId });
    const following = sampleEvent('AssessmentCompleted', { caseId });
    await send(topic, [{ ...toKafkaRecord(event), value: '{"householdRef": "H-1", oops' }, toKafkaRecord(following)]);
    const { consumer: c, handled } = consumer({ groupId: uniqueName('g'), topics: [topic], deadLetterTopic });
    const [deadLetters] = await Promise.all([readDeadLetters(deadLetterTopic), c.start()]);

    await waitFor(() => deadLetters.length, (n) => n >= 1, { what: 'the malformed message on the dead-letter topic' });
    await waitFor(() => handled.length, (n) => n >= 1, { what: 'the following event to be handled' });
    await sleep(QUIET_MS);
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0]!.reason).toMatchObject({ code: 'MALFORMED', message: expect.stringContaining('not JSON') });
    expect(deadLetters[0]!.value).toBe('{"householdRef": "H-1", oops');
    expect(deadLetters[0]!.headers['dlq_reason']).not.toContain('householdRef');
    expect(deadLetters[0]!.headers).toMatchObject({ ce_id: event.id, dlq_source_topic: topic });
    expect(handled.map((h) => h.event.id)).toEqual([following.id]);
  });

  it('retries an event whose processing fails for a while, until it succeeds, without setting it aside', async () => {
    const { topic, deadLetterTopic } = await topics();
    const event = sampleEvent('CaseOpened');
    await publish(topic, [event]);
    const calls: string[] = [];
    const processed: string[] = [];
    const { consumer: c } = consumer({
      groupId: uniqueName('g'),
      topics: [topic],
      deadLetterTopic,
      maxAttempts: 5,
      initialBackoffMs: 10,
      handle: async (e) => {
        calls.push(e.id);
        if (calls.length <= 2) throw new Error('the case register is unavailable');
        processed.push(e.id);
      },
    });
    await c.start();

    await waitFor(() => processed.length, (n) => n >= 1, { what: 'the event to be processed' });
    await sleep(QUIET_MS);
    expect(calls).toEqual([event.id, event.id, event.id]);
    expect(processed).toEqual([event.id]);
    expect(await deadLetterCount(deadLetterTopic)).toBe(0);
  });

  it('sets aside an event whose processing keeps failing after the allowed attempts, with the reason and the attempts made', async () => {
    const { topic, deadLetterTopic } = await topics();
    const groupId = uniqueName('g');
    const event = sampleEvent('CaseOpened');
    const following = sampleEvent('AssessmentCompleted', { caseId: event.subject });
    await publish(topic, [event, following]);
    const calls: string[] = [];
    const { consumer: c } = consumer({
      groupId,
      topics: [topic],
      deadLetterTopic,
      maxAttempts: 3,
      initialBackoffMs: 10,
      handle: async (e) => {
        calls.push(e.id);
        if (e.id === event.id) throw new Error('the case register is unavailable');
      },
    });
    const [deadLetters] = await Promise.all([readDeadLetters(deadLetterTopic), c.start()]);

    await waitFor(() => deadLetters.length, (n) => n >= 1, { what: 'the failing event on the dead-letter topic' });
    await waitFor(() => calls.includes(following.id), Boolean, { what: 'the following event to be handled' });
    await sleep(QUIET_MS);
    expect(calls).toEqual([event.id, event.id, event.id, following.id]);
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0]!.reason).toEqual({
      code: 'HANDLER_FAILED',
      message: 'the case register is unavailable',
      attempts: 3,
      eventId: event.id,
      eventType: 'CaseOpened',
    });
    expect(deadLetters[0]!.headers).toMatchObject({ ce_id: event.id, dlq_source_topic: topic, dlq_consumer_group: groupId });
  });

  it('sets aside at once, without retrying, an event the current state of the case forbids', async () => {
    const { topic, deadLetterTopic } = await topics();
    const event = sampleEvent('PactSigned');
    await publish(topic, [event]);
    const calls: string[] = [];
    const { consumer: c } = consumer({
      groupId: uniqueName('g'),
      topics: [topic],
      deadLetterTopic,
      maxAttempts: 3,
      initialBackoffMs: 10,
      handle: async (e) => {
        calls.push(e.id);
        throw new IllegalStateError('no pact can be signed on a case that was never opened');
      },
    });
    const [deadLetters] = await Promise.all([readDeadLetters(deadLetterTopic), c.start()]);

    await waitFor(() => deadLetters.length, (n) => n >= 1, { what: 'the forbidden event on the dead-letter topic' });
    await sleep(QUIET_MS);
    expect(calls).toEqual([event.id]);
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0]!.reason).toEqual({
      code: 'ILLEGAL_STATE',
      message: 'no pact can be signed on a case that was never opened',
      attempts: 1,
      eventId: event.id,
      eventType: 'PactSigned',
    });
  });

  it('resumes where it left off after a restart: processed events are not handed over again, events published meanwhile are', async () => {
    const { topic, deadLetterTopic } = await topics();
    const groupId = uniqueName('g');
    const caseA = randomUUID();
    const caseB = randomUUID();
    const before = [sampleEvent('CaseOpened', { caseId: caseA }), sampleEvent('CaseOpened', { caseId: caseB })];
    await publish(topic, before);
    const first = consumer({ groupId, topics: [topic], deadLetterTopic });
    await first.consumer.start();
    await waitFor(() => first.handled.length, (n) => n >= 2, { what: 'the first consumer to handle the first events' });
    await first.consumer.stop();

    const meanwhile = [sampleEvent('AssessmentCompleted', { caseId: caseA }), sampleEvent('AssessmentCompleted', { caseId: caseB })];
    await publish(topic, meanwhile);
    const second = consumer({ groupId, topics: [topic], deadLetterTopic });
    await second.consumer.start();
    await waitFor(() => second.handled.length, (n) => n >= 2, { what: 'the restarted consumer to handle the new events' });
    await sleep(QUIET_MS);

    const ids = (events: { id: string }[]) => events.map((e) => e.id).sort();
    expect(ids(first.handled.map((h) => h.event))).toEqual(ids(before));
    expect(ids(second.handled.map((h) => h.event))).toEqual(ids(meanwhile));
  });

  it('acts only on messages the relay signed: unsigned, tampered and foreign-signed ones are dead-lettered as not-from-relay, before any handler', async () => {
    const { topic, deadLetterTopic } = await topics();
    const groupId = uniqueName('g');
    const caseId = randomUUID();
    const genuine = sampleEvent('CaseOpened', { caseId });
    const injected = sampleEvent('AssessmentCompleted', { caseId });
    await publish(topic, [genuine]);
    // A producer that is not the relay: a valid event, but no signature.
    await send(topic, [toKafkaRecord(injected)], { unsigned: true });
    // A genuine signature over other bytes: the relay signed one event, someone changed its data.
    const tampered = toKafkaRecord(sampleEvent('AssessmentCompleted', { caseId }));
    const signedHeaders = signer.sign(topic, { key: tampered.key, value: tampered.value, headers: tampered.headers }, 999);
    await send(topic, [{ ...tampered, value: tampered.value.replace('multidimensional', 'simplified'), headers: { ...tampered.headers, ...signedHeaders } }], { unsigned: true });
    // A signature by a key the consumer does not trust.
    const stranger = createRelaySigner(loadKey(generateRelayKeyPair().privateKey, 'private')[0]!);
    const foreign = toKafkaRecord(sampleEvent('PactSigned', { caseId }));
    await send(topic, [{ ...foreign, headers: { ...foreign.headers, ...stranger.sign(topic, foreign, 1) } }], { unsigned: true });
    const following = sampleEvent('AssessmentCompleted', { caseId });
    await publish(topic, [following]);

    const { consumer: c, handled } = consumer({ groupId, topics: [topic], deadLetterTopic });
    const [deadLetters] = await Promise.all([readDeadLetters(deadLetterTopic), c.start()]);
    await waitFor(() => deadLetters.length, (n) => n >= 3, { what: 'three dead letters' });
    await waitFor(() => handled.length, (n) => n >= 2, { what: 'the genuine events to be handled' });
    await sleep(QUIET_MS);
    expect(handled.map((h) => h.event.id)).toEqual([genuine.id, following.id]);
    expect(deadLetters.map((d) => d.reason.code)).toEqual(['not-from-relay', 'not-from-relay', 'not-from-relay']);
    expect(deadLetters.map((d) => d.reason.message)).toEqual([
      'the message carries no relay signature',
      'the relay signature does not match the message',
      'the message is signed with a key that is not a trusted relay key',
    ]);
    expect(c.stats()).toMatchObject({ handled: 2, deadLettered: 3, deadLetteredByReason: { 'not-from-relay': 3 } });
    expect(c.stats().lastDeadLetter).toMatchObject({ code: 'not-from-relay', topic, eventType: 'PactSigned' });
  });

  it('never copies a refused personal value into the dead-letter headers, and logs each dead letter without the value', async () => {
    const { topic, deadLetterTopic } = await topics();
    const fiscalCode = 'RSSMRA85T10A562S';
    const event = sampleEvent('CaseOpened');
    const record = toKafkaRecord(event);
    const logged: { message: string; fields?: Record<string, unknown> }[] = [];
    await send(topic, [{ ...record, headers: { ...record.headers, ce_personref: fiscalCode } }]);
    const { consumer: c } = consumer({ groupId: uniqueName('g'), topics: [topic], deadLetterTopic, log: (message, fields) => logged.push({ message, fields }) });
    const [deadLetters] = await Promise.all([readDeadLetters(deadLetterTopic), c.start()]);
    await waitFor(() => deadLetters.length, (n) => n >= 1, { what: 'the dead letter' });
    const letter = deadLetters[0]!;
    expect(letter.reason.issues).toEqual([expect.objectContaining({ path: 'personref', rule: 'not-fiscal-code' })]);
    for (const [name, value] of Object.entries(letter.headers)) {
      if (name === SIGNATURE_HEADER) continue;
      expect(`${name}: ${value}`).not.toContain(fiscalCode);
    }
    expect(letter.headers['ce_id']).toBe(event.id);
    const line = logged.find((l) => l.message === 'dead-lettered');
    expect(line?.fields).toMatchObject({ reason: 'VALIDATION', eventId: event.id, eventType: 'CaseOpened', topic, partition: expect.any(Number), offset: '0' });
    expect(JSON.stringify(logged)).not.toContain(fiscalCode);
    expect(JSON.stringify(logged)).not.toContain(record.value);
  });

  it('hands a batch handler the events of a fetched batch in one call, in order per case, and does not hand them over again after a restart', async () => {
    const { topic, deadLetterTopic } = await topics();
    const groupId = uniqueName('g');
    const cases = [randomUUID(), randomUUID(), randomUUID()];
    const published = [0, 1, 2, 3].flatMap((step) =>
      cases.map((caseId) => sampleEvent((['CaseOpened', 'AssessmentCompleted', 'PactSigned', 'SpecialistServiceInvolved'] as const)[step]!, { caseId })),
    );
    await publish(topic, published);
    const batches: DeliveredEvent[][] = [];
    const first = consumer({ groupId, topics: [topic], deadLetterTopic, handle: undefined, handleBatch: async (events) => void batches.push(events) });
    await first.consumer.start();

    await waitFor(() => batches.flat().length, (n) => n >= published.length, { what: 'every event to reach the batch handler' });
    await sleep(QUIET_MS);
    const received = batches.flat();
    expect(received.map((r) => r.event.id).sort()).toEqual(published.map((e) => e.id).sort());
    // Published before the consumer started, a case's events come in one fetch: fewer calls than events.
    expect(batches.length).toBeLessThan(published.length);
    for (const batch of batches) expect(new Set(batch.map((r) => `${r.delivery.topic}/${r.delivery.partition}`)).size).toBe(1);
    for (const caseId of cases) {
      expect(received.filter((r) => r.event.subject === caseId).map((r) => r.event)).toEqual(published.filter((e) => e.subject === caseId));
    }
    expect(first.consumer.stats()).toMatchObject({ handled: published.length, deadLettered: 0 });
    await first.consumer.stop();

    const later = sampleEvent('CaseOpened');
    await publish(topic, [later]);
    const again: DeliveredEvent[][] = [];
    const second = consumer({ groupId, topics: [topic], deadLetterTopic, handle: undefined, handleBatch: async (events) => void again.push(events) });
    await second.consumer.start();
    await waitFor(() => again.flat().length, (n) => n >= 1, { what: 'the restarted consumer to hand over the new event' });
    await sleep(QUIET_MS);
    expect(again.flat().map((r) => r.event.id)).toEqual([later.id]);
  });

  it('when a batch keeps failing because of one event › applies the batch one event at a time and sets aside only that event', async () => {
    const { topic, deadLetterTopic } = await topics();
    const caseId = randomUUID();
    const events = [sampleEvent('CaseOpened', { caseId }), sampleEvent('AssessmentCompleted', { caseId }), sampleEvent('PactSigned', { caseId })];
    const poison = events[1]!;
    await publish(topic, events);
    const calls: string[][] = [];
    const applied: string[] = [];
    const { consumer: c } = consumer({
      groupId: uniqueName('g'),
      topics: [topic],
      deadLetterTopic,
      maxAttempts: 2,
      initialBackoffMs: 10,
      handle: undefined,
      handleBatch: async (batch) => {
        calls.push(batch.map((r) => r.event.id));
        if (batch.some((r) => r.event.id === poison.id)) throw new Error('the projection cannot apply this assessment');
        applied.push(...batch.map((r) => r.event.id));
      },
    });
    const [deadLetters] = await Promise.all([readDeadLetters(deadLetterTopic), c.start()]);

    await waitFor(() => deadLetters.length, (n) => n >= 1, { what: 'the failing event on the dead-letter topic' });
    await waitFor(() => applied.length, (n) => n >= 2, { what: 'the other events to be applied' });
    await sleep(QUIET_MS);
    const ids = events.map((e) => e.id);
    // The batch twice (its attempts), then each event alone: the poison one twice.
    expect(calls).toEqual([ids, ids, [ids[0]], [ids[1]], [ids[1]], [ids[2]]]);
    expect(applied).toEqual([ids[0], ids[2]]);
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0]!.reason).toEqual({
      code: 'HANDLER_FAILED',
      message: 'the projection cannot apply this assessment',
      attempts: 2,
      eventId: poison.id,
      eventType: 'AssessmentCompleted',
    });
    expect(c.stats()).toMatchObject({ handled: 2, deadLettered: 1 });
  });

  /** How many messages the dead-letter topic holds, from the broker's offsets (no consumer needed). */
  async function deadLetterCount(deadLetterTopic: string): Promise<number> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(deadLetterTopic);
      return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
    } finally {
      await admin.disconnect();
    }
  }
});
