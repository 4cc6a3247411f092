import { describe, expect, test } from '@jest/globals';
import { accessRules } from '@traiettorie/access';
import { ForbiddenError, IllegalStateError, NotFoundError, ValidationError, type EventData } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { caseSupportsOf, type CaseSupports } from '../delivery/case-supports.js';
import { anotherPartner, caseId, envelopeIdentity, expected, expectationData, identity, past, provider, started, startedData, supportActivated } from '../delivery/delivery.spec-fixtures.js';
import { startServiceDeliveryDecider, type StartServiceDelivery } from './start-service-delivery.decider.js';

const spec = deciderSpecification(startServiceDeliveryDecider);

/** The case's stream: the support the delivery answers (the fixtures' SupportActivated), activated with the cooperative. */
const activated = caseSupportsOf([supportActivated()]);

const start = (data: Partial<EventData<'ServiceDeliveryStarted'>> = {}, withIdentity = true, recordedBy = provider, supports: CaseSupports = activated): StartServiceDelivery => ({
  type: 'StartServiceDelivery',
  caseId,
  ...(withIdentity ? { identity } : {}),
  data: { ...startedData, ...data },
  supports,
  recordedBy,
});
const anotherDelivery = '7f9b1d3f-5a7c-4e9a-b2d4-6f8a0b2c4d6e';

describe('starting a service delivery', () => {
  test('when the support it answers is expected › the delivery is recorded, and the expectation is linked to it', () => {
    const when = spec.given([expected()]).when(start({}, false));

    when.then([{ type: 'ServiceDeliveryStarted', data: startedData }]);
    const after = startServiceDeliveryDecider.evolve(when.state(), started());
    expect(after).toMatchObject({ expected: { [startedData.supportId!]: { deliveryId: startedData.deliveryId } }, deliveries: { [startedData.deliveryId]: { supportId: startedData.supportId } } });
  });

  test('when nothing was expected on the case › the delivery is recorded, opening the record on the person named', () => {
    const when = spec.given([]).when(start({ supportId: undefined }));

    when.then([{ type: 'ServiceDeliveryStarted', data: { ...startedData, supportId: undefined } }]);
    expect(startServiceDeliveryDecider.streamIdentity(when.state(), start({ supportId: undefined }))).toEqual(envelopeIdentity);
  });

  test('when it names a support activated with its provider but not yet expected › the delivery is recorded, unlinked', () => {
    spec.given([]).when(start()).then([{ type: 'ServiceDeliveryStarted', data: startedData }]);
  });

  test('when it names no support, on a case that activated none › the delivery is recorded, answering no support', () => {
    spec.given([]).when(start({ supportId: undefined }, true, provider, {})).then([{ type: 'ServiceDeliveryStarted', data: { ...startedData, supportId: undefined } }]);
  });

  describe('a support not yet expected answers one activated on the case, with its provider', () => {
    /** Partner coop-altra starting, as itself, the cooperative's support as its own delivery before the hub's policy expected it. */
    const preemptive = (supports: CaseSupports = activated) => start({ providerId: 'coop-altra' }, true, anotherPartner, supports);

    test('when another partner, as itself, starts the support activated with the cooperative › it is refused, provider-not-yours, naming neither provider', () => {
      const when = spec.given([]).when(preemptive());

      when.thenThrows(ForbiddenError, /^support 2c4e6a8b-0d1f-4a3b-8c5d-7e9f1a2b3c4d of case [0-9a-f-]+ was activated with another provider than coop-altra$/);
      expect(() => startServiceDeliveryDecider.decide(preemptive(), when.state())).toThrow(expect.objectContaining({ rule: accessRules.providerNotYours }));
    });

    test('when another support of the case is expected and another partner starts the cooperative’s › it is refused, provider-not-yours', () => {
      const otherExpected = past('ServiceDeliveryExpected', { ...expectationData, supportId: '3d5f7b9c-1e2a-4b4c-9d6e-8f0a2b3c4d5e' });

      spec.given([otherExpected]).when(preemptive()).thenThrows(ForbiddenError, /was activated with another provider than coop-altra$/);
    });

    test('when the case never activated the support › it is refused, not found', () => {
      spec.given([]).when(start({}, true, provider, {})).thenThrows(NotFoundError, /^support 2c4e6a8b-0d1f-4a3b-8c5d-7e9f1a2b3c4d was never activated on case [0-9a-f-]+$/);
    });

    test('when it names another agreement than the support’s › it is refused, naming neither', () => {
      spec
        .given([])
        .when(start({ agreementRef: 'CONV-2024-01' }))
        .thenThrows(IllegalStateError, /^agreementRef: support [0-9a-f-]+ of case [0-9a-f-]+ was activated under another agreement$/);
    });

    test('when the support is expected › the expectation decides, not the case’s stream read before', () => {
      spec.given([expected()]).when(start({}, false, provider, {})).then([{ type: 'ServiceDeliveryStarted', data: startedData }]);
    });
  });

  test('when it opens the record without saying whose case it is › it is refused', () => {
    spec.given([]).when(start({}, false)).thenThrows(ValidationError, /identity-on-first-event/);
  });

  test('when the same delivery already started › it is refused', () => {
    spec.given([expected(), started()]).when(start()).thenThrows(IllegalStateError, /delivery 6e8a0c2e-4f6b-4d8f-a1c3-5e7a9c1e3f5b has already started/);
  });

  test('when the expected support is already delivered by another delivery › it is refused', () => {
    spec.given([expected(), started()]).when(start({ deliveryId: anotherDelivery })).thenThrows(IllegalStateError, /already delivered by delivery 6e8a0c2e/);
  });

  test('when another provider, as itself, starts the expected support › it is refused, provider-not-yours, naming neither provider', () => {
    const when = spec.given([expected()]).when(start({ providerId: 'coop-altra' }, true, anotherPartner));

    when.thenThrows(ForbiddenError, /^support 2c4e6a8b-0d1f-4a3b-8c5d-7e9f1a2b3c4d is expected from another provider$/);
    expect(() => startServiceDeliveryDecider.decide(start({ providerId: 'coop-altra' }, true, anotherPartner), when.state())).toThrow(
      expect.objectContaining({ rule: accessRules.providerNotYours }),
    );
  });

  test('when another provider, as itself, starts the expected support already delivered › it is refused, provider-not-yours, telling nothing of the delivery', () => {
    spec.given([expected(), started()]).when(start({ providerId: 'coop-altra', deliveryId: anotherDelivery }, true, anotherPartner)).thenThrows(ForbiddenError, /^support [0-9a-f-]+ is expected from another provider$/);
  });

  test('when a partner names another provider than itself › it is refused, provider-not-yours', () => {
    spec.given([]).when(start({ providerId: 'coop-altra' })).thenThrows(ForbiddenError, /recorded only by its provider/);
    expect(() => startServiceDeliveryDecider.decide(start({ providerId: 'coop-altra' }), startServiceDeliveryDecider.initialState())).toThrow(
      expect.objectContaining({ rule: accessRules.providerNotYours }),
    );
  });

  test('when a partner starts, as itself, the support expected from another provider › it is refused, provider-not-yours, before anything of the expectation is told', () => {
    spec.given([expected()]).when(start({}, true, anotherPartner)).thenThrows(ForbiddenError, /recorded only by its provider, and \/agencies\/third-sector\/coop-altra is not it/);
  });

  test('when it names another agreement than the support’s › it is refused', () => {
    spec.given([expected()]).when(start({ agreementRef: 'CONV-2024-01' })).thenThrows(IllegalStateError, /expected under agreement COPROG-SSG-2025-03, not CONV-2024-01/);
  });

  // A UUID is the same whatever the case of its hex digits (the contract accepts both): a variant is no new id.
  test('when the delivery already started is named again in capitals › it is refused, as the same delivery', () => {
    spec.given([expected(), started()]).when(start({ deliveryId: startedData.deliveryId.toUpperCase(), supportId: undefined })).thenThrows(IllegalStateError, /has already started/);
  });

  test('when another provider, as itself, answers the expected support naming it in capitals › it is refused, as for the support itself', () => {
    spec
      .given([expected()])
      .when(start({ providerId: 'coop-altra', supportId: startedData.supportId!.toUpperCase() }, true, anotherPartner))
      .thenThrows(ForbiddenError, /is expected from another provider$/);
  });

  test('when the expected support, named in capitals, is already delivered › it is refused', () => {
    spec.given([expected(), started()]).when(start({ deliveryId: anotherDelivery, supportId: startedData.supportId!.toUpperCase() })).thenThrows(IllegalStateError, /already delivered/);
  });
});
