import { definitionOf } from './catalogue.js';
import type { BoundedContext } from './define-event.js';

/** The Kafka topic of a bounded context, e.g. `traiettorie.social-services`. */
export function topicOf(context: BoundedContext, prefix = 'traiettorie'): string {
  return `${prefix}.${context}`;
}

/** The topic an event type travels on. */
export function topicOfType(type: string, prefix?: string): string {
  return topicOf(definitionOf(type).context, prefix);
}
