/** Adversarial review of issue 11: the policy under redelivery (Kafka delivers at least once), on PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { handleCommand, toNewEvent } from '@traiettorie/command-handling';
import { caseStreamOf, sourceOf, type EventType, type HubEvent } from '@traiettorie/contracts';
import { createPostgresEventStore, provisionEventStore, type EventStore } from '@traiettorie/event-store';
import { createTestDatabase, sampleEvent, type TestDatabase } from '@traiettorie/testing';
import { randomUUID } from 'node:crypto';
import { learnOfEmploymentDecider } from './learn-of-employment.decider.js';
import { learnOfEmploymentCall } from './learn-of-employment.listener.js';

type Call = { stream: string; command: unknown; now?: string; eventId?: (event: { type: EventType }) => string; usuallyOpensStream?: boolean };

describe('review of issue 11: a policy redelivered', () => {
  let db: TestDatabase;
  let store: EventStore;
  const source = sourceOf('social-services', 'policy-test');
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

  it('an EmploymentStarted delivered five times, three at once › one ConditionalityUpdated', async () => {
    const caseId = randomUUID();
    await seed(caseStreamOf('social-services', caseId), sampleEvent('CaseOpened', { caseId }));
    const employment = sampleEvent('EmploymentStarted', { caseId });
    const call = learnOfEmploymentCall(employment, new Date().toISOString()) as Call;
    await Promise.all([1, 2, 3].map(() => deliver(learnOfEmploymentDecider as never, call)));
    await deliver(learnOfEmploymentDecider as never, call);
    await deliver(learnOfEmploymentDecider as never, call);
    expect(await typesOn(caseStreamOf('social-services', caseId))).toEqual(['CaseOpened', 'ConditionalityUpdated']);
  });

  it('an EmploymentStarted for a case closed at the social services › nothing recorded, no error', async () => {
    const caseId = randomUUID();
    await seed(caseStreamOf('social-services', caseId), sampleEvent('CaseOpened', { caseId }), sampleEvent('CaseClosed', { caseId }));
    const outcome = await deliver(learnOfEmploymentDecider as never, learnOfEmploymentCall(sampleEvent('EmploymentStarted', { caseId }), new Date().toISOString()) as Call);
    expect(outcome).toBe('handled');
    expect(await typesOn(caseStreamOf('social-services', caseId))).toEqual(['CaseOpened', 'CaseClosed']);
  });

  it('an EmploymentStarted whose envelope names another person than the case › the case’s conditionality is not changed by it', async () => {
    const caseId = randomUUID();
    await seed(caseStreamOf('social-services', caseId), sampleEvent('CaseOpened', { caseId }));
    const employment = { ...sampleEvent('EmploymentStarted', { caseId }), personref: 'P-SSG-somebody-else' } as HubEvent<'EmploymentStarted'>;
    await deliver(learnOfEmploymentDecider as never, learnOfEmploymentCall(employment, new Date().toISOString()) as Call);
    expect(await typesOn(caseStreamOf('social-services', caseId))).toEqual(['CaseOpened']);
  });
});
