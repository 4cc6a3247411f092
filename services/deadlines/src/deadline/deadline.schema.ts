import { appliedEventsTable } from '@traiettorie/projections';
import { sql } from 'drizzle-orm';
import { bigint, date, index, pgSchema, text, uuid } from 'drizzle-orm/pg-core';

export const deadlinesSchema = pgSchema('deadlines');

/** One row per legal deadline of a case: opened with its due date, closed by the awaited event, missed. Rebuildable from the events. */
export const deadlines = deadlinesSchema.table(
  'deadlines',
  {
    deadlineId: uuid('deadline_id').primaryKey(),
    caseId: uuid('case_id').notNull(),
    ambito: text('ambito').notNull(),
    rule: text('rule').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    /** `due_on` moved past Sundays and national holidays: the last day the awaited event is on time. */
    effectiveDueOn: date('effective_due_on', { mode: 'string' }).notNull(),
    openedByEventId: uuid('opened_by_event_id').notNull(),
    openedByType: text('opened_by_type').notNull(),
    openedOn: date('opened_on', { mode: 'string' }).notNull(),
    awaited: text('awaited').array().notNull(),
    /** open | closed | missed */
    status: text('status').notNull(),
    closedByEventId: uuid('closed_by_event_id'),
    closedByType: text('closed_by_type'),
    closedOn: date('closed_on', { mode: 'string' }),
    missedEventId: uuid('missed_event_id'),
    detectedOn: date('detected_on', { mode: 'string' }),
  },
  (table) => [index('deadlines_case_idx').on(table.caseId, table.effectiveDueOn), index('deadlines_watch_idx').on(table.effectiveDueOn).where(sql`missed_event_id IS NULL`)],
);

/** The events the deadline projection has applied, keyed by (projection, event id). */
export const processedEvents = appliedEventsTable(deadlinesSchema, 'processed_events');

/** Where the projection has read the global log up to (one row per projection). */
export const logPositions = deadlinesSchema.table('log_positions', {
  projection: text('projection').primaryKey(),
  transactionId: text('transaction_id').notNull(),
  globalPosition: bigint('global_position', { mode: 'number' }).notNull(),
});
