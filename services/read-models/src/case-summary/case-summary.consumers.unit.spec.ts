import 'reflect-metadata';
import { describe, expect, test } from '@jest/globals';
import { PATTERN_METADATA } from '@nestjs/microservices/constants.js';
import { consumerOf } from '@traiettorie/contracts';
import { unusedDoorEnv } from '@traiettorie/testing';
import { loadConfig } from '../config.js';
import { CaseSummaryListener } from './case-summary.listener.js';
import { caseSummaryEventTypes } from './case-summary.projection.js';
import { PathwayListener } from '../pathway/pathway.listener.js';
import { pathwayEventTypes } from '../pathway/pathway.projection.js';

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
    return loadConfig().KAFKA_GROUP_ID;
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

describe('read-models against the consumers registry (contracts/src/consumers.ts)', () => {
  test('its handlers subscribe to exactly the event types its registry entry declares, so the AsyncAPI document cannot drift', () => {
    const declared = [...consumerOf('read-models').handles].sort();

    const subscribed = new Set([...eventPatternsOf(CaseSummaryListener), ...eventPatternsOf(PathwayListener)]);
    expect([...subscribed].sort()).toEqual(declared);
    expect([...new Set([...caseSummaryEventTypes, ...pathwayEventTypes])].sort()).toEqual(declared);
  });

  test('its default consumer group (KAFKA_GROUP_ID unset) is the registry entry’s, whose dead-letter topic the document names', () => {
    expect(defaultGroupId()).toBe(consumerOf('read-models').groupId);
  });
});
