import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { addMonths, daysBetween } from './rules.js';

describe('calendar arithmetic of the date rules', () => {
  test('adding months › clamps to the last day of a shorter month', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-01-15', 24)).toBe('2028-01-15');
  });

  test('adding months › never goes back in time and moves by at most 31 days a month', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }), fc.nat(36), (date, months) => {
        const from = date.toISOString().slice(0, 10);
        const gap = daysBetween(from, addMonths(from, months));

        expect(gap).toBeGreaterThanOrEqual(months * 28);
        expect(gap).toBeLessThanOrEqual(months * 31);
      }),
    );
  });
});
