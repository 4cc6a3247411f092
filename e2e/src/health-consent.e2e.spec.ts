import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { consentRecordedV1 } from '@traiettorie/contracts';
import { get, hubStore, post, startHub, type Hub } from './hub.js';

const person = { ambito: 'LOM-SESTO-SAN-GIOVANNI', personRef: 'P-SSG-5c2e80' };
const { consentId } = consentRecordedV1.example;

/** Journeys (b) and (c) of issue 11: a CPS involvement under consent, then consent withdrawn; a SerD anonymous involvement. Door on, services as processes. */
describe('the health services with the social services', () => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startHub('health', {}, { services: ['social-services', 'health-services'] });
  });
  afterAll(() => hub?.stop());

  /** The case's whole history as the social services' operator reads it (GET /cases/{caseId}/events). */
  async function involvementAsTheSocialServicesSee(caseId: string) {
    const { status, body } = await get(`${hub.url('social-services')}/cases/${caseId}/events`);
    expect(status).toBe(200);
    return (body as { type: string; data: Record<string, unknown>; redacted?: string[] }[]).find((e) => e.type === 'SpecialistServiceInvolved');
  }

  it('(b) the social services see which service is involved while the consent holds, and no longer once it is withdrawn', async () => {
    const opened = await post(`${hub.url('social-services')}/cases`, { ...person, householdRef: 'H-SSG-2026-0077', measure: 'ADI', referralDate: '2026-10-02', caseManager: 'op-sesto-017' });
    expect(opened.status).toBe(201);
    const caseId = opened.body['caseId'] as string;
    const health = `${hub.url('health-services')}/cases/${caseId}`;

    expect((await post(`${health}/consents`, { ...person, ...consentRecordedV1.example })).status).toBe(201);
    expect((await post(`${health}/specialist-involvements`, { involvedOn: '2026-10-20', involvement: 'joins-eemm', serviceCategory: 'mental-health', consentId })).status).toBe(201);
    expect((await post(`${health}/care-path-status`, { changedOn: '2026-11-09', status: 'active', exemptFromActivation: false, consentId })).status).toBe(201);

    expect(await involvementAsTheSocialServicesSee(caseId)).toMatchObject({ data: { serviceCategory: 'mental-health' } });

    const withdrawn = await post(`${health}/consent-withdrawals`, { consentId, withdrawnOn: '2026-11-10' });
    expect(withdrawn).toMatchObject({ status: 201, body: { version: 4, events: [{ type: 'ConsentWithdrawn' }] } });

    const after = await involvementAsTheSocialServicesSee(caseId);
    expect(after?.data['serviceCategory']).toEqual({ redacted: true, reason: 'consent-withdrawn' });
    expect(after?.redacted).toContain('$.serviceCategory');
    expect((await post(`${health}/consent-withdrawals`, { consentId, withdrawnOn: '2026-11-11' })).status).toBe(409);
  });

  it('(c) a SerD anonymous involvement is stored linked to no one and appears in no case history', async () => {
    const recorded = await post(`${hub.url('health-services')}/anonymous-involvements`, { ambito: person.ambito, involvedOn: '2026-10-20', serviceCategory: 'addictions' });
    expect(recorded.status).toBe(201);
    const anonymousId = recorded.body['anonymousId'] as string;

    const stored = await hubStore(hub.db).readStream(`health-anon-${anonymousId}`);
    expect(stored.map((e) => [e.type, e.metadata['subject'], e.metadata['personref']])).toEqual([['SpecialistServiceInvolved', anonymousId, `anon:${anonymousId}`]]);
    // Its id is no case: the social services find nothing under it.
    expect((await get(`${hub.url('social-services')}/cases/${anonymousId}/events`)).status).toBe(404);
  });
});
