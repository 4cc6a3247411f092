import { primaryKey, text, timestamp, uuid, type PgSchema } from 'drizzle-orm/pg-core';

/**
 * The apply-once table: one row per event a projection has applied, keyed by
 * (projection name, event id), so projections that handle the same event each
 * apply it once and never skip each other's. Declare it in the service's
 * Drizzle schema (`appliedEventsTable(readModels)`) so its migrations create it.
 */
export function appliedEventsTable(schema: PgSchema, name = 'processed_events') {
  return schema.table(
    name,
    {
      projection: text('projection').notNull(),
      eventId: uuid('event_id').notNull(),
      processedAt: timestamp('processed_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (table) => [primaryKey({ name: `${name}_pkey`, columns: [table.projection, table.eventId] })],
  );
}

export type AppliedEventsTable = ReturnType<typeof appliedEventsTable>;
