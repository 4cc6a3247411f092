import { describe, expect, test } from '@jest/globals';
import { IllegalStateError, NotFoundError, parseEvent, sourceOf, ValidationError } from '@traiettorie/contracts';
import { toHubEvents } from '@traiettorie/command-handling';
import { deciderSpecification } from '@traiettorie/testing';
import { caseId, consentId, consentRecorded, identity, involved, involvementData, past } from '../health-record/health-record.spec-fixtures.js';
import { anonymityLegalBasis, involveSpecialistServiceDecider, type InvolveAnonymously, type InvolveSpecialistService } from './involve-specialist-service.decider.js';

const spec = deciderSpecification(involveSpecialistServiceDecider);

const involve = (data: Partial<InvolveSpecialistService['data']> = {}): InvolveSpecialistService => ({
  type: 'InvolveSpecialistService',
  caseId,
  identity,
  data: { ...involvementData, ...data },
});

const anonymousId = '0d5c8b8e-3f0a-4c61-9d2e-7a1b3c5d7e9f';
const involveAnonymously = (): InvolveAnonymously => ({
  type: 'InvolveAnonymously',
  anonymousId,
  ambito: 'LOM-SESTO-SAN-GIOVANNI',
  legalBasis: anonymityLegalBasis,
  data: { anonymous: true, involvedOn: '2026-10-20', serviceCategory: 'addictions' },
});

describe('a specialist service involved in a case', () => {
  test('when a consent covers the service category › the involvement is recorded with its category', () => {
    spec.given([consentRecorded()]).when(involve()).then([{ type: 'SpecialistServiceInvolved', data: involvementData }]);
  });

  test('when the involvement says no category › it is recorded without any consent, as the first event of the record', () => {
    const data = { anonymous: false as const, involvedOn: '2026-10-21', involvement: 'consulted' as const };

    spec.given([]).when(involve({ serviceCategory: undefined, consentId: undefined, ...data })).then([{ type: 'SpecialistServiceInvolved', data: { ...data, serviceCategory: undefined, consentId: undefined } }]);
  });

  test('when the consent it names was never recorded on the case › it is refused', () => {
    spec.given([]).when(involve()).thenThrows(NotFoundError, /consent 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d was never recorded/);
  });

  test('when it names a consent without sharing the category, and that consent is unknown › it is refused', () => {
    spec.given([]).when(involve({ serviceCategory: undefined })).thenThrows(NotFoundError, /never recorded/);
  });

  test('when the consent was withdrawn for the service category › sharing the category is refused', () => {
    spec
      .given([consentRecorded(), past('ConsentWithdrawn', { consentId, withdrawnOn: '2026-10-19', scope: ['service-category'] })])
      .when(involve())
      .thenThrows(IllegalStateError, /withdrawn for service-category/);
  });

  test('when the consent does not cover the service category › sharing the category is refused', () => {
    spec
      .given([past('ConsentRecorded', { ...consentRecorded().data, scope: ['care-path-status'] })])
      .when(involve())
      .thenThrows(IllegalStateError, /does not cover service-category/);
  });

  test('when the involvement is dated before the consent was given › sharing the category is refused', () => {
    spec.given([consentRecorded()]).when(involve({ involvedOn: '2026-10-01' })).thenThrows(IllegalStateError, /in force from 2026-10-19 to 2028-04-30, not on 2026-10-01/);
  });

  test('when the same involvement is already recorded › it is refused', () => {
    spec.given([consentRecorded(), involved()]).when(involve()).thenThrows(IllegalStateError, /already recorded/);
  });

  test('when the same service takes the person in charge after joining the EEMM › it is recorded', () => {
    spec
      .given([consentRecorded(), involved()])
      .when(involve({ involvement: 'takes-in-charge', involvedOn: '2026-11-02' }))
      .then([{ type: 'SpecialistServiceInvolved', data: { ...involvementData, involvement: 'takes-in-charge', involvedOn: '2026-11-02' } }]);
  });

  test('when it is the first event of the record and says nobody’s name › it is refused', () => {
    const { identity: _none, ...command } = involve({ serviceCategory: undefined, consentId: undefined });

    spec.given([]).when(command).thenThrows(ValidationError, /identity-on-first-event/);
  });
});

describe('an anonymous SerD involvement (DPR 309/1990 art. 120)', () => {
  test('when a SerD user asks for anonymity › the involvement is recorded on a record of its own', () => {
    spec.given([]).when(involveAnonymously()).then([{ type: 'SpecialistServiceInvolved', data: involveAnonymously().data }]);
  });

  test('when it is recorded › its envelope names no case and no person: the minted id and an anon: reference', () => {
    const state = involveSpecialistServiceDecider.initialState();
    const [event] = toHubEvents(involveSpecialistServiceDecider.decide(involveAnonymously(), state), involveSpecialistServiceDecider.streamIdentity(state, involveAnonymously()), {
      source: sourceOf('health-services', 'asst-nord-milano-serd'),
      now: '2026-10-20T09:00:00.000Z',
      eventId: () => '11111111-1111-4111-8111-111111111111',
    });

    expect(event).toMatchObject({ subject: anonymousId, personref: `anon:${anonymousId}`, ambito: 'LOM-SESTO-SAN-GIOVANNI', legalbasis: 'DPR-309-1990-art-120' });
    expect(parseEvent(event)).toEqual(event);
  });

  test('when the anonymous record already holds its involvement › a second one is refused', () => {
    const recorded = involveSpecialistServiceDecider.evolve(involveSpecialistServiceDecider.initialState(), {
      ...past('SpecialistServiceInvolved', involveAnonymously().data),
      subject: anonymousId,
      personref: `anon:${anonymousId}`,
    });

    expect(() => involveSpecialistServiceDecider.decide(involveAnonymously(), recorded)).toThrow(/anonymous involvement 0d5c8b8e-3f0a-4c61-9d2e-7a1b3c5d7e9f is already recorded/);
  });

  test('when a case event is addressed to an anonymous record › it is refused: an anonymous involvement takes no case’s events', () => {
    const recorded = involveSpecialistServiceDecider.evolve(involveSpecialistServiceDecider.initialState(), {
      ...past('SpecialistServiceInvolved', involveAnonymously().data),
      subject: anonymousId,
      personref: `anon:${anonymousId}`,
    });

    expect(() => involveSpecialistServiceDecider.decide(involve({ serviceCategory: undefined, consentId: undefined }), recorded)).toThrow(IllegalStateError);
  });
});
