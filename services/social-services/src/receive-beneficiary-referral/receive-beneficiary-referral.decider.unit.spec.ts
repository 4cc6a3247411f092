import { describe, expect, test } from '@jest/globals';
import { beneficiaryReferralReceivedV1, IllegalStateError, NotFoundError } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { assessed, caseId, closed, firstAppointmentHeld, identity, opened, referralReceived, takenInCharge } from '../case/case.spec-fixtures.js';
import { receiveBeneficiaryReferralDecider, type ReceiveBeneficiaryReferral } from './receive-beneficiary-referral.decider.js';

const spec = deciderSpecification(receiveBeneficiaryReferralDecider);

const data = beneficiaryReferralReceivedV1.example;
const receiveReferral = (): ReceiveBeneficiaryReferral => ({ type: 'ReceiveBeneficiaryReferral', caseId, data });

describe('receiving the household’s referral from SIISL', () => {
  test('when the case does not exist › the referral is refused as not found', () => {
    spec.given([]).when(receiveReferral()).thenThrows(NotFoundError, /does not exist/);
  });

  test('when the case is open › it records BeneficiaryReferralReceived with its first-appointment deadline', () => {
    spec.given([opened()]).when(receiveReferral()).then([{ type: 'BeneficiaryReferralReceived', data }]);
  });

  test('the referral carries the identity the case was opened with', () => {
    const { state } = spec.given([opened()]).when(receiveReferral());

    expect(receiveBeneficiaryReferralDecider.streamIdentity(state(), receiveReferral())).toEqual({ subject: caseId, ...identity });
  });

  test('when a referral was already received › a second one is refused, naming when the first arrived', () => {
    spec
      .given([opened(), referralReceived({ receivedOn: '2026-09-16' })])
      .when(receiveReferral())
      .thenThrows(IllegalStateError, /already received on 2026-09-16/);
  });

  test('when the case is already taken in charge › a referral is out of order and refused', () => {
    spec.given([opened(), takenInCharge()]).when(receiveReferral()).thenThrows(IllegalStateError, /once the case is taken in charge or assessed/);
  });

  test('when the case is already assessed › a referral is refused', () => {
    spec.given([opened(), assessed()]).when(receiveReferral()).thenThrows(IllegalStateError, /once the case is taken in charge or assessed/);
  });

  test('when the case is closed › the referral is refused, naming when it closed', () => {
    spec.given([opened(), closed('2026-12-01')]).when(receiveReferral()).thenThrows(IllegalStateError, /was closed on 2026-12-01/);
  });

  test('when the first appointment was already held after a referral › the referral is not received twice', () => {
    spec.given([opened(), referralReceived(), firstAppointmentHeld()]).when(receiveReferral()).thenThrows(IllegalStateError, /already received/);
  });
});
