import { describe, expect, test } from '@jest/globals';
import { deadlineDay, isItalianHoliday } from './italian-calendar.js';

describe('the Italian calendar of deadlines', () => {
  test.each(['2024-04-01', '2025-04-21', '2026-04-06', '2027-03-29', '2038-04-26'])('Easter Monday, %s, is a national holiday', (day) => {
    expect(isItalianHoliday(day)).toBe(true);
  });

  test('San Francesco d’Assisi (4 October) is a national holiday again from 2026 (L. 151/2025), not before', () => {
    expect(isItalianHoliday('2026-10-04')).toBe(true);
    expect(isItalianHoliday('2025-10-04')).toBe(false);
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
    ['4 October 2027, a Monday and San Francesco, moves to Tuesday', '2027-10-04', '2027-10-05'],
  ])('a deadline falling on a day: %s (%s → %s)', (_case, due, moved) => {
    expect(deadlineDay(due)).toBe(moved);
  });
});
