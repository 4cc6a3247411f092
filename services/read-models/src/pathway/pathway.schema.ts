import { jsonb, text, uuid } from 'drizzle-orm/pg-core';
import { readModels } from '../case-summary/case-summary.schema.js';
import type { Milestone, PathwayEventType } from './pathway.projection.js';

/** One row per case: the stage its pathway reached across agencies and each step's count and dates. Rebuildable from the events. */
export const pathways = readModels.table('pathways', {
  caseId: uuid('case_id').primaryKey(),
  ambito: text('ambito').notNull(),
  personRef: text('person_ref').notNull(),
  stage: text('stage'),
  agencies: text('agencies').array().notNull(),
  milestones: jsonb('milestones').$type<Partial<Record<PathwayEventType, Milestone>>>().notNull(),
});
