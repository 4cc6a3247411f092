import { catalogue, isEventType, topicOf, topicOfType, toKafkaRecord, type CloudEvent } from '@traiettorie/contracts';
import { APPEND_CHANNEL, toCloudEvent, type EventStore, type LogCheckpoint, type StoredEvent } from '@traiettorie/event-store';
import { type Kafka, type Message, type Producer } from 'kafkajs';
import type pg from 'pg';
import { ensureTopics, IDEMPOTENT_PRODUCER } from './kafka-client.js';

export interface RelayOptions {
  /** Names the relay's checkpoint and its single-instance lock. */
  name: string;
  store: EventStore;
  pool: pg.Pool;
  kafka: Kafka;
  topicPrefix: string;
  batchSize?: number;
  /** Poll interval when no append notification arrives. */
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

/**
 * Publishes the event store's global log to Kafka. It reads from a durable
 * checkpoint, sends with an idempotent producer (acks=all), and moves the
 * checkpoint only after Kafka acknowledged the batch: nothing reaches Kafka
 * that is not stored, and everything stored reaches Kafka at least once, also
 * across crashes (consumers drop the duplicates by event id). One instance per
 * name runs at a time (a PostgreSQL advisory lock); others wait as standby.
 */
export function createRelay(options: RelayOptions): Relay {
  const { name, store, pool, kafka, topicPrefix } = options;
  const batchSize = options.batchSize ?? 500;
  const idleMs = options.idleMs ?? 1000;
  const log = options.log ?? (() => {});
  let stopping = false;
  let count = 0;
  let wake: (() => void) | undefined;
  let loop: Promise<void> | undefined;
  let lockClient: pg.PoolClient | undefined;
  let producer: Producer | undefined;

  const sleepUntilWoken = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function acquireLock(): Promise<pg.PoolClient | undefined> {
    while (!stopping) {
      const client = await pool.connect();
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [`relay:${name}`]);
      if (rows[0]?.locked) return client;
      client.release();
      await sleepUntilWoken(idleMs);
    }
    return undefined;
  }

  async function publish(events: StoredEvent[], checkpoint: LogCheckpoint): Promise<void> {
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
    await store.saveCheckpoint(`relay:${name}`, checkpoint);
    count += events.length;
    log('published', { events: events.length, transactionId: checkpoint.transactionId, globalPosition: checkpoint.globalPosition });
  }

  async function run(): Promise<void> {
    let checkpoint = await store.loadCheckpoint(`relay:${name}`);
    let failures = 0;
    while (!stopping) {
      try {
        const batch = await store.readAll({ after: checkpoint, limit: batchSize });
        if (batch.events.length > 0) {
          await publish(batch.events, batch.checkpoint);
          checkpoint = batch.checkpoint;
          failures = 0;
          continue;
        }
        await sleepUntilWoken(idleMs);
      } catch (error) {
        // Kafka or PostgreSQL unavailable: retry the same batch from the same checkpoint.
        failures++;
        const delay = Math.min(10_000, 200 * 2 ** failures) * (0.5 + Math.random() / 2);
        log('relay batch failed; retrying', { error: String(error), attempt: failures, delayMs: Math.round(delay) });
        await sleepUntilWoken(delay);
      }
    }
  }

  return {
    async start() {
      const topics = [...new Set(catalogue.map((d) => topicOf(d.context, topicPrefix)))];
      await ensureTopics(kafka, [...topics, `${topicPrefix}.unrouted`]);
      producer = kafka.producer({ ...IDEMPOTENT_PRODUCER });
      await producer.connect();
      loop = (async () => {
        lockClient = await acquireLock();
        if (!lockClient) return;
        lockClient.on('notification', () => wake?.());
        // Losing this connection loses the lock: stop rather than run beside a new owner.
        lockClient.on('error', (error) => {
          stopping = true;
          wake?.();
          options.onFatal?.(error);
        });
        await lockClient.query(`LISTEN ${APPEND_CHANNEL}`);
        log('relay active', { name });
        await run();
      })().catch((error: unknown) => {
        log('relay stopped by an error', { error: String(error) });
        options.onFatal?.(error);
      });
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      wake?.();
      // A send stuck on an unreachable broker would wait forever: give it a bound.
      await Promise.race([loop?.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
      lockClient?.release(true);
      lockClient = undefined;
      await producer?.disconnect();
    },
    published: () => count,
  };
}
