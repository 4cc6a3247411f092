/** Adversarial review of issue 11: the policy under redelivery (Kafka delivers at least once), on PostgreSQL. */
import { describe, expect, it } from '@jest/globals';
import { handleCommand, toNewEvent } from '@traiettorie/command-handling';
import { caseStreamOf, sourceOf, type HubEvent } from '@traiettorie/contracts';
import { createPostgresEventStore, provisionEventStore } from '@traiettorie/event-store';
import { policyRedelivery, sampleEvent, type PolicyCall as Call } from '@traiettorie/testing';
import { randomUUID } from 'node:crypto';
import { receiveReferralDecider } from '../receive-referral/receive-referral.decider.js';
import { receiveReferralCall } from '../receive-referral/receive-referral.listener.js';
import { requestTirocinioPlacementDecider } from './request-tirocinio-placement.decider.js';
import { requestTirocinioPlacementCall } from './request-tirocinio-placement.listener.js';

describe('review of issue 11: a policy redelivered', () => {
  const { deliver, seed, typesOn } = policyRedelivery(sourceOf('employment-centre', 'policy-test'), { handleCommand, toNewEvent, provisionEventStore, createPostgresEventStore });

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
