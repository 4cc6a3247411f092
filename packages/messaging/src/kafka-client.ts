import { Kafka, logLevel, Partitioners, type Admin, type KafkaConfig, type ProducerConfig, type SASLOptions } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { kafkaSaslFromEnv } from './kafka-access.js';

export interface KafkaConnection {
  brokers: string[];
  clientId: string;
  /** How to authenticate; by default KAFKA_SASL_USERNAME / KAFKA_SASL_PASSWORD (SCRAM-SHA-512) when set, else none. */
  sasl?: SASLOptions;
}

/** Parses KAFKA_BROKERS-style lists: `host:port[,host:port…]`. */
export function parseBrokers(value: string): string[] {
  return value
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
}

/**
 * A kafkajs client that logs warnings and errors only, as one JSON line each.
 * It authenticates with SASL (the hub's broker requires SCRAM-SHA-512) when
 * given credentials or when KAFKA_SASL_USERNAME / KAFKA_SASL_PASSWORD are set.
 */
export function createKafka({ brokers, clientId, sasl = kafkaSaslFromEnv() }: KafkaConnection, overrides: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    brokers,
    clientId,
    ...(sasl ? { sasl } : {}),
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, label, log }) => {
        const { message, ...extra } = log;
        // kafkajs logs each retriable protocol error ("Response Metadata…") before retrying
        // it; the failure that matters surfaces as a rejected call.
        if (message.startsWith('Response ')) return;
        process.stderr.write(`${JSON.stringify({ level: label, component: 'kafkajs', clientId, message, ...extra, levelNumber: level })}\n`);
      },
    retry: { initialRetryTime: 200, retries: 8 },
    ...overrides,
  });
}

/**
 * Creates the topics that do not exist yet (idempotent), then waits until every
 * partition of every one of them has a leader, whoever created them: a
 * consumer that joins a topic another service is still creating fails with
 * "This server does not host this topic-partition".
 */
export async function ensureTopics(kafka: Kafka, topics: string[], numPartitions = 3, timeoutMs = 60_000): Promise<void> {
  const wanted = [...new Set(topics)];
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((t) => !existing.has(t));
    if (missing.length > 0) {
      // kafkajs resolves (false) when another service created them at the same moment;
      // the leaders are awaited below, with a deadline of ours rather than kafkajs's few retries.
      await admin.createTopics({ topics: missing.map((topic) => ({ topic, numPartitions })), waitForLeaders: false });
    }
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 0; ; attempt++) {
      const notReady = await topicsWithoutLeaders(admin, wanted);
      if (notReady.length === 0) return;
      if (Date.now() > deadline) throw new Error(`Kafka topics not ready after ${timeoutMs / 1000}s (no leader yet): ${notReady.join(', ')}`);
      await sleep(Math.min(1_000, 50 * 2 ** attempt));
    }
  } finally {
    await admin.disconnect();
  }
}

/** The topics whose partitions are not all served yet: no leader in the metadata, or offsets not answered. */
async function topicsWithoutLeaders(admin: Admin, topics: string[]): Promise<string[]> {
  try {
    const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
    const led = metadata.filter((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0)).map((t) => t.name);
    const served = new Set<string>();
    for (const topic of led) {
      // The leader named in the metadata may not host the partition yet ("not the leader"): ask it.
      await admin.fetchTopicOffsets(topic).then(
        () => served.add(topic),
        () => undefined,
      );
    }
    return topics.filter((t) => !served.has(t));
  } catch {
    // UNKNOWN_TOPIC_OR_PARTITION while the controller propagates a new topic.
    return topics;
  }
}

/** Runs a Kafka call again while it fails with a retriable error (a leader moving, a topic being created), up to a deadline. */
export async function retryKafka<T>(call: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const retriable = (error as { retriable?: boolean }).retriable === true;
      if (!retriable || Date.now() > deadline) throw error;
      await sleep(Math.min(1_000, 50 * 2 ** attempt));
    }
  }
}

/**
 * Producer settings for the hub: idempotent (the broker drops resent
 * duplicates), one request in flight so that retries keep per-partition order,
 * and unbounded retries as kafkajs requires for idempotence; callers bound the
 * wait themselves.
 */
export const IDEMPOTENT_PRODUCER: ProducerConfig = {
  idempotent: true,
  maxInFlightRequests: 1,
  createPartitioner: Partitioners.DefaultPartitioner,
  retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 200, maxRetryTime: 5_000 },
};

