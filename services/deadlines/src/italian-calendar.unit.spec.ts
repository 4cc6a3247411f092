import { describe, expect, test } from '@jest/globals';
import { deadlineDay, easterSunday, isItalianHoliday } from './italian-calendar.js';

describe('the Italian calendar of deadlines', () => {
  test.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
  ])('Easter Sunday of %i is %s', (year, easter) => {
    expect(easterSunday(year)).toBe(easter);
  });

  test.each(['2026-01-01', '2026-01-06', '2026-04-06', '2026-04-25', '2026-05-01', '2026-06-02', '2026-08-15', '2026-11-01', '2026-12-08', '2026-12-25', '2026-12-26'])(
    '%s is a national holiday',
    (day) => {
      expect(isItalianHoliday(day)).toBe(true);
    },
  );

  test.each(['2026-04-07', '2026-12-07', '2026-06-24', '2026-12-24'])('%s is not a national holiday (a patron saint is not one)', (day) => {
    expect(isItalianHoliday(day)).toBe(false);
  });

  test.each([
    ['a Wednesday stays', '2026-12-16', '2026-12-16'],
    ['a Saturday stays', '2026-12-19', '2026-12-19'],
    ['a Sunday moves to Monday', '2026-12-20', '2026-12-21'],
    ['Christmas on a Friday moves past Santo Stefano (Saturday) and Sunday to Monday', '2026-12-25', '2026-12-28'],
    ['Easter Monday moves to Tuesday', '2027-03-29', '2027-03-30'],
    ['Easter Sunday moves past Easter Monday to Tuesday', '2027-03-28', '2027-03-30'],
    ['1 November on a Sunday moves to Monday', '2026-11-01', '2026-11-02'],
  ])('a deadline falling on a day: %s (%s → %s)', (_case, due, moved) => {
    expect(deadlineDay(due)).toBe(moved);
  });
});
