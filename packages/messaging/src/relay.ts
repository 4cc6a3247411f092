import { catalogue, isEventType, topicOf, topicOfType, toKafkaRecord, type CloudEvent } from '@traiettorie/contracts';
import { createSubscription, toCloudEvent, type EventStore, type StoredEvent, type Subscription } from '@traiettorie/event-store';
import type { Kafka, Message, Producer } from 'kafkajs';
import type pg from 'pg';
import { ensureTopics, IDEMPOTENT_PRODUCER } from './kafka-client.js';

export interface RelayOptions {
  /** Names the relay's durable subscription (checkpoint and single-instance lock). */
  name: string;
  store: EventStore;
  pool: pg.Pool;
  kafka: Kafka;
  topicPrefix: string;
  batchSize?: number;
  /** Poll interval while caught up (default 100 ms). */
  idleMs?: number;
  log?: (message: string, fields?: Record<string, unknown>) => void;
  /** Called when the relay cannot go on (its lock connection failed); the process should exit. */
  onFatal?: (error: unknown) => void;
}

export interface Relay {
  /** Connects; the relay then runs in the background once it holds its lock (standby until then). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Events published since start. */
  published(): number;
}

/** The relay's durable subscription name, under which its checkpoint is kept. */
export const relaySubscriptionName = (name: string) => `relay:${name}`;

/**
 * Publishes the event store's global log to Kafka: a durable subscription
 * whose handler sends each batch with an idempotent producer (acks=all); the
 * checkpoint moves only after Kafka acknowledged. Nothing reaches Kafka that is
 * not stored, and everything stored reaches Kafka at least once, also across
 * crashes (consumers drop duplicates by event id). One instance per name runs;
 * others wait as standby. Event types outside the catalogue go to
 * `<prefix>.unrouted` rather than block the log.
 */
export function createRelay(options: RelayOptions): Relay {
  const { kafka, topicPrefix } = options;
  let producer: Producer | undefined;
  let subscription: Subscription | undefined;

  async function publish(events: StoredEvent[]): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    for (const stored of events) {
      const event = toCloudEvent(stored);
      const topic = isEventType(event.type) ? topicOfType(event.type, topicPrefix) : `${topicPrefix}.unrouted`;
      const record = toKafkaRecord(event as CloudEvent);
      const messages = byTopic.get(topic) ?? [];
      messages.push({ key: record.key, value: record.value, headers: record.headers });
      byTopic.set(topic, messages);
    }
    await producer!.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
    const last = events.at(-1)!;
    options.log?.('published', { events: events.length, globalPosition: last.globalPosition });
  }

  return {
    async start() {
      const topics = [...new Set(catalogue.map((d) => topicOf(d.context, topicPrefix)))];
      await ensureTopics(kafka, [...topics, `${topicPrefix}.unrouted`]);
      producer = kafka.producer({ ...IDEMPOTENT_PRODUCER });
      await producer.connect();
      subscription = createSubscription({
        name: relaySubscriptionName(options.name),
        store: options.store,
        pool: options.pool,
        handle: publish,
        ...(options.batchSize ? { batchSize: options.batchSize } : {}),
        ...(options.idleMs ? { idleMs: options.idleMs } : {}),
        ...(options.log ? { log: options.log } : {}),
        ...(options.onFatal ? { onFatal: options.onFatal } : {}),
      });
      subscription.start();
    },
    async stop() {
      await subscription?.stop();
      subscription = undefined;
      await producer?.disconnect();
      producer = undefined;
    },
    published: () => subscription?.handled() ?? 0,
  };
}
