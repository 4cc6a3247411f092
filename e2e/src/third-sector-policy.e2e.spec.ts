import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { derivedEventId } from '@traiettorie/command-handling';
import { serviceDeliveryStartedV1, supportActivatedV2 } from '@traiettorie/contracts';
import { waitFor } from '@traiettorie/testing';
import { hubStore, post, startHub, type Hub } from './hub.js';

const person = { ambito: 'LOM-SESTO-SAN-GIOVANNI', personRef: 'P-SSG-7f3a91' };
const assessment = {
  assessmentKind: 'multidimensional',
  completedOn: '2026-10-20',
  dimensionScores: { family: 3, housing: 1 },
  referrals: ['third-sector'],
  documentRef: 'protocollo/2026/000913',
};
const pact = {
  signedOn: '2026-11-03',
  boundMembers: ['P-SSG-7f3a91'],
  objectives: [{ code: 'FAM-1', description: 'Support the family at home' }],
  supports: ['educativa-domiciliare'],
  reviewDates: ['2027-02-01'],
  commitments: [{ memberRef: 'P-SSG-7f3a91', objectiveCode: 'FAM-1', description: 'Meet the educator every week' }],
};
/** The social services' support: educativa domiciliare with the cooperative, under its coprogettazione (the contract's example). */
const support = { ...supportActivatedV2.example, beneficiaries: ['P-SSG-7f3a91'] };

/** The third sector's policy over Kafka: a support activated with a partner becomes the partner's expected delivery. */
describe('a support the social services activate with a third-sector partner, across the relay and Kafka', () => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startHub('third-sector', {}, { services: ['social-services', 'third-sector'] });
  });
  afterAll(() => hub?.stop());

  it('is expected on the case’s delivery record once, and the partner’s delivery answers it', async () => {
    const opened = await post(`${hub.url('social-services')}/cases`, { ...person, householdRef: 'H-SSG-2026-0091', measure: 'ADI', referralDate: '2026-10-02', caseManager: 'op-sesto-017' });
    expect(opened.status).toBe(201);
    const caseId = opened.body['caseId'] as string;
    const social = `${hub.url('social-services')}/cases/${caseId}`;
    expect((await post(`${social}/assessment`, assessment)).status).toBe(201);
    expect((await post(`${social}/pact`, pact)).status).toBe(201);
    const activated = await post(`${social}/supports`, support);
    expect(activated.status).toBe(201);
    const supportEventId = (activated.body['events'] as { id: string }[])[0]!.id;
    const store = hubStore(hub.db);

    const expected = await waitFor(
      () => store.readStream(`delivery-${caseId}`),
      (events) => events.length > 0,
      { what: 'the partner to record the expected delivery', timeoutMs: 60_000 },
    );
    expect(expected.map((e) => [e.id, e.type])).toEqual([[derivedEventId(supportEventId, 'ServiceDeliveryExpected'), 'ServiceDeliveryExpected']]);
    expect(expected[0]?.metadata).toMatchObject({ subject: caseId, ambito: person.ambito, personref: person.personRef, source: expect.stringMatching(/^\/agencies\/third-sector\//) });

    const deliveries = `${hub.url('third-sector')}/cases/${caseId}/deliveries`;
    expect(await post(deliveries, { ...serviceDeliveryStartedV1.example, supportId: support.supportId })).toMatchObject({ status: 201, body: { version: 2 } });
    expect(await post(deliveries, { ...serviceDeliveryStartedV1.example, deliveryId: '7f9b1d3f-5a7c-4e9a-b2d4-6f8a0b2c4d6e', supportId: support.supportId })).toMatchObject({
      status: 409,
      body: { detail: expect.stringMatching(/already delivered by delivery/) },
    });
  });
});
