import type { DeadlineRuleId, HubEvent } from '@traiettorie/contracts';
import { defineProjection } from '@traiettorie/projections';
import { getTableColumns, inArray, sql } from 'drizzle-orm';
import { applyToDeadlines, deadlineEventTypes, statusOf, type Deadline } from './deadline.projection.js';
import { deadlines } from './deadline.schema.js';

type Row = typeof deadlines.$inferSelect;

/**
 * The deadlines of every case, projected from the global log: a batch reads
 * the deadlines of its cases once, folds each case's events in log order
 * through the rules, and writes the cases' deadlines back in one statement;
 * the projector records the events as applied in the same transaction.
 */
export const deadlineProjection = defineProjection<HubEvent>({
  name: 'deadlines',
  handles: deadlineEventTypes as HubEvent['type'][],
  tables: [deadlines],
  async project(events, tx) {
    const byCase = new Map<string, HubEvent[]>();
    for (const event of events) byCase.set(event.subject, [...(byCase.get(event.subject) ?? []), event]);
    // Serialises a case's deadlines across instances; sorted, so two batches cannot deadlock.
    const caseIds = [...byCase.keys()].sort();
    await tx.execute(sql`SELECT ${sql.join(caseIds.map((id) => sql`pg_advisory_xact_lock(hashtext(${`deadlines:${id}`}))`), sql`, `)}`);
    const current = await tx.select().from(deadlines).where(inArray(deadlines.caseId, caseIds));
    const next = caseIds.flatMap((caseId) =>
      byCase.get(caseId)!.reduce<Deadline[]>(
        applyToDeadlines,
        current.filter((row) => row.caseId === caseId).map(fromRow),
      ),
    );
    if (next.length > 0) await tx.insert(deadlines).values(next.map(toRow)).onConflictDoUpdate({ target: deadlines.deadlineId, set: excludedColumns });
  },
});

/** Every column set from the proposed row (`excluded`), for an upsert of whole rows. */
const excludedColumns = Object.fromEntries(Object.entries(getTableColumns(deadlines)).map(([key, column]) => [key, sql.raw(`excluded."${column.name}"`)]));

export function fromRow(row: Row): Deadline {
  return {
    deadlineId: row.deadlineId,
    caseId: row.caseId,
    ambito: row.ambito,
    rule: row.rule as DeadlineRuleId,
    dueOn: row.dueOn,
    effectiveDueOn: row.effectiveDueOn,
    openedBy: { eventId: row.openedByEventId, type: row.openedByType },
    openedOn: row.openedOn,
    awaited: row.awaited,
    ...(row.closedByEventId && row.closedByType && row.closedOn ? { closedBy: { eventId: row.closedByEventId, type: row.closedByType, on: row.closedOn } } : {}),
    ...(row.missedEventId && row.detectedOn ? { missed: { eventId: row.missedEventId, detectedOn: row.detectedOn } } : {}),
  };
}

function toRow(deadline: Deadline): Row {
  return {
    deadlineId: deadline.deadlineId,
    caseId: deadline.caseId,
    ambito: deadline.ambito,
    rule: deadline.rule,
    dueOn: deadline.dueOn,
    effectiveDueOn: deadline.effectiveDueOn,
    openedByEventId: deadline.openedBy.eventId,
    openedByType: deadline.openedBy.type,
    openedOn: deadline.openedOn,
    awaited: [...deadline.awaited],
    status: statusOf(deadline),
    closedByEventId: deadline.closedBy?.eventId ?? null,
    closedByType: deadline.closedBy?.type ?? null,
    closedOn: deadline.closedBy?.on ?? null,
    missedEventId: deadline.missed?.eventId ?? null,
    detectedOn: deadline.missed?.detectedOn ?? null,
  };
}
