import { caseStreamCategories, type HubEvent } from '@traiettorie/contracts';
import { toCloudEvent } from '@traiettorie/command-handling';
import { LOG_START, type EventStore, type StoredEvent } from '@traiettorie/event-store';
import type { EmploymentEventType } from './employment.state.js';

/** Every event of the CPI's streams (`employment-*`), in the global log's order. */
export async function readEmploymentStreams(store: EventStore): Promise<HubEvent<EmploymentEventType>[]> {
  const events: StoredEvent[] = [];
  let after = LOG_START;
  for (;;) {
    const batch = await store.readAll({ after, categories: [caseStreamCategories['employment-centre']], limit: 1000 });
    events.push(...batch.events);
    if (batch.events.length === 0) return events.map(asEmploymentEvent);
    after = batch.checkpoint;
  }
}

/**
 * A stored event of a CPI stream, as stored: a read route shows what is
 * there, also when its person was forgotten (ADR 3) and the envelope no
 * longer parses.
 */
export function asEmploymentEvent(stored: StoredEvent): HubEvent<EmploymentEventType> {
  return toCloudEvent(stored) as HubEvent<EmploymentEventType>;
}
