import { fromKafkaRecord, isEventType, notFromRelayCode, parseEvent, TraiettorieError, ValidationError, type HubEvent } from '@traiettorie/contracts';
import { type Consumer, type EachBatchPayload, type Kafka, type KafkaMessage, type Producer } from 'kafkajs';
import { HandlerGaveUp, withRetries } from './handler-retry.js';
import { ensureTopics, IDEMPOTENT_PRODUCER } from './kafka-client.js';
import type { RelayVerifier } from './relay-signature.js';

export interface DeliveryInfo {
  topic: string;
  partition: number;
  offset: string;
}

/** A validated event and where it was read. */
export interface DeliveredEvent {
  event: HubEvent;
  delivery: DeliveryInfo;
}

export interface EventConsumerOptions {
  kafka: Kafka;
  groupId: string;
  topics: string[];
  /** Where messages go that cannot be processed, with the reason in headers. */
  deadLetterTopic: string;
  /**
   * Who may have written the messages. A verifier of the relay's signature for
   * the hub's outbound topics: a message it does not accept is dead-lettered
   * with reason `not-from-relay` before any handler runs. `'unsigned'` only for
   * inbound topics whose messages are checked like any outside input.
   */
  trust: RelayVerifier | 'unsigned';
  /**
   * Applies one event. It must make its effect idempotent (the same event may be
   * delivered again after a crash); the offset is committed only after it resolves.
   */
  handle?(event: HubEvent, delivery: DeliveryInfo): Promise<void>;
  /**
   * Applies the valid events of one fetched batch (one partition's, in order)
   * in one go, e.g. a projection in one transaction. Idempotent like `handle`;
   * the batch's offsets are committed only after it resolves. A batch that
   * still fails after its retries is applied again one event at a time, so
   * that only the events that fail alone are dead-lettered.
   */
  handleBatch?(events: DeliveredEvent[]): Promise<void>;
  /** Attempts for a failing handler before the message is dead-lettered. */
  maxAttempts?: number;
  initialBackoffMs?: number;
  sessionTimeoutMs?: number;
  log?: (message: string, fields?: Record<string, unknown>) => void;
}

export interface EventConsumer {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** What the consumer did since it started, for the service's health output. */
  stats(): ConsumerStats;
}

export interface ConsumerStats {
  groupId: string;
  deadLetterTopic: string;
  handled: number;
  deadLettered: number;
  /** Dead letters by reason code, e.g. `{ "not-from-relay": 2, "VALIDATION": 1 }`. */
  deadLetteredByReason: Record<string, number>;
  lastDeadLetter?: { at: string; code: string; topic: string; partition: number; offset: string; eventId?: string; eventType?: string };
}

/**
 * A Kafka consumer of CloudEvents with the hub's delivery rules: each message
 * is checked (the relay's signature, then its contract); a refused one goes
 * straight to the dead-letter topic with the reason; a handler failure is
 * retried with jittered exponential backoff (domain errors that cannot succeed
 * on retry are not), then dead-lettered with the reason. Messages arrive in
 * fetched batches (kafkajs `eachBatch`): `handle` runs per event,
 * `handleBatch` once per batch. Offsets are committed only after the handlers
 * (or the dead-letter writes) succeeded, so a crash redelivers rather than loses.
 */
export function createEventConsumer(options: EventConsumerOptions): EventConsumer {
  if (!options.handle && !options.handleBatch) throw new Error('an event consumer needs `handle` or `handleBatch`');
  const maxAttempts = options.maxAttempts ?? 5;
  const initialBackoffMs = options.initialBackoffMs ?? 200;
  const log = options.log ?? (() => {});
  let consumer: Consumer | undefined;
  let producer: Producer | undefined;
  let stopping = false;

  const stats: ConsumerStats = { groupId: options.groupId, deadLetterTopic: options.deadLetterTopic, handled: 0, deadLettered: 0, deadLetteredByReason: {} };

  /**
   * Sends a message to the dead-letter topic with the reason in headers, logs
   * it (ids, type, reason code, where it came from: never the value) and counts it.
   */
  async function deadLetter(message: KafkaMessage, delivery: DeliveryInfo, reason: DeadLetterReason): Promise<void> {
    const { eventId, eventType } = identify(message);
    await producer!.send({
      topic: options.deadLetterTopic,
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...withoutRefusedValues(message.headers, reason),
            dlq_reason: JSON.stringify(reason),
            dlq_source_topic: delivery.topic,
            dlq_source_partition: String(delivery.partition),
            dlq_source_offset: delivery.offset,
            dlq_consumer_group: options.groupId,
          },
        },
      ],
    });
    stats.deadLettered++;
    stats.deadLetteredByReason[reason.code] = (stats.deadLetteredByReason[reason.code] ?? 0) + 1;
    stats.lastDeadLetter = { at: new Date().toISOString(), code: reason.code, ...delivery, ...(eventId ? { eventId } : {}), ...(eventType ? { eventType } : {}) };
    log('dead-lettered', {
      level: 'warn',
      reason: reason.code,
      ...(eventId ? { eventId } : {}),
      ...(eventType ? { eventType } : {}),
      ...delivery,
      deadLetterTopic: options.deadLetterTopic,
    });
  }

  const aborted = new AbortController();

  /** Runs a handler with the consumer's retry policy; rejects with `HandlerGaveUp`. */
  const retrying = (handler: () => Promise<void>, heartbeat: () => Promise<void>, delivery: DeliveryInfo, eventType: string) =>
    withRetries(handler, {
      maxAttempts,
      initialBackoffMs,
      signal: aborted.signal,
      mayRetry: () => !stopping,
      beforeRetry: heartbeat,
      onRetry: (error, attempt) => log('handler failed; retrying', { ...delivery, eventType, attempt, error: String(error) }),
    });

  /** The message's event if it is the relay's and its contract's; otherwise dead-letters it. */
  async function admit(message: KafkaMessage, delivery: DeliveryInfo): Promise<HubEvent | undefined> {
    if (options.trust !== 'unsigned') {
      const verified = options.trust.verify(delivery.topic, message);
      if (!verified.ok) {
        await deadLetter(message, delivery, { code: notFromRelayCode, message: verified.reason });
        return undefined;
      }
    }
    try {
      return parseEvent(fromKafkaRecord(message));
    } catch (error) {
      const reason =
        error instanceof SyntaxError ? { code: 'MALFORMED', message: 'the value is not JSON' } : reasonOf(error);
      await deadLetter(message, delivery, reason);
      return undefined;
    }
  }

  /** Dead-letters an event its handler gave up on; while stopping, leaves it uncommitted for the next owner instead. */
  async function gaveUp(failure: unknown, { event, delivery, message }: Received): Promise<void> {
    if (stopping || !(failure instanceof HandlerGaveUp)) throw failure;
    await deadLetter(message, delivery, { ...reasonOf(failure.error), attempts: failure.attempts, eventId: event.id, eventType: event.type });
  }

  async function handleOne(received: Received, heartbeat: () => Promise<void>): Promise<void> {
    const { event, delivery } = received;
    try {
      await retrying(() => options.handle!(event, delivery), heartbeat, delivery, event.type);
      stats.handled++;
    } catch (failure) {
      await gaveUp(failure, received);
    }
  }

  async function handleBatch(batch: Received[], heartbeat: () => Promise<void>): Promise<void> {
    const first = batch[0]!;
    try {
      const events = batch.map(({ event, delivery }) => ({ event, delivery }));
      await retrying(() => options.handleBatch!(events), heartbeat, first.delivery, batch.length === 1 ? first.event.type : `${batch.length} events`);
      if (!options.handle) stats.handled += batch.length;
    } catch (failure) {
      if (batch.length === 1) return gaveUp(failure, first);
      if (stopping) throw failure;
      log('batch failed; applying its events one at a time', { ...first.delivery, events: batch.length, error: String(failure) });
      for (const received of batch) await handleBatch([received], heartbeat);
    }
  }

  async function processBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary }: EachBatchPayload): Promise<void> {
    const admitted: Received[] = [];
    for (const message of batch.messages) {
      if (stopping) throw new Error('the consumer is stopping: the rest of the batch is left to the next owner');
      const delivery = { topic: batch.topic, partition: batch.partition, offset: message.offset };
      const event = await admit(message, delivery);
      if (event) admitted.push({ event, delivery, message });
      if (event && options.handle) await handleOne({ event, delivery, message }, heartbeat);
      // Without a batch handler, each message is done once its handler or dead letter is.
      if (!options.handleBatch) resolveOffset(message.offset);
    }
    if (options.handleBatch && admitted.length > 0) await handleBatch(admitted, heartbeat);
    const last = batch.messages.at(-1);
    if (last) resolveOffset(last.offset);
    await commitOffsetsIfNecessary();
    await heartbeat();
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
      await consumer.run({ autoCommit: true, eachBatchAutoResolve: false, eachBatch: processBatch });
    },
    async stop() {
      stopping = true;
      aborted.abort(new Error('the consumer is stopping'));
      await consumer?.disconnect();
      await producer?.disconnect();
    },
    stats: () => structuredClone(stats),
  };
}

interface Received extends DeliveredEvent {
  message: KafkaMessage;
}

export interface DeadLetterReason {
  code: string;
  message: string;
  issues?: unknown;
  [detail: string]: unknown;
}

/** The event id and type of a message, when its headers carry well-formed ones (nothing else is logged). */
function identify(message: KafkaMessage): { eventId?: string; eventType?: string } {
  const text = (name: string) => {
    const value = message.headers?.[name];
    return value === undefined || Array.isArray(value) ? undefined : value.toString();
  };
  const id = text('ce_id');
  const type = text('ce_type');
  return {
    ...(id && /^[0-9a-fA-F-]{36}$/.test(id) ? { eventId: id } : {}),
    ...(type && isEventType(type) ? { eventType: type } : {}),
  };
}

/**
 * The original headers for the dead-letter copy, less the CloudEvents
 * attributes that validation refused: a refused value (a codice fiscale sent as
 * `personref`) is not copied on.
 */
function withoutRefusedValues(headers: KafkaMessage['headers'], reason: DeadLetterReason): KafkaMessage['headers'] {
  const refused = new Set(
    (Array.isArray(reason.issues) ? (reason.issues as { path?: unknown }[]) : [])
      .map((issue) => String(issue.path ?? '').split('.')[0])
      .filter(Boolean),
  );
  const copy: KafkaMessage['headers'] = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.startsWith('ce_') && refused.has(name.slice(3))) copy[name] = '[refused: not copied]';
    else copy[name] = value;
  }
  return copy;
}

function reasonOf(error: unknown): DeadLetterReason {
  if (error instanceof ValidationError) return { code: error.code, message: error.message, issues: error.issues };
  if (error instanceof TraiettorieError) return { code: error.code, message: error.message };
  return { code: 'HANDLER_FAILED', message: error instanceof Error ? error.message : String(error) };
}
