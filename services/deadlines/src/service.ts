import type { ServiceDefinition } from '@traiettorie/nest-kit';
import { DeadlinesDatabaseModule, deadlineWatchProviders } from './database.module.js';
import { DeadlinesController } from './deadlines-read/deadlines.controller.js';

/**
 * The deadline watch: the legal deadlines of every case (contracts/src/
 * deadline-rules.ts) projected from the event store, and a DeadlineMissed on
 * the case's stream, exactly once, for each one that passes unmet. It records
 * on behalf of the social services that follow the case.
 */
export const deadlinesService = {
  name: 'deadlines',
  description: "Legal deadlines of the pathway (first appointment, PSP, periodic checks, pact reviews): open, closed, missed; DeadlineMissed recorded once.",
  defaultPort: 3007,
  agency: { kind: 'social-services', defaultId: 'deadline-watch' },
  imports: (config) => [DeadlinesDatabaseModule.forRoot(config.DATABASE_URL)],
  controllers: [DeadlinesController],
  providers: deadlineWatchProviders,
} satisfies ServiceDefinition;
