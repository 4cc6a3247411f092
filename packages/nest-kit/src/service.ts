import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { sourceOf, topicOf, type AgencyKind, type ConsumerDeclaration } from '@traiettorie/contracts';
import { kafkaEventMicroservice, type KafkaServiceConfig } from '@traiettorie/messaging';
import { z } from 'zod';
import { CLOCK, ID_GENERATOR, randomIds, systemClock } from './clock.js';
import { COMMAND_SOURCE, CommandHandling } from './command-handling.js';
import { commonConfig, kafkaConfig, parseConfig } from './config.js';
import { doorConfig, doorProviders, DoorGuard, type DoorConfig } from './door.js';
import { EventStoreModule } from './event-store.module.js';
import { HealthController, registerHealth } from './health.controller.js';
import { createHttpApp, listen, runService } from './http-app.js';

/** Everything a service is, besides its own routes and rules. */
export interface ServiceDefinition {
  /** e.g. `social-services`: the logs' context, the OpenAPI title, the Kafka client id. */
  name: string;
  /** The OpenAPI page's description. */
  description: string;
  defaultPort: number;
  /** The agency whose commands the service issues; AGENCY_ID (default `defaultId`) names the office. */
  agency?: { kind: AgencyKind; defaultId: string };
  controllers?: Type[];
  providers?: Provider[];
  /** Modules built from the configuration, e.g. a read model's database. */
  imports?: (config: ServiceConfig) => DynamicModule[];
  /** Whether the service keeps its events in the event store (default true). */
  eventStore?: boolean;
  /** The service's entry in the contracts' consumers registry: the event types it consumes, their topics, its group. */
  consumes?: ConsumerDeclaration;
}

/** A service's configuration: the common variables, the door's, AGENCY_ID for agencies, Kafka's for consumers. */
export interface ServiceConfig extends z.output<z.ZodObject<typeof commonConfig>>, DoorConfig {
  AGENCY_ID?: string;
  KAFKA_BROKERS?: string;
  KAFKA_TOPIC_PREFIX?: string;
  KAFKA_GROUP_ID?: string;
  KAFKA_SESSION_TIMEOUT_MS?: number;
  RELAY_PUBLIC_KEYS?: string;
}

/** The configuration of a given service: AGENCY_ID when it is an agency, Kafka's variables when it consumes. */
export type ConfigOf<S extends ServiceDefinition> = z.output<z.ZodObject<typeof commonConfig>> &
  DoorConfig &
  (S extends { agency: object } ? { AGENCY_ID: string } : unknown) &
  (S extends { consumes: object } ? KafkaServiceConfig : unknown);

/** Parses the service's configuration from the environment once, naming any missing or invalid variable. */
export function loadServiceConfig<S extends ServiceDefinition>(service: S, env: NodeJS.ProcessEnv = process.env): ConfigOf<S> {
  // The schema depends on what the service is; its output has the variables that schema declares.
  return parseConfig(
    z.object({
      ...commonConfig,
      ...doorConfig,
      PORT: commonConfig.PORT.default(service.defaultPort),
      ...(service.agency
        ? { AGENCY_ID: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).default(service.agency.defaultId) }
        : {}),
      ...(service.consumes ? { ...kafkaConfig, KAFKA_GROUP_ID: z.string().min(1).default(service.consumes.groupId) } : {}),
    }),
    env,
  ) as ConfigOf<S>;
}

@Module({})
class ServiceModule {}

/**
 * The Nest module of a service: its routes behind the door (DoorGuard), its
 * providers, health, clock, ids, and for agencies the event store and command
 * handling. COMMAND_SOURCE is the service's own agency: the source of what its
 * listeners record; a route's command takes its source from the caller.
 */
export function serviceModule(service: ServiceDefinition, config: ServiceConfig): DynamicModule {
  const agencyProviders: Provider[] = service.agency
    ? [{ provide: COMMAND_SOURCE, useValue: sourceOf(service.agency.kind, config.AGENCY_ID ?? service.agency.defaultId) }, CommandHandling]
    : [];
  return {
    module: ServiceModule,
    imports: [...(service.eventStore === false ? [] : [EventStoreModule.forRoot(config.DATABASE_URL)]), ...(service.imports?.(config) ?? [])],
    controllers: [HealthController, ...(service.controllers ?? [])],
    providers: [
      { provide: CLOCK, useValue: systemClock },
      { provide: ID_GENERATOR, useValue: randomIds },
      ...agencyProviders,
      ...doorProviders(config, config.DATABASE_URL),
      { provide: APP_GUARD, useClass: DoorGuard },
      ...(service.providers ?? []),
    ],
  };
}

/**
 * Starts a service: configuration, the HTTP app (problem details, OpenAPI,
 * health), the Kafka consumer of what it consumes, then listens. A service's
 * `main.ts` is `startService(definition)`.
 */
export function startService(service: ServiceDefinition): void {
  runService(service.name, async () => {
    const config: ServiceConfig = loadServiceConfig(service);
    const options = { name: service.name, description: service.description, port: config.PORT, host: config.HOST };
    const app = await createHttpApp(serviceModule(service, config), options);
    if (service.consumes) {
      const kafka = config as KafkaServiceConfig;
      const topics = service.consumes.contexts.map((context) => topicOf(context, kafka.KAFKA_TOPIC_PREFIX));
      const consumer = kafkaEventMicroservice(kafka, service.name, topics);
      registerHealth('consumer', () => consumer.strategy.stats());
      app.connectMicroservice(consumer, { inheritAppConfig: true });
      await app.startAllMicroservices();
    }
    await listen(app, options);
  });
}
