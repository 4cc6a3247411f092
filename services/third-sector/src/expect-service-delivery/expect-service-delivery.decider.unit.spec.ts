import { describe, expect, test } from '@jest/globals';
import { accessRules } from '@traiettorie/access';
import { ForbiddenError, IllegalStateError, NotFoundError, ValidationError } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { caseSupportsOf } from '../delivery/case-supports.js';
import { anotherPartner, caseId, envelopeIdentity, expectationData, expected, identity, provider, supportActivated } from '../delivery/delivery.spec-fixtures.js';
import { expectServiceDeliveryDecider, type ExpectServiceDelivery } from './expect-service-delivery.decider.js';

const spec = deciderSpecification(expectServiceDeliveryDecider);

/** The other support of the case, activated with the same cooperative. */
const otherSupportId = '3d5f7b9c-1e2a-4b4c-9d6e-8f0a2b3c4d5e';
/** The case's stream: the support the expectation answers (the fixtures' SupportActivated), and another one with the same cooperative. */
const activated = caseSupportsOf([supportActivated(), { ...supportActivated({ supportId: otherSupportId }), id: '1c1f4d2b-0c1f-4b66-9e75-4d3cac1c8f32' }]);

const expect_ = (overrides: Partial<ExpectServiceDelivery> = {}): ExpectServiceDelivery => ({
  type: 'ExpectServiceDelivery',
  caseId,
  identity,
  data: expectationData,
  supports: activated,
  ...overrides,
});

/** Partner coop-altra, recording as itself an expectation of the cooperative's support, as its own. */
const preemptive = (supports = activated) => expect_({ recordedBy: anotherPartner, data: { ...expectationData, providerId: 'coop-altra' }, supports });

describe('recording a support the partner is to deliver', () => {
  test('when the case has no delivery record › it is recorded, opening the record on the person the request names', () => {
    const when = spec.given([]).when(expect_());

    when.then([{ type: 'ServiceDeliveryExpected', data: expectationData }]);
    expect(expectServiceDeliveryDecider.streamIdentity(when.state(), expect_())).toEqual(envelopeIdentity);
  });

  test('when the partner that provides it records it › it is recorded', () => {
    spec.given([]).when(expect_({ recordedBy: provider })).then([{ type: 'ServiceDeliveryExpected', data: expectationData }]);
  });

  test('when a partner records a support expected from another provider › it is refused, provider-not-yours', () => {
    spec.given([]).when(expect_({ recordedBy: anotherPartner })).thenThrows(ForbiddenError, /recorded only by its provider/);
  });

  test('when the first event does not say whose case it is › it is refused', () => {
    const { identity: _none, ...command } = expect_();

    spec.given([]).when(command).thenThrows(ValidationError, /identity-on-first-event/);
  });

  test('when the same support is already expected › it is refused', () => {
    spec.given([expected()]).when(expect_()).thenThrows(IllegalStateError, /support 2c4e6a8b-0d1f-4a3b-8c5d-7e9f1a2b3c4d is already expected/);
  });

  test('when the same support is expected again, named in capitals › it is refused, as the same support', () => {
    spec.given([expected()]).when(expect_({ data: { ...expectationData, supportId: expectationData.supportId.toUpperCase() } })).thenThrows(IllegalStateError, /is already expected/);
  });

  test('when another support of the case is expected › this one is recorded too', () => {
    const other = { ...expectationData, supportId: otherSupportId, supportEventId: '1c1f4d2b-0c1f-4b66-9e75-4d3cac1c8f32' };

    spec.given([expected()]).when(expect_({ data: other })).then([{ type: 'ServiceDeliveryExpected', data: other }]);
  });

  test('when the request names another Ambito than the record’s › it is refused naming the field only', () => {
    spec
      .given([expected()])
      .when(expect_({ identity: { ...identity, ambito: 'LOM-SESTO-SAN-GIOVANNI' }, data: { ...expectationData, supportId: otherSupportId } }))
      .thenThrows(IllegalStateError, /^ambito not the one the delivery record of case [0-9a-f-]+ was opened with$/);
  });

  describe('it answers a support activated on the case, with its provider', () => {
    test('when another partner, as itself, expects the support activated with the cooperative before the hub did › it is refused, provider-not-yours, naming only itself', () => {
      const when = spec.given([]).when(preemptive());

      when.thenThrows(ForbiddenError, /^support 2c4e6a8b-0d1f-4a3b-8c5d-7e9f1a2b3c4d of case [0-9a-f-]+ was activated with another provider than coop-altra$/);
      expect(() => expectServiceDeliveryDecider.decide(preemptive(), when.state())).toThrow(expect.objectContaining({ rule: accessRules.providerNotYours }));
    });

    test('when the support is already expected from its provider and another partner expects it as its own › it is refused, provider-not-yours, telling nothing of the record', () => {
      spec.given([expected()]).when(preemptive()).thenThrows(ForbiddenError, /was activated with another provider than coop-altra$/);
    });

    test('when the case has no such support › it is refused, not found', () => {
      spec.given([]).when(expect_({ recordedBy: provider, supports: {} })).thenThrows(NotFoundError, /^support 2c4e6a8b-0d1f-4a3b-8c5d-7e9f1a2b3c4d was never activated on case [0-9a-f-]+$/);
    });

    test('when another partner expects a support the case does not have › it is refused, not found', () => {
      spec.given([]).when(preemptive({})).thenThrows(NotFoundError, /was never activated/);
    });

    test('when the support was activated with a public provider of the same id › it is refused, provider-not-yours', () => {
      const publicProvider = caseSupportsOf([supportActivated({ provider: { kind: 'public', providerId: expectationData.providerId } })]);

      spec.given([]).when(expect_({ recordedBy: provider, supports: publicProvider })).thenThrows(ForbiddenError, /another provider than coop-lotta-contro-emarginazione/);
    });

    test('when it names another agreement than the support’s › it is refused, naming neither', () => {
      spec
        .given([])
        .when(expect_({ recordedBy: provider, data: { ...expectationData, agreementRef: 'CONV-2024-01' } }))
        .thenThrows(IllegalStateError, /^agreementRef: support [0-9a-f-]+ of case [0-9a-f-]+ was activated under another agreement$/);
    });

    test('when the support is named in capitals › it is the same support, recorded', () => {
      const data = { ...expectationData, supportId: expectationData.supportId.toUpperCase() };

      spec.given([]).when(expect_({ recordedBy: provider, data })).then([{ type: 'ServiceDeliveryExpected', data }]);
    });

    test('when the support was activated anew with another provider › the latest activation holds', () => {
      const reassigned = caseSupportsOf([supportActivated(), { ...supportActivated({ provider: { kind: 'third-sector', providerId: 'coop-altra' } }), id: '5d1f4d2b-0c1f-4b66-9e75-4d3cac1c8f32' }]);

      spec.given([]).when(preemptive(reassigned)).then([{ type: 'ServiceDeliveryExpected', data: { ...expectationData, providerId: 'coop-altra' } }]);
    });
  });
});
