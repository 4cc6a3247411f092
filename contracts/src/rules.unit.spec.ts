import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { addDays, addMonths, daysBetween } from './rules.js';

describe('calendar arithmetic of the date rules', () => {
  test.each<[number, string, string]>([
    [60, '2026-10-21', '2026-12-20'],
    [1, '2026-01-31', '2026-02-01'],
    [1, '2026-02-28', '2026-03-01'],
    [1, '2026-12-31', '2027-01-01'],
    [1, '2028-02-28', '2028-02-29'],
    [1, '2028-02-29', '2028-03-01'],
    [60, '2027-12-31', '2028-02-29'],
    [60, '2024-12-31', '2025-03-01'],
    [0, '2026-10-21', '2026-10-21'],
    [-1, '2026-03-01', '2026-02-28'],
    [-1, '2027-01-01', '2026-12-31'],
    [1, '2100-02-28', '2100-03-01'],
    [1, '2000-02-28', '2000-02-29'],
  ])('adding days › %i days from %s is %s, across the end of a month, of February and of a year', (days, date, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  test('adding days › counts a day on which Italy changes the clock as one day', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
    expect(addDays('2026-10-26', -1)).toBe('2026-10-25');
  });

  test('adding days › moves by exactly that many days', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }), fc.integer({ min: -400, max: 400 }), (date, days) => {
        const from = date.toISOString().slice(0, 10);

        expect(daysBetween(from, addDays(from, days))).toBe(days);
      }),
    );
  });

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
