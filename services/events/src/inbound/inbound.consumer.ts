import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Caller, ClientRegistration } from '@traiettorie/access';
import { fromKafkaRecord, TraiettorieError, ValidationError, type ReceivedKafkaRecord } from '@traiettorie/contracts';
import { createKafka, ensureTopics, inboundClients, inboundTopicOf, parseBrokers, repliesTopicOf } from '@traiettorie/messaging';
import { loadClientRegistry, parseConfig, problemOfError } from '@traiettorie/nest-kit';
import type { Consumer, Producer } from 'kafkajs';
import { z } from 'zod';
import { Publishing, type EventResult } from '../publish/publishing.js';

/** The inbound topics' configuration; absent (no KAFKA_BROKERS) when the hub runs without Kafka. */
export interface InboundConfig {
  brokers: string[];
  prefix: string;
  groupId: string;
  clients: readonly ClientRegistration[];
}

export const INBOUND_CONFIG = Symbol('INBOUND_CONFIG');

export function inboundConfigFromEnv(env: NodeJS.ProcessEnv = process.env): InboundConfig | undefined {
  const config = parseConfig(
    z.object({
      KAFKA_BROKERS: z.string().min(1).optional(),
      KAFKA_TOPIC_PREFIX: z.string().regex(/^[a-zA-Z0-9._-]+$/).default('traiettorie'),
      KAFKA_GROUP_ID: z.string().min(1).default('events'),
      TRAIETTORIE_CLIENTS_FILE: z.string().min(1).optional(),
    }),
    env,
  );
  if (!config.KAFKA_BROKERS) return undefined;
  return { brokers: parseBrokers(config.KAFKA_BROKERS), prefix: config.KAFKA_TOPIC_PREFIX, groupId: config.KAFKA_GROUP_ID, clients: loadClientRegistry(config.TRAIETTORIE_CLIENTS_FILE) };
}

/** One reply on `<prefix>.inbound.<clientId>.replies`: what became of one inbound message. */
export interface InboundReply extends Omit<EventResult, 'index'> {
  /** Where the event was read: the client can match a reply to what it sent without an id. */
  partition: number;
  offset: string;
}

/**
 * The ingestion consumer of agencies that run Kafka: it reads each publishing
 * client's inbound topic (`<prefix>.inbound.<clientId>`, which that client's
 * principal alone may write, so the topic says who sent), records each batch
 * of messages as `POST /events` records a batch (the same contract, source,
 * emitter and decider checks, every stream read in one query and appended in one transaction), and
 * answers every message on `<prefix>.inbound.<clientId>.replies`. Offsets are
 * committed once the replies are written: a crash redelivers, and the events
 * already stored are answered `duplicate`.
 */
@Injectable()
export class InboundConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('inbound');
  private consumer?: Consumer;
  private producer?: Producer;

  constructor(
    private readonly publishing: Publishing,
    @Inject(INBOUND_CONFIG) private readonly config: InboundConfig | undefined,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const config = this.config;
    if (!config) return;
    const kafka = createKafka({ brokers: config.brokers, clientId: 'events' });
    const clients = new Map(inboundClients(config.clients).map((id) => [inboundTopicOf(id, config.prefix), config.clients.find((c) => c.clientId === id)!]));
    await ensureTopics(kafka, [...clients.keys(), ...[...clients.values()].map((c) => repliesTopicOf(c.clientId, config.prefix))]);
    this.producer = kafka.producer({ allowAutoTopicCreation: false });
    await this.producer.connect();
    this.consumer = kafka.consumer({ groupId: config.groupId, sessionTimeout: 10_000, maxWaitTimeInMs: 200 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...clients.keys()], fromBeginning: true });
    await this.consumer.run({
      eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
        const client = clients.get(batch.topic);
        if (!client) return;
        const replies = await this.ingest(client, batch.partition, batch.messages);
        await this.producer!.send({
          topic: repliesTopicOf(client.clientId, config.prefix),
          acks: -1,
          messages: replies.map((reply) => ({ key: reply.id ?? null, value: JSON.stringify(reply), headers: { 'content-type': 'application/json' } })),
        });
        for (const message of batch.messages) resolveOffset(message.offset);
        await heartbeat();
      },
    });
    this.logger.log(`reading ${clients.size} inbound topics (${config.prefix}.inbound.<clientId>)`);
  }

  /** Records one batch of a client's messages; one reply per message, in order. */
  async ingest(client: ClientRegistration, partition: number, messages: readonly (ReceivedKafkaRecord & { offset: string })[]): Promise<InboundReply[]> {
    const caller: Caller = { client, purposeId: client.purposes[0] ?? 'inbound', voucherId: `kafka:${partition}:${messages[0]?.offset ?? ''}` };
    const decoded = messages.map((message) => {
      try {
        return { event: fromKafkaRecord(message) };
      } catch (error) {
        const refusal =
          error instanceof TraiettorieError ? error : new ValidationError([{ path: '', rule: 'json', message: 'the message value is not JSON' }], 'event');
        return { refusal };
      }
    });
    const readable = decoded.flatMap((d, i) => (d.event ? [{ i, event: d.event }] : []));
    const published = readable.length > 0 ? await this.publishing.publish(caller, readable.map((r) => r.event)) : { results: [] };
    const results: (Omit<EventResult, 'index'> | undefined)[] = decoded.map((d) => (d.refusal ? { status: 'refused', problem: problemOfError(d.refusal) } : undefined));
    published.results.forEach((result, j) => {
      const { index: _index, ...rest } = result;
      results[readable[j]!.i] = rest;
    });
    return results.map((result, i) => ({ ...result!, partition, offset: messages[i]!.offset }));
  }

  async onModuleDestroy(): Promise<void> {
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }
}
