import { consumerOf } from '@traiettorie/contracts';
import type { ServiceDefinition } from '@traiettorie/nest-kit';
import { CaseSummaryController } from './case-summary/case-summary.controller.js';
import { CaseSummaryListener } from './case-summary/case-summary.listener.js';
import { DatabaseModule } from './database.module.js';
import { PathwayController } from './pathway/pathway.controller.js';
import { PathwayListener } from './pathway/pathway.listener.js';

/** The operators' read models: their own database, fed by every agency's events. */
export const readModels = {
  name: 'read-models',
  description: "Operators' read models built from every agency's events: case summaries and pathways across agencies.",
  defaultPort: 3003,
  // The event store only for the access log: every read of a case summary is a PersonalDataAccessed event (issue 10).
  imports: (config) => [DatabaseModule.forRoot(config.DATABASE_URL)],
  controllers: [CaseSummaryController, CaseSummaryListener, PathwayController, PathwayListener],
  consumes: consumerOf('read-models'),
} satisfies ServiceDefinition;
