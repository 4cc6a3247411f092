import { EventPattern, Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import { deadLetterTopicOf, type EventType, type HubEvent } from '@traiettorie/contracts';
import { isObservable, lastValueFrom } from 'rxjs';
import { createKafka, parseBrokers } from './kafka-client.js';
import {
  createEventConsumer,
  type ConsumerStats,
  type DeliveredEvent,
  type DeliveryInfo,
  type EventConsumer,
  type EventConsumerOptions,
} from './event-consumer.js';
import { createRelayVerifier, loadKey } from './relay-signature.js';

export type KafkaEventTransportOptions = Omit<EventConsumerOptions, 'handle' | 'handleBatch'>;

/** Marks an `@EventPattern` handler as taking a batch (see `EventBatch`). */
const BATCH = 'traiettorie:batch';

/**
 * Subscribes a controller method to a batch of events of these types at a
 * time: the method receives the events of one fetched batch that it handles,
 * in delivery order (`HubEvent[]`), and their deliveries as second argument.
 * Suits a projection that applies many events in one transaction.
 */
export const EventBatch = (types: readonly EventType[]) => EventPattern([...types], { [BATCH]: true });

/**
 * A NestJS microservice transport over Kafka with the hub's delivery rules
 * (the relay's signature, validation against the contracts, bounded retries,
 * dead-letter topic, commit after effect). Controllers subscribe with
 * `@EventPattern('<event type>')` and receive the validated CloudEvent; the
 * second argument is the delivery (topic, partition, offset). Controllers
 * that apply many events at once subscribe with `@EventBatch([...types])`.
 * Events without a handler are skipped.
 */
export class KafkaEventTransport extends Server implements CustomTransportStrategy {
  override readonly propagatesEventHandlerErrors = true;
  private consumer: EventConsumer | undefined;
  /** Batch handlers, one per decorated method (the `@EventBatch` extras identify it), with the types it takes. */
  private readonly batchHandlers = new Map<object, { types: Set<string>; handler: MessageHandler }>();

  constructor(private readonly options: KafkaEventTransportOptions) {
    super();
  }

  listen(callback: (error?: unknown) => void): void {
    this.consumer = createEventConsumer({
      ...this.options,
      handle: (event, delivery) => this.dispatch(event, delivery),
      ...(this.batchHandlers.size > 0 ? { handleBatch: (events: DeliveredEvent[]) => this.dispatchBatch(events) } : {}),
    });
    this.consumer.start().then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  async close(): Promise<void> {
    await this.consumer?.stop();
  }

  on(): never {
    throw new Error('KafkaEventTransport has no events to subscribe to');
  }

  /**
   * Keeps `@EventBatch` handlers apart from Nest's per-pattern chain: each is
   * called once per batch with its own events, whoever else handles them.
   */
  override addHandler(pattern: unknown, callback: MessageHandler, isEventHandler?: boolean, extras: Record<string, unknown> = {}): void {
    if (extras[BATCH] !== true) return super.addHandler(pattern, callback, isEventHandler, extras);
    const batch = this.batchHandlers.get(extras) ?? { types: new Set<string>(), handler: callback };
    batch.types.add(String(pattern));
    this.batchHandlers.set(extras, batch);
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  /** The consumer's counters (handled, dead-lettered by reason), for the health output. */
  stats(): ConsumerStats | undefined {
    return this.consumer?.stats();
  }

  private async dispatch(event: HubEvent, delivery: DeliveryInfo): Promise<void> {
    const handler = this.getHandlerByPattern(event.type);
    if (!handler) return;
    const result: unknown = await handler(event, delivery);
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
  }

  private async dispatchBatch(events: DeliveredEvent[]): Promise<void> {
    for (const { types, handler } of this.batchHandlers.values()) {
      const mine = events.filter(({ event }) => types.has(event.type));
      if (mine.length === 0) continue;
      const result: unknown = await handler(
        mine.map(({ event }) => event),
        mine.map(({ delivery }) => delivery),
      );
      if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
    }
  }
}

/** The configuration every consuming service reads (see nest-kit's kafkaConfig). */
export interface KafkaServiceConfig {
  KAFKA_BROKERS: string;
  KAFKA_TOPIC_PREFIX: string;
  KAFKA_GROUP_ID: string;
  KAFKA_SESSION_TIMEOUT_MS: number;
  /** The relay's public key(s): PEM text or a PEM file's path (several keys during a rotation). */
  RELAY_PUBLIC_KEYS: string;
}

/**
 * The microservice options that connect a Nest app to Kafka through the hub's
 * transport, with the conventional dead-letter topic `<prefix>.dlq.<group>`.
 * Only messages signed by the relay reach the handlers.
 */
export function kafkaEventMicroservice(config: KafkaServiceConfig, clientId: string, topics: string[]) {
  return {
    strategy: new KafkaEventTransport({
      kafka: createKafka({ brokers: parseBrokers(config.KAFKA_BROKERS), clientId }),
      groupId: config.KAFKA_GROUP_ID,
      topics,
      deadLetterTopic: deadLetterTopicOf(config.KAFKA_GROUP_ID, config.KAFKA_TOPIC_PREFIX),
      sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
      trust: createRelayVerifier(loadKey(config.RELAY_PUBLIC_KEYS, 'public')),
      log: (message, fields) => process.stdout.write(`${JSON.stringify({ level: (fields?.['level'] as string) ?? 'log', context: clientId, message, ...fields })}\n`),
    }),
  };
}
