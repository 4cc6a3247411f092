import 'reflect-metadata';
import { describe, expect, test } from '@jest/globals';
import { consumerOf, definitionOf } from '@traiettorie/contracts';
import { loadServiceConfig } from '@traiettorie/nest-kit';
import { eventPatternsOf, withoutKafkaGroupId } from '@traiettorie/testing';
import { thirdSector } from '../service.js';
import { ReceiveSupportListener } from './receive-support.listener.js';

/** The consumer group the service joins when KAFKA_GROUP_ID is not set. */
const defaultGroupId = () => withoutKafkaGroupId(() => loadServiceConfig(thirdSector).KAFKA_GROUP_ID);

describe('third-sector against the consumers registry (contracts/src/consumers.ts)', () => {
  test('its handlers subscribe to exactly the event types its registry entry declares, so the AsyncAPI document cannot drift', () => {
    expect(eventPatternsOf(ReceiveSupportListener).sort()).toEqual([...consumerOf('third-sector').handles].sort());
  });

  test('its registry entry subscribes to the topics of what it handles, under its default consumer group (KAFKA_GROUP_ID unset)', () => {
    const entry = consumerOf('third-sector');

    expect([...new Set(entry.handles.map((type) => definitionOf(type).context))]).toEqual([...entry.contexts]);
    expect(defaultGroupId()).toBe(entry.groupId);
  });
});
