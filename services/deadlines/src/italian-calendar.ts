/**
 * The Italian calendar of legal deadlines: a deadline falling on a Sunday or a
 * national public holiday moves to the next working day (art. 2963 c.c.,
 * art. 155 c.p.c.). National holidays only (L. 260/1949 and later): a Comune's
 * patron saint is not a holiday for deadlines set by national law.
 */

/** The fixed national holidays, as MM-DD. */
const fixedHolidays = new Set([
  '01-01', // Capodanno
  '01-06', // Epifania
  '04-25', // Festa della Liberazione
  '05-01', // Festa del Lavoro
  '06-02', // Festa della Repubblica
  '08-15', // Ferragosto
  '11-01', // Ognissanti
  '12-08', // Immacolata Concezione
  '12-25', // Natale
  '12-26', // Santo Stefano
]);

/** Easter Sunday of a year (Gregorian computus, Meeus/Jones/Butcher), as `YYYY-MM-DD`. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Adds calendar days to an ISO date (`YYYY-MM-DD`). */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Whether an ISO date is a national public holiday in Italy (Easter Monday included). */
export function isItalianHoliday(isoDate: string): boolean {
  if (fixedHolidays.has(isoDate.slice(5))) return true;
  return isoDate === addDays(easterSunday(Number(isoDate.slice(0, 4))), 1);
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
