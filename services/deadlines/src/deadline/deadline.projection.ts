import { addDays, closesEveryDeadline, deadlineRules, italianDate, type DeadlineRule, type DeadlineRuleId, type DueDate, type EventData, type HubEvent } from '@traiettorie/contracts';
import { derivedEventId } from '@traiettorie/command-handling';
import { deadlineDay } from '../italian-calendar.js';

/**
 * The legal deadlines of a case as the rules of contracts/src/deadline-rules.ts
 * make them, folded from its events in log order: pure, so the rules can be
 * tested as given events → deadlines.
 */

export type DeadlineStatus = 'open' | 'closed' | 'missed';

export interface Deadline {
  /** The same for every watcher: derived from the opening event's id, the rule and the due date. */
  deadlineId: string;
  caseId: string;
  ambito: string;
  rule: DeadlineRuleId;
  /** The due date the opening event set. */
  dueOn: string;
  /** The last day on which the awaited event is on time: `dueOn` moved past Sundays and national holidays. */
  effectiveDueOn: string;
  openedBy: { eventId: string; type: string };
  /** The Italian calendar day the opening event was recorded. */
  openedOn: string;
  /** The event types any of which meets it. */
  awaited: readonly string[];
  /** The event that closed it (an awaited one, or the case's closure), and its Italian calendar day. */
  closedBy?: { eventId: string; type: string; on: string };
  /** The DeadlineMissed recorded for it. */
  missed?: { eventId: string; detectedOn: string };
}

/** Open until an awaited event (or the case's closure) comes; missed once a DeadlineMissed is recorded for it, even if met late. */
export function statusOf(deadline: Deadline): DeadlineStatus {
  if (deadline.missed) return 'missed';
  return deadline.closedBy ? 'closed' : 'open';
}

/** Every event type that opens, meets or closes a deadline, and DeadlineMissed: what the deadline projection reads. */
export const deadlineEventTypes: readonly string[] = [
  ...new Set([...deadlineRules.flatMap((r) => [...r.openedBy.map((o) => o.type), ...r.metBy]), closesEveryDeadline, 'DeadlineMissed']),
];

/**
 * Folds one event of a case into the case's deadlines: an awaited event
 * closes the deadlines of its rules still without a closing, the case's
 * closure closes them all, then an opening event opens its rule's deadlines
 * (one per due date); a DeadlineMissed marks its deadline missed. An event
 * applied twice changes nothing the second time.
 */
export function applyToDeadlines(deadlines: readonly Deadline[], event: HubEvent): Deadline[] {
  if (event.type === 'DeadlineMissed') {
    const { deadlineId, detectedOn } = (event as HubEvent<'DeadlineMissed'>).data;
    return deadlines.map((d) => (d.deadlineId === deadlineId && !d.missed ? { ...d, missed: { eventId: event.id, detectedOn } } : d));
  }
  const on = italianDate(event.time);
  const closing = new Set<string>(deadlineRules.filter((r) => event.type === closesEveryDeadline || r.metBy.includes(event.type)).map((r) => r.id));
  const closed = deadlines.map((d) =>
    !d.closedBy && closing.has(d.rule) && d.openedBy.eventId !== event.id ? { ...d, closedBy: { eventId: event.id, type: event.type, on } } : d,
  );
  const known = new Set(closed.map((d) => d.deadlineId));
  const opened = deadlineRules.flatMap((rule) =>
    rule.openedBy
      .filter((opener) => opener.type === event.type)
      .flatMap((opener) => dueDates(opener.due, event.data))
      .map((dueOn) => openDeadline(rule, event, dueOn, on))
      .filter((d) => !known.has(d.deadlineId)),
  );
  return [...closed, ...opened];
}

/** The deadlines a case's history makes, from no deadline. */
export function deadlinesOf(history: readonly HubEvent[]): Deadline[] {
  return history.reduce<Deadline[]>(applyToDeadlines, []);
}

/**
 * Whether the deadline is missed as of `today` (an Italian calendar day) and
 * no DeadlineMissed says so yet: its last day on time has passed, and the
 * awaited event did not come by then (it has not come, or came late).
 */
export function isMissedAsOf(deadline: Deadline, today: string): boolean {
  if (deadline.missed || deadline.effectiveDueOn >= today) return false;
  return !deadline.closedBy || deadline.closedBy.on > deadline.effectiveDueOn;
}

/** What the DeadlineMissed of a deadline says, detected on `today`. */
export function deadlineMissedData(deadline: Deadline, today: string): EventData<'DeadlineMissed'> {
  return {
    deadlineId: deadline.deadlineId,
    rule: deadline.rule,
    dueOn: deadline.effectiveDueOn,
    openedBy: deadline.openedBy,
    awaited: [...deadline.awaited],
    detectedOn: today,
  };
}

function openDeadline(rule: DeadlineRule, event: HubEvent, dueOn: string, openedOn: string): Deadline {
  return {
    deadlineId: derivedEventId(event.id, `deadline:${rule.id}:${dueOn}`),
    caseId: event.subject,
    ambito: event.ambito,
    rule: rule.id,
    dueOn,
    effectiveDueOn: deadlineDay(dueOn),
    openedBy: { eventId: event.id, type: event.type },
    openedOn,
    awaited: rule.metBy,
  };
}

/** The due dates an opening event's data sets (none when the field is absent, e.g. a pact without review dates). */
function dueDates(due: DueDate, data: unknown): string[] {
  const fields = (data ?? {}) as Record<string, unknown>;
  if ('eachOf' in due) {
    const dates = fields[due.eachOf];
    return Array.isArray(dates) ? [...new Set(dates.filter(isDate))] : [];
  }
  const date = fields[due.field];
  return isDate(date) ? [addDays(date, due.plusDays ?? 0)] : [];
}

function isDate(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
}
