/**
 * Two rules the command routes kept and POST /events did not (issue 11's
 * honest limits): a third-sector partner records deliveries only as their
 * provider, and an enrolment is refused in an operation already closed.
 * Each is attacked as one event (its own problem) and in a batch with valid
 * events, which are still stored.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { demoClients } from '@traiettorie/access';
import { caseStreamOf, sourceOf, type EventType, type HubEvent } from '@traiettorie/contracts';
import { toNewEvent } from '@traiettorie/command-handling';
import { sampleEvent } from '@traiettorie/testing';
import { randomUUID } from 'node:crypto';
import { sourceOfClient, startEventsHub, type EventsHub } from '../events.fixture.js';

const SESTO = sourceOfClient('ss-sesto');
const PARTNER = sourceOfClient('ets-sesto');
const OFFICE = sourceOfClient('prog-sesto');
/** The partner's own organisation: its registered agency id. */
const OWN_PROVIDER = demoClients.find((c) => c.clientId === 'ets-sesto')!.agencyId;
const OTHER_PROVIDER = 'cooperativa-sociale-altrove';
const BATCH = 'application/cloudevents-batch+json';

type Result = { index: number; id?: string; status: string; problem?: Record<string, unknown> };

describe('recording rules on POST /events', () => {
  let hub: EventsHub;
  beforeAll(async () => {
    hub = await startEventsHub('recording_rules');
  });
  afterAll(() => hub?.stop());

  async function postBatch(events: unknown[], clientId: string) {
    const response = await fetch(`${hub.url}/events`, { method: 'POST', headers: { 'content-type': BATCH, ...(await hub.as(clientId)) }, body: JSON.stringify(events) });
    const text = await response.text();
    return { status: response.status, text, body: JSON.parse(text) as { results: Result[]; accepted: number; refused: number } };
  }
  async function postOne(event: unknown, clientId: string) {
    const response = await fetch(`${hub.url}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/cloudevents+json', ...(await hub.as(clientId)) },
      body: JSON.stringify(event),
    });
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get('content-type'), text, body: JSON.parse(text) as Record<string, unknown> };
  }
  const outcomes = (results: Result[]) => results.map((r) => [r.status, r.problem?.['status'], r.problem?.['rule']]);
  async function openCase(): Promise<string> {
    const caseId = randomUUID();
    expect((await postBatch([{ ...sampleEvent('CaseOpened', { caseId }), source: SESTO }], 'ss-sesto')).body.accepted).toBe(1);
    return caseId;
  }
  const ofCase = <T extends EventType>(type: T, caseId: string, source: string, data: Record<string, unknown> = {}) =>
    ({ ...sampleEvent(type, { caseId, data: data as never }), source }) as HubEvent;
  /** The social services activated the examples' support on the case with the partner (its agreement the examples'), as their store holds it. */
  const activateSampleSupport = (caseId: string) => hub.store.appendToStream(caseStreamOf('social-services', caseId), [toNewEvent(ofCase('SupportActivated', caseId, SESTO))]);

  describe('a third-sector partner records deliveries only as their provider', () => {
    const storedTypes = async (caseId: string) => (await hub.store.readStream(caseStreamOf('third-sector', caseId))).map((e) => e.type);

    it('one ServiceDeliveryStarted naming another provider › 403 provider-not-yours, no personal data echoed, nothing stored', async () => {
      const caseId = await openCase();
      const posted = await postOne(ofCase('ServiceDeliveryStarted', caseId, PARTNER, { providerId: OTHER_PROVIDER }), 'ets-sesto');

      expect([posted.status, posted.contentType, posted.body['type'], posted.body['rule']]).toEqual([
        403,
        expect.stringMatching(/application\/problem\+json/),
        'urn:traiettorie:problem:forbidden',
        'provider-not-yours',
      ]);
      expect(posted.text).not.toContain('P-SSG-7f3a91');
      expect(posted.text).not.toContain('edu-lotta-09');
      expect(await storedTypes(caseId)).toEqual([]);
    });

    it('a batch mixing a delivery as another provider with the partner’s own › only the other provider’s is refused, the own ones are stored', async () => {
      const caseId = await openCase();
      await activateSampleSupport(caseId);
      const deliveryId = randomUUID();
      const batch = [
        ofCase('ServiceDeliveryStarted', caseId, PARTNER, { providerId: OTHER_PROVIDER, deliveryId: randomUUID() }),
        ofCase('ServiceDeliveryStarted', caseId, PARTNER, { providerId: OWN_PROVIDER, deliveryId }),
        ofCase('AttendanceRecorded', caseId, PARTNER, { deliveryId }),
        ofCase('ServiceDeliveryExpected', caseId, PARTNER, { providerId: OTHER_PROVIDER, supportId: randomUUID() }),
      ];
      const posted = await postBatch(batch, 'ets-sesto');

      expect(outcomes(posted.body.results)).toEqual([
        ['refused', 403, 'provider-not-yours'],
        ['accepted', undefined, undefined],
        ['accepted', undefined, undefined],
        ['refused', 403, 'provider-not-yours'],
      ]);
      expect(await storedTypes(caseId)).toEqual(['ServiceDeliveryStarted', 'AttendanceRecorded']);
    });

    it('attendance and exit on another provider’s delivery › each refused 403 provider-not-yours, the partner’s own delivery in the same batch stored', async () => {
      const caseId = await openCase();
      const theirs = randomUUID();
      // Another cooperative's delivery on the same case, as its own system recorded it.
      const started = ofCase('ServiceDeliveryStarted', caseId, sourceOf('third-sector', OTHER_PROVIDER), { providerId: OTHER_PROVIDER, deliveryId: theirs });
      await hub.store.appendToStream(caseStreamOf('third-sector', caseId), [toNewEvent(started)]);
      const ours = randomUUID();
      const batch = [
        ofCase('AttendanceRecorded', caseId, PARTNER, { deliveryId: theirs }),
        ofCase('ServiceDeliveryStarted', caseId, PARTNER, { providerId: OWN_PROVIDER, deliveryId: ours, supportId: undefined }),
        ofCase('ParticipantExitRecorded', caseId, PARTNER, { deliveryId: theirs }),
      ];
      const posted = await postBatch(batch, 'ets-sesto');

      expect(outcomes(posted.body.results)).toEqual([
        ['refused', 403, 'provider-not-yours'],
        ['accepted', undefined, undefined],
        ['refused', 403, 'provider-not-yours'],
      ]);
      expect(posted.text).not.toContain(OTHER_PROVIDER);
      expect(await storedTypes(caseId)).toEqual(['ServiceDeliveryStarted', 'ServiceDeliveryStarted']);
    });

    it('a delivery of another provider named in capitals, started again as the partner’s own and attended › the start 409, the attendance 403 provider-not-yours, nothing stored', async () => {
      const caseId = await openCase();
      const theirs = randomUUID();
      const started = ofCase('ServiceDeliveryStarted', caseId, sourceOf('third-sector', OTHER_PROVIDER), { providerId: OTHER_PROVIDER, deliveryId: theirs, supportId: undefined });
      await hub.store.appendToStream(caseStreamOf('third-sector', caseId), [toNewEvent(started)]);
      const batch = [
        ofCase('ServiceDeliveryStarted', caseId, PARTNER, { providerId: OWN_PROVIDER, deliveryId: theirs.toUpperCase(), supportId: undefined }),
        ofCase('AttendanceRecorded', caseId, PARTNER, { deliveryId: theirs.toUpperCase() }),
      ];
      const posted = await postBatch(batch, 'ets-sesto');

      expect(outcomes(posted.body.results)).toEqual([
        ['refused', 409, undefined],
        ['refused', 403, 'provider-not-yours'],
      ]);
      expect(await storedTypes(caseId)).toEqual(['ServiceDeliveryStarted']);
    });

    it('a partner expecting, as its own, a support the social services activated with another provider, before the hub did › 403 provider-not-yours naming neither, nothing stored; the provider’s expectation then recorded, the partner cannot start it; its own support it expects and starts', async () => {
      const caseId = await openCase();
      const [theirs, ours] = [randomUUID(), randomUUID()];
      // The social services activated both on the case (their pathway before it, a pact, is not this test's).
      await hub.store.appendToStream(caseStreamOf('social-services', caseId), [
        toNewEvent(ofCase('SupportActivated', caseId, SESTO, { supportId: theirs, provider: { kind: 'third-sector', providerId: OTHER_PROVIDER } })),
        toNewEvent(ofCase('SupportActivated', caseId, SESTO, { supportId: ours, provider: { kind: 'third-sector', providerId: OWN_PROVIDER } })),
      ]);

      // The partner read the case history: `theirs` is another cooperative's. It names itself as provider.
      const preempting = await postOne(ofCase('ServiceDeliveryExpected', caseId, PARTNER, { supportId: theirs, providerId: OWN_PROVIDER }), 'ets-sesto');
      expect([preempting.status, preempting.body['type'], preempting.body['rule']]).toEqual([403, 'urn:traiettorie:problem:forbidden', 'provider-not-yours']);
      expect(preempting.text).not.toContain(OTHER_PROVIDER);
      // A support the case does not have is not expected either.
      expect((await postOne(ofCase('ServiceDeliveryExpected', caseId, PARTNER, { supportId: randomUUID(), providerId: OWN_PROVIDER }), 'ets-sesto')).status).toBe(404);
      expect(await storedTypes(caseId)).toEqual([]);

      // The hub's policy on the SupportActivated expects it from its provider (as receive-support records it).
      const policy = ofCase('ServiceDeliveryExpected', caseId, PARTNER, { supportId: theirs, providerId: OTHER_PROVIDER });
      await hub.store.appendToStream(caseStreamOf('third-sector', caseId), [toNewEvent(policy)]);
      const ownDelivery = randomUUID();
      const posted = await postBatch(
        [
          ofCase('ServiceDeliveryStarted', caseId, PARTNER, { supportId: theirs, providerId: OWN_PROVIDER, deliveryId: randomUUID() }),
          ofCase('ServiceDeliveryExpected', caseId, PARTNER, { supportId: ours, providerId: OWN_PROVIDER }),
          ofCase('ServiceDeliveryStarted', caseId, PARTNER, { supportId: ours, providerId: OWN_PROVIDER, deliveryId: ownDelivery }),
        ],
        'ets-sesto',
      );

      expect(outcomes(posted.body.results)).toEqual([
        ['refused', 403, 'provider-not-yours'],
        ['accepted', undefined, undefined],
        ['accepted', undefined, undefined],
      ]);
      expect(posted.text).not.toContain(OTHER_PROVIDER);
      expect(await storedTypes(caseId)).toEqual(['ServiceDeliveryExpected', 'ServiceDeliveryExpected', 'ServiceDeliveryStarted']);
    });

    it('a partner starting, as its own delivery, a support the social services activated with another provider, not yet expected › 403 provider-not-yours naming neither, nothing stored; a support never activated 404; its own activated support, and a delivery answering no support, are started', async () => {
      const caseId = await openCase();
      const [theirs, ours] = [randomUUID(), randomUUID()];
      // The social services activated both on the case; the hub's policy has expected neither yet.
      await hub.store.appendToStream(caseStreamOf('social-services', caseId), [
        toNewEvent(ofCase('SupportActivated', caseId, SESTO, { supportId: theirs, provider: { kind: 'third-sector', providerId: OTHER_PROVIDER } })),
        toNewEvent(ofCase('SupportActivated', caseId, SESTO, { supportId: ours, provider: { kind: 'third-sector', providerId: OWN_PROVIDER } })),
      ]);

      // The partner read the case history: `theirs` is another cooperative's. It names itself as provider.
      const preempting = await postOne(ofCase('ServiceDeliveryStarted', caseId, PARTNER, { supportId: theirs, providerId: OWN_PROVIDER, deliveryId: randomUUID() }), 'ets-sesto');
      expect([preempting.status, preempting.body['type'], preempting.body['rule']]).toEqual([403, 'urn:traiettorie:problem:forbidden', 'provider-not-yours']);
      expect(preempting.text).not.toContain(OTHER_PROVIDER);
      expect(await storedTypes(caseId)).toEqual([]);

      const posted = await postBatch(
        [
          ofCase('ServiceDeliveryStarted', caseId, PARTNER, { supportId: randomUUID(), providerId: OWN_PROVIDER, deliveryId: randomUUID() }),
          ofCase('ServiceDeliveryStarted', caseId, PARTNER, { supportId: theirs, providerId: OWN_PROVIDER, deliveryId: randomUUID() }),
          ofCase('ServiceDeliveryStarted', caseId, PARTNER, { supportId: ours, providerId: OWN_PROVIDER, deliveryId: randomUUID() }),
          ofCase('ServiceDeliveryStarted', caseId, PARTNER, { supportId: undefined, providerId: OWN_PROVIDER, deliveryId: randomUUID() }),
        ],
        'ets-sesto',
      );

      expect(outcomes(posted.body.results)).toEqual([
        ['refused', 404, undefined],
        ['refused', 403, 'provider-not-yours'],
        ['accepted', undefined, undefined],
        ['accepted', undefined, undefined],
      ]);
      expect(posted.text).not.toContain(OTHER_PROVIDER);
      expect(await storedTypes(caseId)).toEqual(['ServiceDeliveryStarted', 'ServiceDeliveryStarted']);
    });

    it('third-sector events posted by another kind of client (the social services, the project office) › 403, never recorded', async () => {
      const caseId = await openCase();
      for (const [clientId, source] of [
        ['ss-sesto', SESTO],
        ['prog-sesto', OFFICE],
      ] as const) {
        const posted = await postBatch(
          [
            ofCase('ServiceDeliveryStarted', caseId, source, { providerId: OWN_PROVIDER, deliveryId: randomUUID() }),
            ofCase('ServiceDeliveryExpected', caseId, source, { providerId: OWN_PROVIDER, supportId: randomUUID() }),
          ],
          clientId,
        );
        expect(posted.body.results.map((r) => [r.status, r.problem?.['status']])).toEqual([
          ['refused', 403],
          ['refused', 403],
        ]);
      }
      expect(await storedTypes(caseId)).toEqual([]);
    });
  });

  describe('an enrolment is refused in an operation already closed', () => {
    const projectCode = `AV3-2016-LOM-${randomUUID().slice(0, 8)}`;
    const participation = async (caseId: string) => (await hub.store.readStream(caseStreamOf('programme', caseId))).map((e) => e.type);
    const enrolment = (caseId: string, code = projectCode) => ofCase('ParticipantEnrolledInOperation', caseId, OFFICE, { projectCode: code });

    beforeAll(async () => {
      const closed = { ...sampleEvent('OperationClosed', { data: { projectCode } }), source: OFFICE };
      const posted = await postBatch([closed], 'prog-sesto');
      expect(outcomes(posted.body.results)).toEqual([['accepted', undefined, undefined]]);
    });

    it('one ParticipantEnrolledInOperation in the closed operation › 409 naming the closure, nothing stored', async () => {
      const caseId = await openCase();
      const posted = await postOne(enrolment(caseId), 'prog-sesto');

      expect([posted.status, posted.body['type']]).toEqual([409, 'urn:traiettorie:problem:illegal-state']);
      expect(posted.body['detail']).toMatch(new RegExp(`operation ${projectCode} was closed on 2019-12-31: it enrols no one`));
      expect(posted.text).not.toContain('P-SSG-7f3a91');
      expect(await participation(caseId)).toEqual([]);
    });

    it('a batch mixing an enrolment in the closed operation with one in an open operation › only the first is refused, the other stored', async () => {
      const [closedCase, openCase2] = [await openCase(), await openCase()];
      const posted = await postBatch([enrolment(closedCase), enrolment(openCase2, `${projectCode}-BIS`)], 'prog-sesto');

      expect(outcomes(posted.body.results)).toEqual([
        ['refused', 409, undefined],
        ['accepted', undefined, undefined],
      ]);
      expect([await participation(closedCase), await participation(openCase2)]).toEqual([[], ['ParticipantEnrolledInOperation']]);
    });
  });
});
