import { describe, expect, test } from '@jest/globals';
import { IllegalStateError } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { caseId, identity, referralData, referred } from '../employment/employment.spec-fixtures.js';
import { recordReferralDecider, type RecordReferral } from './record-referral.decider.js';

const spec = deciderSpecification(recordReferralDecider);
const record = (data = referralData): RecordReferral => ({ type: 'RecordReferral', caseId, identity, data });

describe('recording a referral by hand', () => {
  test('when the person was never referred › it records EmploymentReferralReceived, on a stream of the case’s identity', () => {
    const { then, state } = spec.given([]).when(record());

    then([{ type: 'EmploymentReferralReceived', data: referralData }]);
    expect(recordReferralDecider.streamIdentity(state(), record())).toEqual({ subject: caseId, ...identity });
  });

  test('when the PSP is not due 60 days after the referral › it is refused, naming the right day', () => {
    spec
      .given([])
      .when(record({ ...referralData, servicePactDueBy: '2027-01-31' }))
      .thenThrows(IllegalStateError, /servicePactDueBy must be 60 days after receivedOn 2026-10-21: 2026-12-20/);
  });

  test('when the person is already referred › a second referral is refused', () => {
    spec.given([referred()]).when(record()).thenThrows(IllegalStateError, /already referred to the employment centre \(received on 2026-10-21\)/);
  });
});
