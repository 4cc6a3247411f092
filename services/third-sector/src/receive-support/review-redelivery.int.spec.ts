/** Adversarial review of issue 11: the policy under redelivery (Kafka delivers at least once), on PostgreSQL. */
import { describe, expect, it } from '@jest/globals';
import { handleCommand, toNewEvent } from '@traiettorie/command-handling';
import { caseStreamOf, sourceOf, type HubEvent } from '@traiettorie/contracts';
import { createPostgresEventStore, provisionEventStore } from '@traiettorie/event-store';
import { policyRedelivery, sampleEvent, type PolicyCall as Call } from '@traiettorie/testing';
import { randomUUID } from 'node:crypto';
import { receiveSupportDecider } from './receive-support.decider.js';
import { receiveSupportCall } from './receive-support.listener.js';

describe('review of issue 11: a policy redelivered', () => {
  const { deliver, seed, typesOn } = policyRedelivery(sourceOf('third-sector', 'policy-test'), { handleCommand, toNewEvent, provisionEventStore, createPostgresEventStore });

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
