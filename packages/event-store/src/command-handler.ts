import { ConcurrencyError, parseEvent, type CloudEvent } from '@traiettorie/contracts';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Decider } from './decider.js';
import type { EventStore } from './postgres-event-store.js';
import type { NewEvent, StoredEvent } from './types.js';

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

export interface CommandResult<Event> {
  events: Event[];
  /** The stream's version after the command (an ETag for HTTP callers). */
  version: number;
}

export interface HandleCommandOptions {
  /** The version the caller last saw (HTTP If-Match); a mismatch fails without retry. */
  expectedVersion?: number;
  /** Retries after a concurrent append when the caller set no expectation. */
  retries?: number;
}

/**
 * Loads the stream, folds it into state, decides, checks each new event
 * against its contract (schema and who may emit it), and appends them with
 * the loaded version as the expected version. A concurrent writer makes the
 * append fail; without a caller expectation the command is decided again on
 * fresh state, with jittered backoff.
 */
export async function handleCommand<Command, Event extends CloudEvent, State>(
  store: EventStore,
  streamId: string,
  decider: Decider<Command, Event, State>,
  command: Command,
  options: HandleCommandOptions = {},
): Promise<CommandResult<Event>> {
  const retries = options.expectedVersion === undefined ? (options.retries ?? 3) : 0;
  for (let attempt = 0; ; attempt++) {
    const stored = await store.readStream(streamId);
    const version = stored.at(-1)?.streamPosition ?? 0;
    if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
      throw new ConcurrencyError(streamId, options.expectedVersion, version);
    }
    const state = stored.map((e) => toCloudEvent(e) as Event).reduce(decider.evolve, decider.initialState());
    const events = decider.decide(command, state);
    if (events.length === 0) return { events, version };
    // Events enter the store only as their contract allows, emitter included.
    for (const event of events) parseEvent(event);
    try {
      const result = await store.appendToStream(streamId, events.map(toNewEvent), { expectedVersion: version });
      return { events, version: result.nextExpectedVersion };
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= retries) throw error;
      await sleep(Math.random() * 20 * 2 ** attempt);
    }
  }
}
