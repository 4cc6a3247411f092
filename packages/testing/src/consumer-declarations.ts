import 'reflect-metadata';
import { PATTERN_METADATA } from '@nestjs/microservices/constants.js';
import { unusedDoorEnv } from './door-env.js';

/**
 * Every event pattern a listener class's handlers subscribe to, read from
 * Nest's own decorator metadata (`@EventPattern`, `@EventBatch`): what a
 * consuming service's test compares with its entry in contracts' `consumers`.
 * The caller imports `reflect-metadata` first, as Nest does.
 */
export function eventPatternsOf(listener: { prototype: object }): string[] {
  const prototype = listener.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype).flatMap((name) => {
    const method = prototype[name];
    const patterns: unknown = typeof method === 'function' ? Reflect.getMetadata(PATTERN_METADATA, method) : undefined;
    return Array.isArray(patterns) ? patterns.flat().map(String) : [];
  });
}

/**
 * What `read` returns from a service's configuration when KAFKA_GROUP_ID is
 * not set (the other required settings given placeholder values), the
 * environment restored afterwards: e.g. the consumer group a service joins by default.
 */
export function withoutKafkaGroupId<T>(read: () => T): T {
  const saved = { ...process.env };
  try {
    delete process.env['KAFKA_GROUP_ID'];
    Object.assign(process.env, { DATABASE_URL: 'postgres://unused', KAFKA_BROKERS: 'unused:9092', RELAY_PUBLIC_KEYS: 'unused.pem', ...unusedDoorEnv });
    return read();
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}
