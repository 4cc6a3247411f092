import { describe, expect, test } from '@jest/globals';
import { IllegalStateError, NotFoundError } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { caseId, didRegistered, identity, referralEventId, referred, servicePactData, servicePactSigned } from '../employment/employment.spec-fixtures.js';
import { signServicePactDecider, type SignServicePact } from './sign-service-pact.decider.js';

const spec = deciderSpecification(signServicePactDecider);
const signPsp = (data = servicePactData): SignServicePact => ({ type: 'SignServicePact', caseId, data });

describe('signing the Patto di servizio personalizzato (PSP)', () => {
  test('when the person was never referred › the PSP is refused as not found', () => {
    spec.given([]).when(signPsp()).thenThrows(NotFoundError, /never referred to the employment centre: a Patto di servizio personalizzato \(PSP\) cannot be recorded before the referral/);
  });

  test('when the DID is not registered yet › the PSP is refused', () => {
    spec.given([referred()]).when(signPsp()).thenThrows(IllegalStateError, /PSP of case .* cannot be signed before the DID is registered/);
  });

  test('after the DID › it records ServicePactSigned with the data given', () => {
    spec.given([referred(), didRegistered]).when(signPsp()).then([{ type: 'ServicePactSigned', data: servicePactData }]);
  });

  test('after the DID › the PSP carries the identity of the referral', () => {
    const { state } = spec.given([referred(), didRegistered]).when(signPsp());

    expect(signServicePactDecider.streamIdentity(state(), signPsp())).toEqual({ subject: caseId, ...identity });
  });

  test('when the PSP names this case’s referral › it is recorded', () => {
    const data = { ...servicePactData, referralEventId };

    spec.given([referred(), didRegistered]).when(signPsp(data)).then([{ type: 'ServicePactSigned', data }]);
  });

  test('when the PSP names another referral › it is refused, naming both', () => {
    spec
      .given([referred(), didRegistered])
      .when(signPsp({ ...servicePactData, referralEventId: '0b0f3c1a-9b0e-4a55-8d64-3c2b9b0b7e99' }))
      .thenThrows(IllegalStateError, /referralEventId 0b0f3c1a-9b0e-4a55-8d64-3c2b9b0b7e99 is not the referral of case .* \(a1a1a1a1-0000-4000-8000-000000000001\)/);
  });

  test('when a PSP is already signed › a second one is refused, naming the first', () => {
    spec
      .given([referred(), didRegistered, servicePactSigned])
      .when(signPsp({ ...servicePactData, servicePactId: '9c1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6' }))
      .thenThrows(IllegalStateError, /already has a signed PSP \(7b1d3f5a-9c2e-4e6a-8b0d-1f3a5c7e9b2d, signed on 2026-11-05\)/);
  });
});
