import { addDays } from '@traiettorie/contracts';
import Holidays from 'date-holidays';

/**
 * The Italian calendar of legal deadlines: a deadline falling on a Sunday or a
 * national public holiday moves to the next working day (art. 2963 c.c.,
 * art. 155 c.p.c.). National holidays only, as the `date-holidays` library
 * keeps them (Easter Monday, and San Francesco d'Assisi on 4 October again
 * from 2026, L. 151/2025): a Comune's patron saint is not a holiday for
 * deadlines set by national law.
 */
const italy = new Holidays('IT');

/** Whether an ISO date is a national public holiday in Italy. */
export function isItalianHoliday(isoDate: string): boolean {
  // Noon UTC is the same calendar day in Rome, whatever the season.
  const holidays = italy.isHoliday(new Date(`${isoDate}T12:00:00Z`));
  return Array.isArray(holidays) && holidays.some((h) => h.type === 'public');
}

/** Whether a deadline may fall on the date: neither a Sunday nor a national holiday. */
export function isWorkingDay(isoDate: string): boolean {
  return new Date(`${isoDate}T00:00:00Z`).getUTCDay() !== 0 && !isItalianHoliday(isoDate);
}

/** The date itself when it is a working day, otherwise the next working day: where a deadline falling on it moves. */
export function deadlineDay(isoDate: string): string {
  let day = isoDate;
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}
