import { describe, expect, test } from '@jest/globals';
import { IllegalStateError, ValidationError } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { caseId, consentData, consentRecorded, envelopeIdentity, identity, past } from '../health-record/health-record.spec-fixtures.js';
import { recordConsentDecider, type RecordConsent } from './record-consent.decider.js';

const spec = deciderSpecification(recordConsentDecider);

const recordConsent = (overrides: Partial<RecordConsent> = {}): RecordConsent => ({ type: 'RecordConsent', caseId, identity, data: consentData, ...overrides });

describe('recording a consent', () => {
  test("when it is the first event of the case's health record › it records ConsentRecorded on the person the request names", () => {
    const when = spec.given([]).when(recordConsent());

    when.then([{ type: 'ConsentRecorded', data: consentData }]);
    expect(recordConsentDecider.streamIdentity(when.state(), recordConsent())).toEqual(envelopeIdentity);
  });

  test('when the first event does not say whose case it is › it is refused naming the identity rule', () => {
    const { identity: _none, ...anonymousRequest } = recordConsent();

    spec.given([]).when(anonymousRequest).thenThrows(ValidationError, /identity-on-first-event/);
  });

  test('when the record exists › the identity may be left out, and the record’s own is kept', () => {
    const { identity: _none, ...withoutIdentity } = recordConsent({ data: { ...consentData, consentId: '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d' } });
    const when = spec.given([consentRecorded()]).when(withoutIdentity);

    when.then([{ type: 'ConsentRecorded', data: withoutIdentity.data }]);
    expect(recordConsentDecider.streamIdentity(when.state(), withoutIdentity)).toEqual(envelopeIdentity);
  });

  test("when the request names another person than the record's › it is refused, naming the field and neither person", () => {
    const command = recordConsent({ identity: { ...identity, personRef: 'P-MI-999999' }, data: { ...consentData, consentId: '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d' } });
    const { state } = spec.given([consentRecorded()]).when(command);

    expect(() => recordConsentDecider.decide(command, state())).toThrow(IllegalStateError);
    expect(() => recordConsentDecider.decide(command, state())).toThrow(/^personRef differs from the one the health record of case [0-9a-f-]+ was opened with$/);
  });

  test('when the same consent is already recorded › recording it again is refused', () => {
    spec.given([consentRecorded()]).when(recordConsent()).thenThrows(IllegalStateError, /consent 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d is already recorded/);
  });

  test('when the same consent was recorded and withdrawn › recording it again under the same id is still refused', () => {
    spec
      .given([consentRecorded(), past('ConsentWithdrawn', { consentId: consentData.consentId, withdrawnOn: '2027-01-15' })])
      .when(recordConsent())
      .thenThrows(IllegalStateError, /already recorded/);
  });
});
