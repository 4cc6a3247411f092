import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { deadLetterTopicOf, type HubEvent } from '@traiettorie/contracts';
import { isObservable, lastValueFrom } from 'rxjs';
import { createKafka, parseBrokers } from './kafka-client.js';
import { createEventConsumer, type ConsumerStats, type DeliveryInfo, type EventConsumer, type EventConsumerOptions } from './event-consumer.js';
import { createRelayVerifier, loadKey } from './relay-signature.js';

export type KafkaEventTransportOptions = Omit<EventConsumerOptions, 'handle'>;

/**
 * A NestJS microservice transport over Kafka with the hub's delivery rules
 * (validation against the contracts, bounded retries, dead-letter topic,
 * commit after effect). Controllers subscribe with `@EventPattern('<event type>')`
 * and receive the validated CloudEvent; the second argument is the delivery
 * (topic, partition, offset). Events without a handler are skipped.
 */
export class KafkaEventTransport extends Server implements CustomTransportStrategy {
  override readonly propagatesEventHandlerErrors = true;
  private consumer: EventConsumer | undefined;

  constructor(private readonly options: KafkaEventTransportOptions) {
    super();
  }

  listen(callback: (error?: unknown) => void): void {
    this.consumer = createEventConsumer({ ...this.options, handle: (event, delivery) => this.dispatch(event, delivery) });
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
