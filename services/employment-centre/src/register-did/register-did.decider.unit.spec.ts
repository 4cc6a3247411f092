import { describe, expect, test } from '@jest/globals';
import { IllegalStateError, NotFoundError } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { caseId, didData, didRegistered, identity, referred } from '../employment/employment.spec-fixtures.js';
import { registerDidDecider, type RegisterDid } from './register-did.decider.js';

const spec = deciderSpecification(registerDidDecider);
const registerDid = (): RegisterDid => ({ type: 'RegisterDid', caseId, data: didData });

describe('registering the DID', () => {
  test('when the person was never referred to the CPI › the DID is refused as not found', () => {
    spec.given([]).when(registerDid()).thenThrows(NotFoundError, /never referred to the employment centre: a DID cannot be recorded before the referral/);
  });

  test('when the person is referred › it records DIDRegistered with the data given', () => {
    spec.given([referred()]).when(registerDid()).then([{ type: 'DIDRegistered', data: didData }]);
  });

  test('when the person is referred › the DID carries the identity of the referral', () => {
    const { state } = spec.given([referred()]).when(registerDid());

    expect(registerDidDecider.streamIdentity(state(), registerDid())).toEqual({ subject: caseId, ...identity });
  });

  test('when the DID is already registered › a second one is refused, naming the day of the first', () => {
    spec.given([referred(), didRegistered]).when(registerDid()).thenThrows(IllegalStateError, /DID of case .* is already registered \(on 2026-10-23\)/);
  });
});
