import { catalogue, isEventType, topicOf, topicOfType, toKafkaRecord, type CloudEvent } from '@traiettorie/contracts';
import { toCloudEvent } from '@traiettorie/command-handling';
import { createSubscription, LOG_START, type EventStore, type LogCheckpoint, type StoredEvent, type Subscription } from '@traiettorie/event-store';
import type { Kafka, Message, Producer } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { ensureTopics, IDEMPOTENT_PRODUCER, retryKafka } from './kafka-client.js';
import { brokerLostPublished, clearLedger, readLedger, recordPublished } from './relay-ledger.js';
import type { RelaySigner } from './relay-signature.js';

export interface RelayOptions {
  /** Names the relay's durable subscription (checkpoint and single-instance lock). */
  name: string;
  store: EventStore;
  pool: pg.Pool;
  kafka: Kafka;
  topicPrefix: string;
  /** Signs every message, so that consumers can tell the relay's messages from anyone else's. */
  signer: RelaySigner;
  batchSize?: number;
  /**
   * The longest wait between polls while caught up (default 100 ms). Right
   * after published events the relay polls again within milliseconds, and
   * waits longer (doubling from `BUSY_POLL_MS`) only as the log stays quiet.
   */
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
  /** How many times, since start, the relay found Kafka without what it had published and started over. */
  republications(): number;
  /** Whether this instance holds the relay's lock and publishes (others are standby). */
  isActive(): boolean;
}

/** The first wait after the relay found the log caught up; it doubles, up to `idleMs`, while the log stays quiet. */
export const BUSY_POLL_MS = 5;

/**
 * The store as the relay's subscription reads it: a read that finds nothing
 * new polls again after 5, 10, 20… ms, up to `idleMs` apart, until there are
 * events or the relay stops. So right after publishing the relay waits a few
 * milliseconds, not a fixed poll interval, and a quiet log is polled about
 * every `idleMs`.
 */
function readingEagerly(store: EventStore, idleMs: number, running: () => boolean): EventStore {
  return Object.assign(Object.create(store) as EventStore, {
    async readAll(options: Parameters<EventStore['readAll']>[0]) {
      for (let wait = BUSY_POLL_MS; ; wait = Math.min(wait * 2, idleMs)) {
        const batch = await store.readAll(options);
        if (batch.events.length > 0 || !running()) return batch;
        await sleep(wait);
      }
    },
  });
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
 *
 * Every message is signed (see relay-signature.ts). What Kafka acknowledged is
 * recorded next to the checkpoint (relay-ledger.ts): when the relay becomes
 * active and the broker no longer holds it (another cluster, a wiped data
 * directory, a topic created again), it republishes from the start of the log.
 */
export function createRelay(options: RelayOptions): Relay {
  const { kafka, topicPrefix } = options;
  const topics = [...new Set(catalogue.map((d) => topicOf(d.context, topicPrefix))), `${topicPrefix}.unrouted`];
  let producer: Producer | undefined;
  let subscription: Subscription | undefined;
  let clusterId: string | undefined;
  let republished = 0;
  let stopping = false;

  async function publish(events: StoredEvent[], tx: pg.PoolClient): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    for (const stored of events) {
      const event = toCloudEvent(stored);
      // A row damaged in the database (its protected fields do not open) is kept off the context topics.
      const topic = isEventType(event.type) && !stored.damaged ? topicOfType(event.type, topicPrefix) : `${topicPrefix}.unrouted`;
      const record = toKafkaRecord(event as CloudEvent);
      const message = { key: record.key, value: record.value, headers: record.headers };
      message.headers = { ...message.headers, ...options.signer.sign(topic, message, stored.globalPosition) };
      const messages = byTopic.get(topic) ?? [];
      messages.push(message);
      byTopic.set(topic, messages);
    }
    const acknowledged = await producer!.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
    await recordPublished(tx, options.name, clusterId!, acknowledged);
    const last = events.at(-1)!;
    options.log?.('published', { events: events.length, globalPosition: last.globalPosition });
  }

  /** Compares the broker with what the relay recorded; rewinds to the start of the log when it lost events. */
  async function checkBroker(checkpoint: LogCheckpoint): Promise<LogCheckpoint | void> {
    const ledger = await readLedger(options.pool, options.name);
    const moved = checkpoint.globalPosition !== LOG_START.globalPosition;
    const found = await retryKafka(() => brokerLostPublished(kafka, ledger, topics, moved));
    clusterId = found.clusterId;
    if (!found.lost) return;
    options.log?.('Kafka does not hold what the relay published; republishing the whole event store from the start', {
      level: 'warn',
      reason: found.lost,
      checkpoint: checkpoint.globalPosition,
    });
    await clearLedger(options.pool, options.name);
    republished++;
    return LOG_START;
  }

  return {
    async start() {
      stopping = false;
      await ensureTopics(kafka, topics);
      producer = kafka.producer({ ...IDEMPOTENT_PRODUCER });
      await producer.connect();
      subscription = createSubscription({
        name: relaySubscriptionName(options.name),
        store: readingEagerly(options.store, options.idleMs ?? 100, () => !stopping && subscription?.isActive() === true),
        pool: options.pool,
        handle: publish,
        onActive: checkBroker,
        ...(options.batchSize ? { batchSize: options.batchSize } : {}),
        ...(options.idleMs ? { idleMs: options.idleMs } : {}),
        ...(options.log ? { log: options.log } : {}),
        ...(options.onFatal ? { onFatal: options.onFatal } : {}),
      });
      subscription.start();
    },
    async stop() {
      stopping = true;
      await subscription?.stop();
      subscription = undefined;
      await producer?.disconnect();
      producer = undefined;
    },
    published: () => subscription?.handled() ?? 0,
    republications: () => republished,
    isActive: () => subscription?.isActive() ?? false,
  };
}
