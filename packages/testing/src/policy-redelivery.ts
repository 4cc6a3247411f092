import { afterAll, beforeAll } from '@jest/globals';
import type { EventType, HubEvent } from '@traiettorie/contracts';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/** A listener's call as its `…Call(event)` builds it, for `deliver`. */
export type PolicyCall = { stream: string; command: unknown; now?: string; eventId?: (event: { type: EventType }) => string; usuallyOpensStream?: boolean };

interface RedeliveryStore<NewEvent> {
  appendToStream(stream: string, events: NewEvent[]): Promise<unknown>;
  readStream(stream: string): Promise<readonly { type: string }[]>;
}

/** What the harness runs from @traiettorie/event-store and @traiettorie/command-handling, which cannot be this package's dependencies: their own tests depend on it. */
export interface PolicyRedeliveryKit<NewEvent, Store extends RedeliveryStore<NewEvent>> {
  provisionEventStore(pool: pg.Pool): Promise<unknown>;
  createPostgresEventStore(pool: pg.Pool): Store;
  handleCommand(store: Store, decider: never, request: never): Promise<unknown>;
  toNewEvent(event: HubEvent): NewEvent;
}

/**
 * A policy delivered again and again, as Kafka may (at least once), on the event store of a fresh database
 * made before the spec's tests and dropped after them: `deliver` runs a call as CommandHandling.handle runs a
 * service's own ('service': no caller checks) and says 'handled' or the refusal a consumer would dead-letter;
 * `seed` appends events to a stream; `typesOn` lists a stream's event types.
 */
export function policyRedelivery<NewEvent, Store extends RedeliveryStore<NewEvent>>(source: string, kit: PolicyRedeliveryKit<NewEvent, Store>) {
  let db: TestDatabase;
  let store: Store;
  beforeAll(async () => {
    db = await createTestDatabase('review-policy');
    await kit.provisionEventStore(db.pool);
    store = kit.createPostgresEventStore(db.pool);
  });
  afterAll(() => db?.drop());

  async function deliver(decider: never, call: PolicyCall): Promise<string> {
    try {
      await kit.handleCommand(store, decider, {
        stream: call.stream,
        command: call.command,
        ...(call.usuallyOpensStream ? { usuallyOpensStream: true } : {}),
        context: { source, now: call.now ?? new Date().toISOString(), eventId: call.eventId ?? (() => randomUUID()) },
      } as never);
      return 'handled';
    } catch (error) {
      return `${(error as Error).constructor.name}: ${(error as Error).message}`;
    }
  }
  const seed = async (stream: string, ...events: HubEvent[]) => store.appendToStream(stream, events.map((e) => kit.toNewEvent(e)));
  const typesOn = async (stream: string) => (await store.readStream(stream)).map((e) => e.type);
  return { deliver, seed, typesOn };
}
