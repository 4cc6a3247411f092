import type { z } from 'zod';

type Fields = Record<string, unknown>;

/** A refinement ready to spread into `.refine(...)`: the check and the issue it raises. */
export type Rule<T> = [check: (value: T) => boolean, params: z.core.$ZodCustomParams];

/** The parameters of a refinement's issue: where, which named rule (reported as `rule`), and why. */
export function issue(path: string | undefined, rule: string, message: string): z.core.$ZodCustomParams {
  return { ...(path === undefined ? {} : { path: [path] }), message, params: { rule } };
}

/** Items of an array must not repeat. */
export function distinct(): Rule<readonly unknown[]> {
  return [(items) => new Set(items).size === items.length, issue(undefined, 'unique', 'must not repeat an item')];
}

const isoDateShape = /^\d{4}-\d{2}-\d{2}$/;

/** A field's value when it is an ISO date; format errors are the field's own schema's to report. */
function dateAt(value: Fields, field: string): string | undefined {
  const date = value[field];
  return typeof date === 'string' && isoDateShape.test(date) ? date : undefined;
}

/** Whole days from one ISO date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

/** The ISO date `days` calendar days after `date` (before it when negative); UTC, so a DST change day is a day like any other. */
export function addDays(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

/** The ISO date `months` calendar months after `date`, clamped to the month's last day (31 Aug + 6 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const lastDay = new Date(Date.UTC(year, month - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month - 1 + months, Math.min(day, lastDay))).toISOString().slice(0, 10);
}

/** The date at `later`, when both are present, is on or after the date at `earlier`. */
export function notBefore(later: string, earlier: string): Rule<Fields> {
  return [
    (value) => {
      const from = dateAt(value, earlier);
      const to = dateAt(value, later);
      return from === undefined || to === undefined || to >= from;
    },
    issue(later, `not-before:${earlier}`, `must not be before ${earlier}`),
  ];
}

/** The date at `later` falls on, or at most `days` days after, the date at `earlier`. */
export function withinDays(later: string, earlier: string, days: number): Rule<Fields> {
  return [
    (value) => {
      const from = dateAt(value, earlier);
      const to = dateAt(value, later);
      if (from === undefined || to === undefined) return true;
      const gap = daysBetween(from, to);
      return gap >= 0 && gap <= days;
    },
    issue(later, `within-${days}-days:${earlier}`, `must be within ${days} days from ${earlier}`),
  ];
}

/**
 * The date at `later` falls within `months` calendar months after the date at
 * `earlier` (or, with `atLeast`, no sooner than that).
 */
export function monthsApart(
  later: string,
  earlier: string,
  months: number | ((value: Fields) => number),
  bound: 'at-most' | 'at-least',
  rule = `${bound}-${String(months)}-months:${earlier}`,
  message = `must be ${bound.replace('-', ' ')} ${String(months)} months from ${earlier}`,
): Rule<Fields> {
  return [
    (value) => {
      const from = dateAt(value, earlier);
      const to = dateAt(value, later);
      if (from === undefined || to === undefined) return true;
      const limit = addMonths(from, typeof months === 'number' ? months : months(value));
      return bound === 'at-most' ? to <= limit : to >= limit;
    },
    issue(later, rule, message),
  ];
}
