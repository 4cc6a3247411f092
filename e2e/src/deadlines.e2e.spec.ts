import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '@traiettorie/testing';
import { randomUUID } from 'node:crypto';
import { get, globalLog, post, startHub, type Hub } from './hub.js';
import { ambito, legalBasis } from './pathway-steps.js';

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/**
 * Journey (d) of issue 11: a referral to the CPI whose PSP was never signed
 * within 60 days. Two deadline watches run against the hub, one is killed
 * while both work, another starts in its place: the hub records exactly one
 * DeadlineMissed for the PSP deadline, on the case's stream, and the
 * operators' view of the case's deadlines shows it missed.
 */
describe('a missed PSP deadline, with two deadline watches and one killed', () => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startHub('deadlines', { deadlines: { DEADLINES_TICK_MS: '150' } }, { services: ['social-services', 'employment-centre', 'deadlines'] });
  }, 180_000);
  afterAll(() => hub?.stop());

  it('records DeadlineMissed once, whatever the watches do, and shows it to the case’s operators', async () => {
    const second = await hub.another('deadlines');
    const caseId = randomUUID();
    const personRef = `P-SSG-${caseId.slice(0, 8)}`;
    const opened = await post(`${hub.url('social-services')}/cases`, {
      caseId,
      ambito,
      personRef,
      legalBasis,
      householdRef: `H-${personRef}`,
      measure: 'ADI',
      referralDate: daysAgo(90),
      caseManager: 'op-sesto-017',
    });
    expect(opened.status).toBe(201);
    // The CPI took the referral in 75 days ago (entered at its desk): the PSP fell due 15 days ago.
    const receivedOn = daysAgo(75);
    const referral = await post(`${hub.url('employment-centre')}/referrals/${caseId}`, { assessmentEventId: randomUUID(), receivedOn });
    expect(referral.status).toBe(201);

    const missedOf = async () => (await globalLog(hub.db)).filter((e) => e.type === 'DeadlineMissed' && e.streamId === `case-${caseId}`);
    await waitFor(missedOf, (events) => events.length > 0, { what: 'the PSP deadline to be found missed', timeoutMs: 60_000 });
    // One watch dies mid-work; another takes its place; the survivor keeps ticking.
    await second.crash();
    const third = await hub.another('deadlines');
    const ticks = async (url: string) => ((await (await fetch(`${url}/health`)).json()) as { watch: { ticks: number } }).watch.ticks;
    const from = await ticks(third.url);
    await waitFor(() => ticks(third.url), (n) => n >= from + 10, { what: 'the new watch to tick ten times' });
    await waitFor(() => ticks(hub.url('deadlines')), (n) => n >= 10, { what: 'the first watch to tick' });

    const missed = await missedOf();
    expect(missed).toHaveLength(1);
    expect(missed[0]!.data).toMatchObject({ rule: 'service-pact', awaited: ['ServicePactSigned'], openedBy: { type: 'EmploymentReferralReceived' } });
    expect(missed[0]!.metadata['source']).toBe('/agencies/social-services/deadline-watch');

    const view = await get(`${hub.url('deadlines')}/deadlines?caseId=${caseId}`, await hub.as('ss-sesto', { operator: 'op-e2e' }));
    expect(view.status).toBe(200);
    const deadlines = (view.body as { deadlines: { rule: string; status: string; missed?: { eventId: string } }[] }).deadlines;
    expect(deadlines.find((d) => d.rule === 'service-pact')).toMatchObject({ status: 'missed', missed: { eventId: missed[0]!.id } });

    // An agency may not declare a deadline missed itself: it is the hub's own record.
    const forged = await post(`${hub.url('social-services')}/cases/${caseId}/deadline-missed`, missed[0]!.data);
    expect(forged.status).toBe(404);
  }, 240_000);
});
