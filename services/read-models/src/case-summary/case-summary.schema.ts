import { appliedEventsTable } from '@traiettorie/projections';
import { index, integer, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const readModels = pgSchema('read_models');

/** One row per case: where it stands and who is involved. Rebuildable from the events. */
export const caseSummaries = readModels.table('case_summaries', {
  caseId: uuid('case_id').primaryKey(),
  /** open | assessed | pact-signed | closed; null while only other agencies' events are known. */
  status: text('status'),
  ambito: text('ambito').notNull(),
  personRef: text('person_ref').notNull(),
  /** Agency kinds that emitted events for the case, sorted. */
  agencies: text('agencies').array().notNull(),
  lastEventType: text('last_event_type').notNull(),
  lastEventId: uuid('last_event_id').notNull(),
  lastEventAt: timestamp('last_event_at', { withTimezone: true, mode: 'date' }).notNull(),
  openedAt: timestamp('opened_at', { withTimezone: true, mode: 'date' }),
  assessedAt: timestamp('assessed_at', { withTimezone: true, mode: 'date' }),
  pactSignedAt: timestamp('pact_signed_at', { withTimezone: true, mode: 'date' }),
  closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
  employmentReferralAt: timestamp('employment_referral_at', { withTimezone: true, mode: 'date' }),
  eventCount: integer('event_count').notNull(),
}, (table) => [index('case_summaries_status_idx').on(table.status, table.lastEventAt)]);

/**
 * The events each read model has applied, keyed by (projection, event id): a
 * redelivery finds its row and changes nothing. Rows from before projections
 * had names belong to `case-summary` (migration 0001).
 */
export const processedEvents = appliedEventsTable(readModels, 'processed_events');
