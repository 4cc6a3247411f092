import { fromKafkaRecord, parseEvent, TraiettorieError, ValidationError, type HubEvent } from '@traiettorie/contracts';
import { type Consumer, type Kafka, type KafkaMessage, type Producer } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureTopics, IDEMPOTENT_PRODUCER } from './kafka-client.js';

export interface DeliveryInfo {
  topic: string;
  partition: number;
  offset: string;
}

export interface EventConsumerOptions {
  kafka: Kafka;
  groupId: string;
  topics: string[];
  /** Where messages go that cannot be processed, with the reason in headers. */
  deadLetterTopic: string;
  /**
   * Applies one event. It must make its effect idempotent (the same event may be
   * delivered again after a crash); the offset is committed only after it resolves.
   */
  handle(event: HubEvent, delivery: DeliveryInfo): Promise<void>;
  /** Attempts for a failing handler before the message is dead-lettered. */
  maxAttempts?: number;
  initialBackoffMs?: number;
  sessionTimeoutMs?: number;
  log?: (message: string, fields?: Record<string, unknown>) => void;
}

export interface EventConsumer {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A Kafka consumer of CloudEvents with the hub's delivery rules: each message
 * is validated against its contract; an invalid one goes straight to the
 * dead-letter topic with the validation issues; a handler failure is retried
 * with jittered exponential backoff (domain errors that cannot succeed on retry
 * are not), then dead-lettered with the reason. Offsets are committed only
 * after the handler (or the dead-letter write) succeeded, so a crash redelivers
 * rather than loses.
 */
export function createEventConsumer(options: EventConsumerOptions): EventConsumer {
  const maxAttempts = options.maxAttempts ?? 5;
  const initialBackoffMs = options.initialBackoffMs ?? 200;
  const log = options.log ?? (() => {});
  let consumer: Consumer | undefined;
  let producer: Producer | undefined;
  let stopping = false;

  async function deadLetter(message: KafkaMessage, delivery: DeliveryInfo, reason: object): Promise<void> {
    await producer!.send({
      topic: options.deadLetterTopic,
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            dlq_reason: JSON.stringify(reason),
            dlq_source_topic: delivery.topic,
            dlq_source_partition: String(delivery.partition),
            dlq_source_offset: delivery.offset,
            dlq_consumer_group: options.groupId,
          },
        },
      ],
    });
    log('dead-lettered', { ...delivery, reason });
  }

  async function processMessage(message: KafkaMessage, delivery: DeliveryInfo, heartbeat: () => Promise<void>): Promise<void> {
    let event: HubEvent;
    try {
      event = parseEvent(fromKafkaRecord(message));
    } catch (error) {
      const reason =
        error instanceof SyntaxError ? { code: 'MALFORMED', message: `value is not JSON: ${error.message}` } : reasonOf(error);
      await deadLetter(message, delivery, reason);
      return;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await options.handle(event, delivery);
        return;
      } catch (error) {
        // While stopping, give up on this message without committing it: the next owner retries it.
        if (stopping) throw error;
        const final = attempt >= maxAttempts || (error instanceof TraiettorieError && !error.retriable);
        if (final) {
          await deadLetter(message, delivery, { ...reasonOf(error), attempts: attempt, eventId: event.id, eventType: event.type });
          return;
        }
        const delay = initialBackoffMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
        log('handler failed; retrying', { ...delivery, eventType: event.type, attempt, error: String(error) });
        await sleep(delay);
        await heartbeat();
      }
    }
  }

  return {
    async start() {
      await ensureTopics(options.kafka, [...options.topics, options.deadLetterTopic]);
      producer = options.kafka.producer({ ...IDEMPOTENT_PRODUCER });
      await producer.connect();
      consumer = options.kafka.consumer({
        groupId: options.groupId,
        sessionTimeout: options.sessionTimeoutMs ?? 30_000,
        heartbeatInterval: Math.min(3_000, Math.floor((options.sessionTimeoutMs ?? 30_000) / 3)),
      });
      await consumer.connect();
      await consumer.subscribe({ topics: options.topics, fromBeginning: true });
      await consumer.run({
        autoCommit: true,
        eachMessage: ({ topic, partition, message, heartbeat }) =>
          processMessage(message, { topic, partition, offset: message.offset }, heartbeat),
      });
    },
    async stop() {
      stopping = true;
      await consumer?.disconnect();
      await producer?.disconnect();
    },
  };
}

function reasonOf(error: unknown): Record<string, unknown> {
  if (error instanceof ValidationError) return { code: error.code, message: error.message, issues: error.issues };
  if (error instanceof TraiettorieError) return { code: error.code, message: error.message };
  return { code: 'HANDLER_FAILED', message: error instanceof Error ? error.message : String(error) };
}
