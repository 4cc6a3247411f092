import 'reflect-metadata';
import { describe, expect, test } from '@jest/globals';
import { consumerOf, definitionOf } from '@traiettorie/contracts';
import { loadServiceConfig } from '@traiettorie/nest-kit';
import { eventPatternsOf, withoutKafkaGroupId } from '@traiettorie/testing';
import { employmentCentre } from '../service.js';
import { RequestTirocinioPlacementListener } from '../request-tirocinio-placement/request-tirocinio-placement.listener.js';
import { ReceiveReferralListener } from './receive-referral.listener.js';

/** The consumer group the service joins when KAFKA_GROUP_ID is not set. */
const defaultGroupId = () => withoutKafkaGroupId(() => loadServiceConfig(employmentCentre).KAFKA_GROUP_ID);

describe('employment-centre against the consumers registry (contracts/src/consumers.ts)', () => {
  test('its handlers subscribe to exactly the event types its registry entry declares, so the AsyncAPI document cannot drift', () => {
    expect([...eventPatternsOf(ReceiveReferralListener), ...eventPatternsOf(RequestTirocinioPlacementListener)].sort()).toEqual([...consumerOf('employment-centre').handles].sort());
  });

  test('its registry entry subscribes to the topics of what it handles, under its default consumer group (KAFKA_GROUP_ID unset)', () => {
    const entry = consumerOf('employment-centre');

    expect([...new Set(entry.handles.map((type) => definitionOf(type).context))]).toEqual([...entry.contexts]);
    expect(defaultGroupId()).toBe(entry.groupId);
  });
});
