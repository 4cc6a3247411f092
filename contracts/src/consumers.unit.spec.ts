import { describe, expect, test } from '@jest/globals';
import { catalogue, isEventType } from './catalogue.js';
import { consumers, deadLetterTopicOf } from './consumers.js';

describe('the consumers registry', () => {
  test.each(consumers.map((c) => [c.service, c] as const))('%s handles only catalogue event types, each on a topic it subscribes to', (_, consumer) => {
    const misplaced = consumer.handles.filter((type) => {
      const definition = catalogue.find((d) => d.type === type);
      return !isEventType(type) || !definition || !(consumer.contexts as readonly string[]).includes(definition.context);
    });

    expect(consumer.handles.length).toBeGreaterThan(0);
    expect(misplaced).toEqual([]);
  });

  test('consumer groups and services are unique, so each has its own dead-letter topic', () => {
    expect(new Set(consumers.map((c) => c.groupId)).size).toBe(consumers.length);
    expect(new Set(consumers.map((c) => c.service)).size).toBe(consumers.length);
    expect(consumers.map((c) => deadLetterTopicOf(c.groupId)).sort()).toEqual([
      'traiettorie.dlq.employment-centre',
      'traiettorie.dlq.read-models',
      'traiettorie.dlq.social-services',
      'traiettorie.dlq.third-sector',
    ]);
    expect(deadLetterTopicOf('read-models', 't-1')).toBe('t-1.dlq.read-models');
  });
});
