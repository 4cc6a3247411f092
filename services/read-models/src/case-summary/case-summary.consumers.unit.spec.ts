import 'reflect-metadata';
import { describe, expect, test } from '@jest/globals';
import { consumerOf } from '@traiettorie/contracts';
import { eventPatternsOf, withoutKafkaGroupId } from '@traiettorie/testing';
import { loadConfig } from '../config.js';
import { CaseSummaryListener } from './case-summary.listener.js';
import { caseSummaryEventTypes } from './case-summary.projection.js';
import { PathwayListener } from '../pathway/pathway.listener.js';
import { pathwayEventTypes } from '../pathway/pathway.projection.js';

/** The consumer group the service joins when KAFKA_GROUP_ID is not set. */
const defaultGroupId = () => withoutKafkaGroupId(() => loadConfig().KAFKA_GROUP_ID);

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
