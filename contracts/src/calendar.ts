/** The calendar date in Italy (Europe/Rome) of an instant, `YYYY-MM-DD`: legal deadlines and consents run on Italian calendar days. */
export function italianDate(instant: string | Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(instant),
  );
}
