import { describe, test } from '@jest/globals';
import { IllegalStateError, NotFoundError, type EventData } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { caseId, consentId, consentRecorded, identity, past } from '../health-record/health-record.spec-fixtures.js';
import { withdrawConsentDecider, type WithdrawConsent } from './withdraw-consent.decider.js';

const spec = deciderSpecification(withdrawConsentDecider);

const withdraw = (data: Partial<EventData<'ConsentWithdrawn'>> = {}): WithdrawConsent => ({
  type: 'WithdrawConsent',
  caseId,
  identity,
  data: { consentId, withdrawnOn: '2027-01-15', ...data },
});
const withdrawn = (data: Partial<EventData<'ConsentWithdrawn'>> = {}) => past('ConsentWithdrawn', { consentId, withdrawnOn: '2027-01-15', ...data });

describe('withdrawing a consent', () => {
  test('when the consent is recorded › its withdrawal is recorded', () => {
    spec.given([consentRecorded()]).when(withdraw()).then([{ type: 'ConsentWithdrawn', data: { consentId, withdrawnOn: '2027-01-15' } }]);
  });

  test('when the consent is recorded › withdrawing some of its items is recorded', () => {
    spec
      .given([consentRecorded()])
      .when(withdraw({ scope: ['care-path-status'] }))
      .then([{ type: 'ConsentWithdrawn', data: { consentId, withdrawnOn: '2027-01-15', scope: ['care-path-status'] } }]);
  });

  test('when the consent was never recorded on the case › the withdrawal is refused', () => {
    spec.given([]).when(withdraw()).thenThrows(NotFoundError, /consent 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d was never recorded/);
  });

  test('when another consent was recorded on the case › withdrawing an unknown one is refused', () => {
    spec.given([consentRecorded()]).when(withdraw({ consentId: '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d' })).thenThrows(NotFoundError, /never recorded/);
  });

  test('when the consent is already withdrawn › withdrawing it again is refused', () => {
    spec.given([consentRecorded(), withdrawn()]).when(withdraw({ withdrawnOn: '2027-02-01' })).thenThrows(IllegalStateError, /already withdrawn/);
  });

  test('when every item was withdrawn one by one › withdrawing the consent again is refused', () => {
    spec
      .given([consentRecorded(), withdrawn({ scope: ['care-path-status'] }), withdrawn({ scope: ['service-category'] })])
      .when(withdraw())
      .thenThrows(IllegalStateError, /already withdrawn/);
  });

  test('when an item is already withdrawn › withdrawing the same item again is refused', () => {
    spec
      .given([consentRecorded(), withdrawn({ scope: ['care-path-status'] })])
      .when(withdraw({ scope: ['care-path-status'] }))
      .thenThrows(IllegalStateError, /already withdrawn for care-path-status/);
  });

  test('when an item is already withdrawn › withdrawing the rest of the consent is recorded', () => {
    spec
      .given([consentRecorded(), withdrawn({ scope: ['care-path-status'] })])
      .when(withdraw())
      .then([{ type: 'ConsentWithdrawn', data: { consentId, withdrawnOn: '2027-01-15' } }]);
  });

  test('when the withdrawal names an item the consent never covered › it is refused', () => {
    spec.given([consentRecorded()]).when(withdraw({ scope: ['activity-fitness'] })).thenThrows(IllegalStateError, /does not cover activity-fitness/);
  });

  test('when the withdrawal is dated before the consent was given › it is refused', () => {
    spec.given([consentRecorded()]).when(withdraw({ withdrawnOn: '2026-10-18' })).thenThrows(IllegalStateError, /before it was given \(2026-10-19\)/);
  });
});
