import { Kafka, logLevel, Partitioners, type KafkaConfig, type ProducerConfig } from 'kafkajs';

export interface KafkaConnection {
  brokers: string[];
  clientId: string;
}

/** Parses KAFKA_BROKERS-style lists: `host:port[,host:port…]`. */
export function parseBrokers(value: string): string[] {
  return value
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
}

/** A kafkajs client that logs warnings and errors only, as one JSON line each. */
export function createKafka({ brokers, clientId }: KafkaConnection, overrides: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    brokers,
    clientId,
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

/** Creates the topics that do not exist yet (idempotent). */
export async function ensureTopics(kafka: Kafka, topics: string[], numPartitions = 3): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = [...new Set(topics)].filter((t) => !existing.has(t));
    if (missing.length > 0) {
      // kafkajs resolves (false) when another service created them at the same moment.
      await admin.createTopics({ topics: missing.map((topic) => ({ topic, numPartitions })), waitForLeaders: true });
    }
  } finally {
    await admin.disconnect();
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

