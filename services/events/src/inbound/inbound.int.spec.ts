import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { demoClients } from '@traiettorie/access';
import { toNewEvent } from '@traiettorie/command-handling';
import { caseStreamOf, toKafkaRecord, type HubEvent } from '@traiettorie/contracts';
import { applyKafkaGrants, createKafka, inboundTopicOf, kafkaGrants, parseBrokers, repliesTopicOf } from '@traiettorie/messaging';
import { requireEnv, sampleEvent, uniqueName, waitFor } from '@traiettorie/testing';
import type { Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
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

  /** Sends `events` on the client's inbound topic as its own principal, one key (one partition), and waits for a reply to each, in offset order. */
  async function publishInbound(clientId: string, events: readonly HubEvent[]): Promise<InboundReply[]> {
    const producer = as(clientId).producer({ allowAutoTopicCreation: false });
    await producer.connect();
    try {
      await producer.send({
        topic: inboundTopicOf(clientId, prefix),
        acks: -1,
        // One key, one partition: the replies come in the order sent.
        messages: events.map((e) => ({ ...toKafkaRecord(e), key: events[0]!.subject })),
      });
    } finally {
      await producer.disconnect();
    }
    const replies: InboundReply[] = [];
    const consumer = as(clientId).consumer({ groupId: `${prefix}-${clientId}-replies`, sessionTimeout: 6000, maxWaitTimeInMs: 200 });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [repliesTopicOf(clientId, prefix)], fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void replies.push(JSON.parse(message.value!.toString()) as InboundReply) });
      await waitFor(() => replies.length, (n) => n >= events.length, { what: `${events.length} replies`, timeoutMs: 60_000 });
    } finally {
      await consumer.disconnect();
    }
    return replies.sort((a, b) => Number(a.offset) - Number(b.offset));
  }

  it('records what ss-sesto publishes on its inbound topic and answers each message on its replies topic, refusals with the rule', async () => {
    const source = sourceOfClient('ss-sesto');
    const opened = { ...sampleEvent('CaseOpened'), source } as HubEvent;
    const otherAmbito = { ...sampleEvent('CaseOpened'), source, ambito: 'LOM-ADDA-MARTESANA' } as HubEvent;
    const byOffset = await publishInbound('ss-sesto', [opened, otherAmbito, opened]);
    expect(byOffset.map((r) => [r.id, r.status, r.problem?.['rule']])).toEqual([
      [opened.id, 'accepted', undefined],
      [otherAmbito.id, 'refused', 'ambito-not-yours'],
      [opened.id, 'duplicate', undefined],
    ]);
    expect((await hub.store.readStream(caseStreamOf('social-services', opened.subject))).map((e) => [e.id, e.metadata['source']])).toEqual([[opened.id, source]]);
  });

  it('a third-sector partner publishing a delivery as another provider is refused provider-not-yours; its own delivery in the same batch is recorded', async () => {
    const source = sourceOfClient('ets-sesto');
    const caseId = randomUUID();
    // The case, and the support its own delivery answers, as the social services activated it with the partner.
    const bySocialServices = (type: 'CaseOpened' | 'SupportActivated') => toNewEvent({ ...sampleEvent(type, { caseId }), source: sourceOfClient('ss-sesto') });
    await hub.store.appendToStream(caseStreamOf('social-services', caseId), [bySocialServices('CaseOpened'), bySocialServices('SupportActivated')]);
    const ownProvider = demoClients.find((c) => c.clientId === 'ets-sesto')!.agencyId;
    const asAnother = { ...sampleEvent('ServiceDeliveryStarted', { caseId, data: { providerId: 'cooperativa-sociale-altrove', deliveryId: randomUUID() } }), source } as HubEvent;
    const own = { ...sampleEvent('ServiceDeliveryStarted', { caseId, data: { providerId: ownProvider } }), source } as HubEvent;

    const replies = await publishInbound('ets-sesto', [asAnother, own]);

    expect(replies.map((r) => [r.id, r.status, r.problem?.['status'], r.problem?.['rule']])).toEqual([
      [asAnother.id, 'refused', 403, 'provider-not-yours'],
      [own.id, 'accepted', undefined, undefined],
    ]);
    expect((await hub.store.readStream(caseStreamOf('third-sector', caseId))).map((e) => e.id)).toEqual([own.id]);
  });

  it('the programme office publishing an enrolment in an operation already closed is refused 409; an enrolment in another operation in the same batch is recorded', async () => {
    const office = sourceOfClient('prog-sesto');
    const projectCode = `AV3-2016-LOM-${randomUUID().slice(0, 8)}`;
    const [inClosed, inOpen] = [randomUUID(), randomUUID()];
    for (const caseId of [inClosed, inOpen]) {
      await hub.store.appendToStream(caseStreamOf('social-services', caseId), [toNewEvent({ ...sampleEvent('CaseOpened', { caseId }), source: sourceOfClient('ss-sesto') })]);
    }
    await hub.store.appendToStream(`operation-${projectCode}`, [toNewEvent({ ...sampleEvent('OperationClosed', { data: { projectCode } }), source: office })]);
    const enrolment = (caseId: string, code: string) => ({ ...sampleEvent('ParticipantEnrolledInOperation', { caseId, data: { projectCode: code } }), source: office }) as HubEvent;
    const [refused, accepted] = [enrolment(inClosed, projectCode), enrolment(inOpen, `${projectCode}-BIS`)];

    const replies = await publishInbound('prog-sesto', [refused, accepted]);

    expect(replies.map((r) => [r.id, r.status, r.problem?.['status']])).toEqual([
      [refused.id, 'refused', 409],
      [accepted.id, 'accepted', undefined],
    ]);
    expect(replies[0]!.problem?.['detail']).toMatch(/was closed on 2019-12-31: it enrols no one/);
    expect((await hub.store.readStream(caseStreamOf('programme', inClosed))).length).toBe(0);
    expect((await hub.store.readStream(caseStreamOf('programme', inOpen))).map((e) => e.id)).toEqual([accepted.id]);
  });
});
