/** Adversarial review of issue 11: the policy under redelivery (Kafka delivers at least once), on PostgreSQL. */
import { describe, expect, it } from '@jest/globals';
import { handleCommand, toNewEvent } from '@traiettorie/command-handling';
import { caseStreamOf, sourceOf, type HubEvent } from '@traiettorie/contracts';
import { createPostgresEventStore, provisionEventStore } from '@traiettorie/event-store';
import { policyRedelivery, sampleEvent, type PolicyCall as Call } from '@traiettorie/testing';
import { randomUUID } from 'node:crypto';
import { learnOfEmploymentDecider } from './learn-of-employment.decider.js';
import { learnOfEmploymentCall } from './learn-of-employment.listener.js';

describe('review of issue 11: a policy redelivered', () => {
  const { deliver, seed, typesOn } = policyRedelivery(sourceOf('social-services', 'policy-test'), { handleCommand, toNewEvent, provisionEventStore, createPostgresEventStore });

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
