import 'reflect-metadata';
import { describe, expect, test } from '@jest/globals';
import { PATTERN_METADATA } from '@nestjs/microservices/constants.js';
import { consumerOf, definitionOf } from '@traiettorie/contracts';
import { loadServiceConfig } from '@traiettorie/nest-kit';
import { unusedDoorEnv } from '@traiettorie/testing';
import { socialServices } from '../service.js';
import { LearnOfEmploymentListener } from './learn-of-employment.listener.js';

/** Every event pattern the class's handlers subscribe to, read from Nest's own decorator metadata. */
function eventPatternsOf(listener: { prototype: object }): string[] {
  const prototype = listener.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype).flatMap((name) => {
    const method = prototype[name];
    const patterns: unknown = typeof method === 'function' ? Reflect.getMetadata(PATTERN_METADATA, method) : undefined;
    return Array.isArray(patterns) ? patterns.flat().map(String) : [];
  });
}

/** The configuration a service starts with when KAFKA_GROUP_ID is not set. */
function defaultGroupId(): string {
  const saved = { ...process.env };
  try {
    delete process.env['KAFKA_GROUP_ID'];
    Object.assign(process.env, { DATABASE_URL: 'postgres://unused', KAFKA_BROKERS: 'unused:9092', RELAY_PUBLIC_KEYS: 'unused.pem', ...unusedDoorEnv });
    return loadServiceConfig(socialServices).KAFKA_GROUP_ID;
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

describe('social-services against the consumers registry (contracts/src/consumers.ts)', () => {
  test('its handlers subscribe to exactly the event types its registry entry declares, so the AsyncAPI document cannot drift', () => {
    expect(eventPatternsOf(LearnOfEmploymentListener).sort()).toEqual([...consumerOf('social-services').handles].sort());
  });

  test('its registry entry subscribes to the topics of what it handles, under its default consumer group (KAFKA_GROUP_ID unset)', () => {
    const entry = consumerOf('social-services');

    expect([...new Set(entry.handles.map((type) => definitionOf(type).context))]).toEqual([...entry.contexts]);
    expect(defaultGroupId()).toBe(entry.groupId);
  });

  test('the service consumes what its registry entry declares', () => {
    expect(socialServices.consumes).toBe(consumerOf('social-services'));
  });
});
