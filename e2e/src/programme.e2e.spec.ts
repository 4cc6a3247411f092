import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { definitionOf } from '@traiettorie/contracts';
import { randomUUID } from 'node:crypto';
import { get, post, startHub, type Hub } from './hub.js';
import { ambito, legalBasis, pathwayOnce } from './pathway-steps.js';

const example = (type: string, overrides: Record<string, unknown> = {}) => ({ ...(definitionOf(type).example as Record<string, unknown>), ...overrides });

/**
 * Journey (e) of issue 11: the Ambito's project office enrols the person of
 * a case in a funded operation (ESF+ entry data), records that they left it,
 * their situation upon leaving twice within the four weeks (the last one is
 * what ESF+ counts) and the six-month follow-up; leaving a third-sector
 * service is another fact, at another agency, and ends no participation.
 */
describe('a funded operation’s participant, enrolled, leaving and followed up at six months', () => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startHub('programme', {}, { services: ['social-services', 'third-sector', 'programme', 'read-models'] });
  }, 180_000);
  afterAll(() => hub?.stop());

  it('records each step once, counts the last situation within four weeks, and refuses a follow-up before six months', async () => {
    const caseId = randomUUID();
    const personRef = `P-SSG-${caseId.slice(0, 8)}`;
    const programme = (route: string) => `${hub.url('programme')}/participations/${caseId}${route}`;
    expect((await post(`${hub.url('social-services')}/cases`, { caseId, ambito, personRef, legalBasis, ...example('CaseOpened', { householdRef: `H-${personRef}` }) })).status).toBe(201);

    expect((await post(programme('/enrolment'), { ambito, personRef, legalBasis, ...example('ParticipantEnrolledInOperation') })).status).toBe(201);
    // A third-sector service the person leaves is not the funded operation: the participation goes on.
    const partner = `${hub.url('third-sector')}/cases/${caseId}`;
    const deliveryId = randomUUID();
    expect((await post(`${partner}/deliveries`, { ambito, personRef, legalBasis, ...example('ServiceDeliveryStarted', { deliveryId, supportId: undefined }) })).status).toBe(201);
    expect((await post(`${partner}/exits`, example('ParticipantExitRecorded', { deliveryId }))).status).toBe(201);
    expect(((await get(programme(''), await hub.as('prog-sesto', { operator: 'op-e2e' }))).body as { status: string }).status).toBe('enrolled');

    // Too early: six months after leaving have not passed (follow-up before the exit is refused too).
    const early = await post(programme('/six-month-follow-up'), example('SixMonthFollowUpRecorded'));
    expect(early.status).toBe(409);

    expect((await post(programme('/exit'), example('ParticipantLeftOperation'))).status).toBe(201);
    expect((await post(programme('/situation-upon-leaving'), example('SituationUponLeaving', { assessedOn: '2019-07-01', situation: ['job-searching'] }))).status).toBe(201);
    expect((await post(programme('/situation-upon-leaving'), example('SituationUponLeaving', { assessedOn: '2019-07-20', situation: ['employed'] }))).status).toBe(201);
    // Beyond the four weeks after leaving: refused, and the counted situation stays the last one within them.
    const late = await post(programme('/situation-upon-leaving'), example('SituationUponLeaving', { assessedOn: '2019-08-30', situation: ['none'] }));
    expect(late.status).toBe(422);
    const tooSoon = await post(programme('/six-month-follow-up'), example('SixMonthFollowUpRecorded', { followUpOn: '2019-10-01' }));
    expect([409, 422]).toContain(tooSoon.status);
    expect((await post(programme('/six-month-follow-up'), example('SixMonthFollowUpRecorded'))).status).toBe(201);
    expect((await post(programme('/six-month-follow-up'), example('SixMonthFollowUpRecorded'))).status).toBe(409);

    const participation = await get(programme(''), await hub.as('prog-sesto', { operator: 'op-e2e' }));
    expect(participation.status).toBe(200);
    expect(participation.body).toMatchObject({
      caseId,
      status: 'left',
      exit: { leftOn: '2019-06-28', reason: 'completed' },
      countedSituation: { assessedOn: '2019-07-20', situation: ['employed'] },
      followUp: { followUpOn: '2020-01-15', situation: 'employed' },
    });
    expect((participation.body as { situationsUponLeaving: unknown[] }).situationsUponLeaving).toHaveLength(2);

    const pathway = await pathwayOnce(hub, caseId, 'SixMonthFollowUpRecorded');
    expect(pathway).toMatchObject({
      agencies: ['programme', 'social-services', 'third-sector'],
      milestones: expect.objectContaining({
        ParticipantExitRecorded: { count: 1, first: '2027-06-30', last: '2027-06-30' },
        ParticipantLeftOperation: { count: 1, first: '2019-06-28', last: '2019-06-28' },
        SituationUponLeaving: { count: 2, first: '2019-07-01', last: '2019-07-20' },
      }),
    });
  }, 240_000);
});
