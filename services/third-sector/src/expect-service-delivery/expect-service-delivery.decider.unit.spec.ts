import { describe, expect, test } from '@jest/globals';
import { ForbiddenError, IllegalStateError, ValidationError } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { anotherPartner, caseId, envelopeIdentity, expectationData, expected, identity, provider } from '../delivery/delivery.spec-fixtures.js';
import { expectServiceDeliveryDecider, type ExpectServiceDelivery } from './expect-service-delivery.decider.js';

const spec = deciderSpecification(expectServiceDeliveryDecider);

const expect_ = (overrides: Partial<ExpectServiceDelivery> = {}): ExpectServiceDelivery => ({
  type: 'ExpectServiceDelivery',
  caseId,
  identity,
  data: expectationData,
  ...overrides,
});

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
    const other = { ...expectationData, supportId: '3d5f7b9c-1e2a-4b4c-9d6e-8f0a2b3c4d5e', supportEventId: '1c1f4d2b-0c1f-4b66-9e75-4d3cac1c8f32' };

    spec.given([expected()]).when(expect_({ data: other })).then([{ type: 'ServiceDeliveryExpected', data: other }]);
  });

  test('when the request names another Ambito than the record’s › it is refused naming the field only', () => {
    spec
      .given([expected()])
      .when(expect_({ identity: { ...identity, ambito: 'LOM-SESTO-SAN-GIOVANNI' }, data: { ...expectationData, supportId: '3d5f7b9c-1e2a-4b4c-9d6e-8f0a2b3c4d5e' } }))
      .thenThrows(IllegalStateError, /^ambito not the one the delivery record of case [0-9a-f-]+ was opened with$/);
  });
});
