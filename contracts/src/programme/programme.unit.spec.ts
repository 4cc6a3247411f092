import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { anonymousPersonRefOf } from '../anonymity.js';
import { definitionOf } from '../catalogue.js';
import { classifiedFieldsOf, classifiedPathsOf } from '../classification.js';
import { parseEvent } from '../event-parser.js';
import { envelopeFor, exampleOf, issuesWith, where } from '../testing/parse-outcome.js';
import { costCategories, fundingSources } from './expenditure-declared.v1.js';

/* What the programme's (ESF+ funded operations') events may hold. Rules every event keeps are in ../catalogue.unit.spec.ts. */

describe('special-category data (DOMAIN.md tags SC and SC*)', () => {
  test.each([
    ['ParticipantEnrolledInOperation', '$.disability'],
    ['ParticipantEnrolledInOperation', '$.minority'],
  ])('%s › classifies %s as special category', (type, path) => {
    expect(classifiedPathsOf(definitionOf(type), 'special-category')).toContain(path);
  });
});

describe('the classified fields of an event', () => {
  test('of an enrolment in a funded operation › are the ESF+ participant data, disability and minority as special category', () => {
    const enrolment = definitionOf('ParticipantEnrolledInOperation');

    expect(classifiedPathsOf(enrolment, 'special-category')).toEqual(['$.disability', '$.minority']);
    expect(classifiedPathsOf(enrolment, 'personal')).toEqual([
      '$.ageBand',
      '$.foreignBackground',
      '$.gender',
      '$.homelessOrHousingExclusion',
      '$.iscedLevel',
      '$.labourStatus',
      '$.ruralArea',
      '$.thirdCountryNational',
    ]);
  });

  test('of a declaration of expenditure › are none: it concerns no person', () => {
    expect(classifiedFieldsOf(definitionOf('ExpenditureDeclared'))).toEqual([]);
  });
});

describe('when event data breaks its schema › it is refused naming the field', () => {
  test('a CUP of 14 characters', () => {
    expect(where(issuesWith('ParticipantEnrolledInOperation', { cup: 'J41B1600029000' }))).toEqual(['data.cup min:15']);
  });

  test('a CUP of any length but 15, or with a character other than an upper-case letter or digit', () => {
    const cupChar = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
    fc.assert(
      fc.property(fc.string({ unit: cupChar, maxLength: 30 }).filter((s) => s.length !== 15), (cup) => {
        expect(where(issuesWith('ExpenditureDeclared', { cup }))).toEqual([cup.length < 15 ? 'data.cup min:15' : 'data.cup max:15']);
      }),
    );
    fc.assert(
      fc.property(
        fc.string({ unit: cupChar, minLength: 14, maxLength: 14 }),
        fc.constantFrom('a', 'z', '-', ' ', 'é', '_'),
        fc.nat(14),
        (rest, odd, at) => {
          const cup = rest.slice(0, at) + odd + rest.slice(at);
          expect(where(issuesWith('OperationClosed', { cup }))).toEqual(['data.cup format:regex']);
        },
      ),
    );
  });

  test('a CUP of 15 upper-case letters and digits › is accepted', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z0-9]{15}$/), (cup) => {
        expect(issuesWith('SixMonthFollowUpRecorded', { cup })).toEqual([]);
      }),
    );
  });

  test('an amount that is not a whole number of cents, or is written as a decimal string', () => {
    const lines = exampleOf('ExpenditureDeclared')['lines'] as Record<string, unknown>[];
    for (const amountCents of [3_412_500.5, '34125.00']) {
      const changed = lines.map((line, i) => (i === 0 ? { ...line, amountCents } : line));

      expect(issuesWith('ExpenditureDeclared', { lines: changed }).map((i) => i.path)).toEqual(['data.lines.0.amountCents']);
    }
  });

  test('a declaration whose lines do not add up to its total, by any amount', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({ category: fc.constantFrom(...costCategories), source: fc.constantFrom(...fundingSources) }),
          { minLength: 1, maxLength: 6, selector: (l) => `${l.category}/${l.source}` },
        ),
        fc.array(fc.integer({ min: 1, max: 500_000_000 }), { minLength: 6, maxLength: 6 }),
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        (kinds, amounts, error) => {
          const lines = kinds.map((k, i) => ({ costCategory: k.category, fundingSource: k.source, amountCents: amounts[i] }));
          const sum = lines.reduce((total, l) => total + (l.amountCents ?? 0), 0);
          fc.pre(sum + error >= 1);

          const issues = where(issuesWith('ExpenditureDeclared', { lines, totalCents: sum + error }));

          expect(issues).toEqual(error === 0 ? [] : ['data.totalCents sum-of-lines']);
        },
      ),
    );
  });
});

describe('an operation-level programme event', () => {
  test('may travel with an anon: reference, since it concerns no person', () => {
    const event = envelopeFor(definitionOf('OperationClosed'), {
      personref: anonymousPersonRefOf('5b0e9c1d-2a3f-4e5b-8c7d-9e0f1a2b3c4d'),
    });

    expect(parseEvent(event)).toEqual(event);
  });
});
