import { parseEvent, type HubEvent } from '@traiettorie/contracts';
// Types only: Drizzle's schema loader (drizzle-kit) reads this package and cannot load the store's ESM-only dependencies.
import type { EventStore, LogCheckpoint, StoredEvent } from '@traiettorie/event-store';

export interface GlobalLogOptions {
  /** Only these event types (a projection's `handles`). */
  types?: readonly string[];
  batchSize?: number;
  /**
   * Called for a stored event that the consumers would not apply either: a
   * damaged row (the relay keeps it off the context topics) or one its
   * contract refuses (a consumer dead-letters it).
   */
  onSkipped?: (event: StoredEvent, reason: string) => void;
}

/**
 * The event store's global log, in log order, as the validated events
 * consumers receive from Kafka: the source a projection rebuilds from.
 */
export async function* readGlobalLog(store: Pick<EventStore, 'readAll'>, options: GlobalLogOptions = {}): AsyncIterable<HubEvent[]> {
  // From the start of the log: the store's default when `after` is left out.
  let after: LogCheckpoint | undefined;
  for (;;) {
    const batch = await store.readAll({ ...(after ? { after } : {}), limit: options.batchSize ?? 500, ...(options.types ? { types: [...options.types] } : {}) });
    if (batch.events.length === 0) return;
    after = batch.checkpoint;
    const events: HubEvent[] = [];
    for (const stored of batch.events) {
      if (stored.damaged) {
        options.onSkipped?.(stored, stored.damaged.reason);
        continue;
      }
      try {
        events.push(parseEvent(asCloudEvent(stored)));
      } catch (error) {
        options.onSkipped?.(stored, error instanceof Error ? error.message : String(error));
      }
    }
    yield events;
  }
}

/** The CloudEvent a stored event was appended as, as the relay publishes it (without the erasure note). */
function asCloudEvent(stored: StoredEvent): Record<string, unknown> {
  const { erased: _erased, ...attributes } = stored.metadata;
  return { ...attributes, id: stored.id, type: stored.type, data: stored.data };
}
