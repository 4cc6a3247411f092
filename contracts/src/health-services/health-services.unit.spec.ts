import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { anonymousPersonRefOf, isAnonymousPersonRef } from '../anonymity.js';
import { catalogue, definitionOf } from '../catalogue.js';
import { classifiedFieldsOf, classifiedPathsOf } from '../classification.js';
import { ValidationError } from '../errors.js';
import { parseEvent } from '../event-parser.js';
import { envelopeFor, issuesWith, validationIssuesOf, where } from '../testing/parse-outcome.js';

/* What the health services' events may hold. Rules every event keeps are in ../catalogue.unit.spec.ts. */

describe('special-category data (DOMAIN.md tags SC and SC*)', () => {
  test.each([
    ['SpecialistServiceInvolved', '$.serviceCategory'],
    ['ActivityFitnessAssessed', '$.fitness'],
    ['ActivityFitnessAssessed', '$.adjustments'],
    ['CarePathStatusChanged', '$.status'],
  ])('%s › classifies %s as special category', (type, path) => {
    expect(classifiedPathsOf(definitionOf(type), 'special-category')).toContain(path);
  });

  test('no health-services event can carry a diagnosis: whatever it is called, an extra field is refused', () => {
    const health = catalogue.filter((d) => d.context === 'health-services').map((d) => d.type);
    fc.assert(
      fc.property(
        fc.constantFrom(...health),
        fc.constantFrom('diagnosis', 'icd10', 'diagnosi', 'notes', 'clinicalNotes', 'condition'),
        fc.string({ minLength: 1 }),
        (type, key, text) => {
          expect(where(issuesWith(type, { [key]: text }))).toEqual([`data unknown-keys`]);
        },
      ),
    );
  });
});

describe('the classified fields of an event', () => {
  test('of a specialist involvement › is the involvement and the service category once, whether the person is anonymous or not', () => {
    expect(classifiedFieldsOf(definitionOf('SpecialistServiceInvolved'))).toEqual([
      { path: '$.involvement', segments: ['involvement'], classification: 'special-category' },
      { path: '$.serviceCategory', segments: ['serviceCategory'], classification: 'special-category' },
    ]);
  });
});

describe('when event data breaks its schema › it is refused naming the field', () => {
  test('a fitness statement with adjustments but none listed', () => {
    expect(where(issuesWith('ActivityFitnessAssessed', { adjustments: [], maxWeeklyHours: undefined }))).toEqual([
      'data.adjustments only-with-adjustments',
    ]);
  });

  test('a health service sharing the service category without a recorded consent', () => {
    expect(where(issuesWith('SpecialistServiceInvolved', { consentId: undefined }))).toEqual([
      'data.consentId consent-for-service-category',
    ]);
  });

  test('a health service sharing the involvement alone, without category or consent › is accepted', () => {
    expect(issuesWith('SpecialistServiceInvolved', { consentId: undefined, serviceCategory: undefined })).toEqual([]);
  });
});

describe('an anonymous specialist involvement (DPR 309/1990 art. 120)', () => {
  const anonymous = { anonymous: true, involvedOn: '2026-10-20', serviceCategory: 'addictions' };

  test('with an anon: person reference › is accepted', () => {
    fc.assert(
      fc.property(fc.uuid({ version: 4 }), (uuid) => {
        const personref = anonymousPersonRefOf(uuid);
        const event = envelopeFor(definitionOf('SpecialistServiceInvolved'), { personref, data: anonymous });

        expect(isAnonymousPersonRef(personref)).toBe(true);
        expect(parseEvent(event)).toEqual(event);
      }),
    );
  });

  test("with the person's own reference › is refused on the envelope's personref", () => {
    const event = envelopeFor(definitionOf('SpecialistServiceInvolved'), { data: anonymous });

    expect(() => parseEvent(event)).toThrow(ValidationError);
    expect(where(validationIssuesOf(event))).toEqual(['personref anonymous-person-ref']);
  });

  test('carrying anything that could link it to a case (consent, EEMM role) › is refused', () => {
    const event = envelopeFor(definitionOf('SpecialistServiceInvolved'), {
      personref: anonymousPersonRefOf('0d5c8b8e-3f0a-4c61-9d2e-7a1b3c5d7e9f'),
      data: { ...anonymous, consentId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', involvement: 'joins-eemm' },
    });

    expect(where(validationIssuesOf(event))).toEqual(['data unknown-keys']);
  });

  test('an identified involvement with an anon: reference › is refused: the flag and the envelope never disagree', () => {
    const event = envelopeFor(definitionOf('SpecialistServiceInvolved'), {
      personref: anonymousPersonRefOf('0d5c8b8e-3f0a-4c61-9d2e-7a1b3c5d7e9f'),
    });

    expect(where(validationIssuesOf(event))).toEqual(['personref identified-person-ref']);
  });
});
