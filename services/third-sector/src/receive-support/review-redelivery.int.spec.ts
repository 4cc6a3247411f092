/** Adversarial review of issue 11: the policy under redelivery (Kafka delivers at least once), on PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { handleCommand, toNewEvent } from '@traiettorie/command-handling';
import { caseStreamOf, sourceOf, type EventType, type HubEvent } from '@traiettorie/contracts';
import { createPostgresEventStore, provisionEventStore, type EventStore } from '@traiettorie/event-store';
import { createTestDatabase, sampleEvent, type TestDatabase } from '@traiettorie/testing';
import { randomUUID } from 'node:crypto';
import { receiveSupportDecider } from './receive-support.decider.js';
import { receiveSupportCall } from './receive-support.listener.js';

type Call = { stream: string; command: unknown; now?: string; eventId?: (event: { type: EventType }) => string; usuallyOpensStream?: boolean };

describe('review of issue 11: a policy redelivered', () => {
  let db: TestDatabase;
  let store: EventStore;
  const source = sourceOf('third-sector', 'policy-test');
  beforeAll(async () => {
    db = await createTestDatabase('review-policy');
    await provisionEventStore(db.pool);
    store = createPostgresEventStore(db.pool);
  });
  afterAll(() => db?.drop());

  /** As CommandHandling.handle runs a service's call ('service': no caller checks); a refusal is what a consumer would dead-letter. */
  async function deliver(decider: never, call: Call): Promise<string> {
    try {
      await handleCommand(store, decider, {
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
  const seed = async (stream: string, ...events: HubEvent[]) => store.appendToStream(stream, events.map((e) => toNewEvent(e)));
  const typesOn = async (stream: string) => (await store.readStream(stream)).map((e) => e.type);

  it('a SupportActivated (third-sector provider) delivered four times, three at once › one ServiceDeliveryExpected', async () => {
    const caseId = randomUUID();
    await seed(caseStreamOf('social-services', caseId), sampleEvent('CaseOpened', { caseId }));
    const support = sampleEvent('SupportActivated', { caseId });
    const outcomes = await Promise.all([1, 2, 3].map(() => deliver(receiveSupportDecider as never, receiveSupportCall(support) as Call)));
    outcomes.push(await deliver(receiveSupportDecider as never, receiveSupportCall(support) as Call));
    expect(outcomes).toEqual(['handled', 'handled', 'handled', 'handled']);
    expect(await typesOn(caseStreamOf('third-sector', caseId))).toEqual(['ServiceDeliveryExpected']);
  });

  it('a SupportActivated by a public provider › nothing expected of the partner', async () => {
    const caseId = randomUUID();
    await seed(caseStreamOf('social-services', caseId), sampleEvent('CaseOpened', { caseId }));
    const support = sampleEvent('SupportActivated', { caseId, data: { provider: { kind: 'social-services' } } as never });
    await deliver(receiveSupportDecider as never, receiveSupportCall(support) as Call);
    expect(await typesOn(caseStreamOf('third-sector', caseId))).toEqual([]);
  });
});
