import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { everyService, startHub, type Hub } from './hub.js';
import { asCloudEvents, journeyA, pathwayOnce, recordByCommands, typesOf, untilRecorded, type PathwayStep } from './pathway-steps.js';

/**
 * Journeys (a) and (f) of issue 11, on the real PostgreSQL and Kafka broker,
 * every service a process behind its door: a person from the INPS referral to
 * employment through a course and a tirocinio, with the CPI and a
 * third-sector partner, recorded (a) through each agency's command routes and
 * (f) posted by the agencies' own systems as CloudEvents batches; the
 * cross-agency policies react over Kafka in both, and both give the same
 * pathway read model.
 */
describe('the whole pathway across agencies', () => {
  let hub: Hub;
  beforeAll(async () => {
    // Every service but the deadline watch: the journey records, today, a pathway dated 2026-2027, whose deadlines
    // would fall due or not depending on the day the test runs (journey d, deadlines.e2e.spec.ts, is the watch's).
    hub = await startHub('pathway', {}, { services: everyService.filter((s) => s !== 'deadlines') });
  }, 180_000);
  afterAll(() => hub?.stop());

  const byCommands = { caseId: randomUUID(), personRef: `P-SSG-${randomUUID().slice(0, 8)}` };
  const byEvents = { caseId: randomUUID(), personRef: `P-SSG-${randomUUID().slice(0, 8)}` };

  it('(a) from the referral to employment, each agency through its own routes: the policies tell the CPI, the partner and the case', async () => {
    const { caseId, personRef } = byCommands;
    const steps = journeyA(personRef);
    await recordByCommands(hub, caseId, steps.socialServices);
    // The assessment's referral and the pact's tirocinio reach the CPI, the support reaches the partner, over Kafka.
    await untilRecorded(hub, caseId, 'EmploymentReferralReceived');
    await untilRecorded(hub, caseId, 'TirocinioPlacementRequested');
    await untilRecorded(hub, caseId, 'ServiceDeliveryExpected');
    await recordByCommands(hub, caseId, steps.thirdSector);
    await recordByCommands(hub, caseId, steps.employmentCentre);
    // The employment started at the CPI suspends the case's conditionality at the social services.
    await untilRecorded(hub, caseId, 'ConditionalityUpdated');
    await recordByCommands(hub, caseId, steps.closure);

    const types = await typesOf(hub, caseId);
    for (const policyEvent of ['EmploymentReferralReceived', 'TirocinioPlacementRequested', 'ServiceDeliveryExpected', 'ConditionalityUpdated']) {
      expect({ policyEvent, times: types.filter((t) => t === policyEvent).length }).toEqual({ policyEvent, times: 1 });
    }
    const pathway = await pathwayOnce(hub, caseId, 'CaseClosed');
    expect(pathway).toMatchObject({
      caseId,
      stage: 'closed',
      agencies: ['employment-centre', 'social-services', 'third-sector'],
      milestones: expect.objectContaining({
        TrainingCompleted: { count: 1, first: '2027-02-26', last: '2027-02-26' },
        TirocinioStarted: { count: 1, first: '2027-03-01', last: '2027-03-01' },
        EmploymentStarted: { count: 1, first: '2027-09-15', last: '2027-09-15' },
        ConditionalityUpdated: { count: 1, first: '2027-09-15', last: '2027-09-15' },
        ParticipantExitRecorded: { count: 1, first: '2027-06-30', last: '2027-06-30' },
      }),
    });
  }, 240_000);

  it('(f) the same journey posted by the agencies’ systems as CloudEvents batches gives the same pathway; posting it again stores nothing', async () => {
    const { caseId, personRef } = byEvents;
    const steps = journeyA(personRef);
    const publish = async (client: string, batch: PathwayStep[]) => {
      const events = asCloudEvents(caseId, personRef, batch);
      const response = await fetch(`${hub.url('events')}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/cloudevents-batch+json', ...(await hub.as(client)) },
        body: JSON.stringify(events),
      });
      const body = (await response.json()) as { results: { status: string; problem?: unknown }[] };
      return { status: response.status, statuses: body.results.map((r) => r.status), body, events };
    };

    const social = await publish('ss-sesto', steps.socialServices);
    expect({ status: social.status, statuses: social.statuses }).toEqual({ status: 200, statuses: steps.socialServices.map(() => 'accepted') });
    await untilRecorded(hub, caseId, 'EmploymentReferralReceived');
    await untilRecorded(hub, caseId, 'ServiceDeliveryExpected');
    const partner = await publish('ets-sesto', steps.thirdSector);
    expect(partner.statuses).toEqual(steps.thirdSector.map(() => 'accepted'));
    const cpi = await publish('cpi-sesto', steps.employmentCentre);
    expect(cpi.statuses).toEqual(steps.employmentCentre.map(() => 'accepted'));
    await untilRecorded(hub, caseId, 'ConditionalityUpdated');
    const closure = await publish('ss-sesto', steps.closure);
    expect(closure.statuses).toEqual(['accepted']);

    // Re-posting the very same batch: every event is a duplicate, nothing is stored twice.
    const before = (await typesOf(hub, caseId)).length;
    const again = await fetch(`${hub.url('events')}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/cloudevents-batch+json', ...(await hub.as('ss-sesto')) },
      body: JSON.stringify(social.events),
    });
    expect(((await again.json()) as { results: { status: string }[] }).results.map((r) => r.status)).toEqual(steps.socialServices.map(() => 'duplicate'));
    expect((await typesOf(hub, caseId)).length).toBe(before);

    const posted = await pathwayOnce(hub, caseId, 'CaseClosed');
    const commanded = await pathwayOnce(hub, byCommands.caseId, 'CaseClosed');
    const comparable = ({ caseId: _c, personRef: _p, ...rest }: Record<string, unknown>) => rest;
    expect(comparable(posted)).toEqual(comparable(commanded));
  }, 240_000);
});
