import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { derivedEventId, toNewEvent } from '@traiettorie/command-handling';
import { serviceDeliveryStartedV1 } from '@traiettorie/contracts';
import { sampleEvent, waitFor } from '@traiettorie/testing';
import { hubStore, post, startHub, type Hub } from './hub.js';

const person = { ambito: 'LOM-SESTO-SAN-GIOVANNI', personRef: 'P-SSG-7f3a91' };

/** The third sector's policy over Kafka: a support activated with a partner becomes the partner's expected delivery. */
describe('a support activated with a third-sector partner, across the relay and Kafka', () => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startHub('third-sector', {}, { services: ['social-services', 'third-sector'] });
  });
  afterAll(() => hub?.stop());

  it('is expected on the case’s delivery record once, and the partner’s delivery answers it', async () => {
    const opened = await post(`${hub.url('social-services')}/cases`, { ...person, householdRef: 'H-SSG-2026-0091', measure: 'ADI', referralDate: '2026-10-02', caseManager: 'op-sesto-017' });
    expect(opened.status).toBe(201);
    const caseId = opened.body['caseId'] as string;
    // The social services' SupportActivated, appended as their service would (no route of theirs records it on this branch yet).
    const store = hubStore(hub.db);
    const support = { ...sampleEvent('SupportActivated', { caseId, agencyId: 'ambito-sesto-san-giovanni' }), ambito: person.ambito, personref: person.personRef };
    await store.appendToStream(`case-${caseId}`, [toNewEvent(support)], { expectedVersion: 1 });

    const expected = await waitFor(
      () => store.readStream(`delivery-${caseId}`),
      (events) => events.length > 0,
      { what: 'the partner to record the expected delivery', timeoutMs: 60_000 },
    );
    expect(expected.map((e) => [e.id, e.type])).toEqual([[derivedEventId(support.id, 'ServiceDeliveryExpected'), 'ServiceDeliveryExpected']]);
    expect(expected[0]?.metadata).toMatchObject({ subject: caseId, ambito: person.ambito, personref: person.personRef, source: expect.stringMatching(/^\/agencies\/third-sector\//) });

    const deliveries = `${hub.url('third-sector')}/cases/${caseId}/deliveries`;
    expect(await post(deliveries, { ...serviceDeliveryStartedV1.example, supportId: support.data.supportId })).toMatchObject({ status: 201, body: { version: 2 } });
    expect(await post(deliveries, { ...serviceDeliveryStartedV1.example, deliveryId: '7f9b1d3f-5a7c-4e9a-b2d4-6f8a0b2c4d6e', supportId: support.data.supportId })).toMatchObject({
      status: 409,
      body: { detail: expect.stringMatching(/already delivered by delivery/) },
    });
  });
});
