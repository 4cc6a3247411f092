import 'reflect-metadata';
import { describe, expect, test } from '@jest/globals';
import { consumerOf, definitionOf } from '@traiettorie/contracts';
import { loadServiceConfig } from '@traiettorie/nest-kit';
import { eventPatternsOf, withoutKafkaGroupId } from '@traiettorie/testing';
import { socialServices } from '../service.js';
import { LearnOfEmploymentListener } from './learn-of-employment.listener.js';

/** The consumer group the service joins when KAFKA_GROUP_ID is not set. */
const defaultGroupId = () => withoutKafkaGroupId(() => loadServiceConfig(socialServices).KAFKA_GROUP_ID);

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
