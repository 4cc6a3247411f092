import type { Decider } from '@traiettorie/command-handling';
import {
  checkIdentity,
  healthIdentity,
  healthState,
  requireInvolvement,
  type HealthCommand,
  type HealthEventType,
  type HealthState,
} from '../health-record/health-record.state.js';

/** Record the health service's statement of fitness for activation activities (never a diagnosis). */
export type AssessActivityFitness = HealthCommand<'AssessActivityFitness', 'ActivityFitnessAssessed'>;

/** Fitness is stated by a specialist service involved with the person: never on a record without an involvement. */
export const assessActivityFitnessDecider: Decider<AssessActivityFitness, HealthState, HealthEventType> = {
  ...healthState,
  decide(command, state) {
    requireInvolvement(state, command.caseId, 'the fitness assessment');
    checkIdentity(state, command);
    return [{ type: 'ActivityFitnessAssessed', data: command.data }];
  },
  streamIdentity: healthIdentity,
};
