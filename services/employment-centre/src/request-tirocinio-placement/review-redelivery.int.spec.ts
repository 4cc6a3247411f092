/** Adversarial review of issue 11: the policy under redelivery (Kafka delivers at least once), on PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { handleCommand, toNewEvent } from '@traiettorie/command-handling';
import { caseStreamOf, sourceOf, type EventType, type HubEvent } from '@traiettorie/contracts';
import { createPostgresEventStore, provisionEventStore, type EventStore } from '@traiettorie/event-store';
import { createTestDatabase, sampleEvent, type TestDatabase } from '@traiettorie/testing';
import { randomUUID } from 'node:crypto';
import { receiveReferralDecider } from '../receive-referral/receive-referral.decider.js';
import { receiveReferralCall } from '../receive-referral/receive-referral.listener.js';
import { requestTirocinioPlacementDecider } from './request-tirocinio-placement.decider.js';
import { requestTirocinioPlacementCall } from './request-tirocinio-placement.listener.js';

type Call = { stream: string; command: unknown; now?: string; eventId?: (event: { type: EventType }) => string; usuallyOpensStream?: boolean };

describe('review of issue 11: a policy redelivered', () => {
  let db: TestDatabase;
  let store: EventStore;
  const source = sourceOf('employment-centre', 'policy-test');
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

  it('an AssessmentCompleted and a PactSigned with a tirocinio, each delivered four times (three at once) › one referral, one placement request', async () => {
    const caseId = randomUUID();
    await seed(caseStreamOf('social-services', caseId), sampleEvent('CaseOpened', { caseId }));
    const assessment = sampleEvent('AssessmentCompleted', { caseId });
    const pact = sampleEvent('PactSigned', { caseId });
    const now = new Date().toISOString();
    const outcomes = await Promise.all([1, 2, 3].map(() => deliver(receiveReferralDecider as never, receiveReferralCall(assessment, now) as Call)));
    outcomes.push(await deliver(receiveReferralDecider as never, receiveReferralCall(assessment, now) as Call));
    expect(outcomes).toEqual(['handled', 'handled', 'handled', 'handled']);
    await Promise.all([1, 2, 3].map(() => deliver(requestTirocinioPlacementDecider as never, requestTirocinioPlacementCall(pact, now) as Call)));
    await deliver(requestTirocinioPlacementDecider as never, requestTirocinioPlacementCall(pact, now) as Call);
    expect(await typesOn(caseStreamOf('employment-centre', caseId))).toEqual(['EmploymentReferralReceived', 'TirocinioPlacementRequested']);
  });

  it('a PactSigned with a tirocinio for a case never referred to the CPI › nothing recorded, no error', async () => {
    const caseId = randomUUID();
    await seed(caseStreamOf('social-services', caseId), sampleEvent('CaseOpened', { caseId }));
    const outcome = await deliver(requestTirocinioPlacementDecider as never, requestTirocinioPlacementCall(sampleEvent('PactSigned', { caseId }), new Date().toISOString()) as Call);
    expect(outcome).toBe('handled');
    expect(await typesOn(caseStreamOf('employment-centre', caseId))).toEqual([]);
  });
});
