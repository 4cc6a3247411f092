import type { CloudEvent } from '@traiettorie/contracts';
import type { NewEvent, StoredEvent } from '@traiettorie/event-store';

/** Stores a CloudEvent: its attributes other than id and type become the metadata. */
export function toNewEvent(event: CloudEvent): NewEvent {
  const { id, type, data, ...attributes } = event;
  return { id, type, data, metadata: attributes };
}

/** The CloudEvent of a stored event (the store's own `erased` marker is not an envelope attribute). */
export function toCloudEvent(stored: StoredEvent): CloudEvent {
  const { erased: _erased, ...attributes } = stored.metadata;
  return { ...(attributes as Omit<CloudEvent, 'id' | 'type' | 'data'>), id: stored.id, type: stored.type, data: stored.data };
}
