import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { tirocinioTypes } from './tirocinio-started.v1.js';
import { addMonths } from '../rules.js';
import { issuesWith, where } from '../testing/parse-outcome.js';

/* What the employment centre's events may hold. Rules every event keeps are in ../catalogue.unit.spec.ts. */

describe('when event data breaks its schema › it is refused naming the field', () => {
  test('hours that are not a positive number of quarter hours', () => {
    expect(where(issuesWith('TirocinioStarted', { hoursPerWeek: 0 }))).toEqual(['data.hoursPerWeek min:0']);
    expect(where(issuesWith('TirocinioStarted', { hoursPerWeek: 20.1 }))).toEqual(['data.hoursPerWeek not_multiple_of']);
    expect(where(issuesWith('TirocinioStarted', { hoursPerWeek: 41 }))).toEqual(['data.hoursPerWeek max:40']);
  });

  test('a tirocinio planned to end before it starts, or to outlast 24 months (inclusione) or 12 (the others)', () => {
    const start = new Date('2020-01-01');
    fc.assert(
      fc.property(
        fc.constantFrom(...tirocinioTypes),
        fc.date({ min: start, max: new Date('2030-12-31'), noInvalidDate: true }),
        fc.integer({ min: -400, max: 800 }),
        (type, startsOnDate, days) => {
          const startsOn = startsOnDate.toISOString().slice(0, 10);
          const plannedEndOn = new Date(Date.parse(startsOn) + days * 86_400_000).toISOString().slice(0, 10);
          const limit = addMonths(startsOn, type === 'inclusione-sociale' ? 24 : 12);

          const issues = where(issuesWith('TirocinioStarted', { type, startsOn, plannedEndOn }));

          if (days < 0) expect(issues).toEqual(['data.plannedEndOn not-before:startsOn']);
          else if (plannedEndOn > limit) expect(issues).toEqual(['data.plannedEndOn max-duration']);
          else expect(issues).toEqual([]);
        },
      ),
    );
  });

  test('a malformed date › is reported once, as a format error, not again by the date rules', () => {
    expect(where(issuesWith('TirocinioStarted', { startsOn: '01/03/2027' }))).toEqual(['data.startsOn format:date']);
  });
});
