import { caseRecordCommandController } from '@traiettorie/nest-kit';
import { healthStream } from '../health-record/health-record.state.js';
import { assessActivityFitnessDecider } from './assess-activity-fitness.decider.js';
import { assessActivityFitnessExamples, assessActivityFitnessRequest } from './assess-activity-fitness.request.js';

/** POST /cases/:caseId/activity-fitness (ActivityFitnessAssessed). */
export const AssessActivityFitnessController = caseRecordCommandController({
  tag: 'health records',
  stream: healthStream,
  decider: assessActivityFitnessDecider,
  route: {
    path: 'activity-fitness',
    operationId: 'Health_assessActivityFitness',
    summary: 'State fitness for activation activities, without diagnosis (ActivityFitnessAssessed)',
    description:
      'Fit, fit with adjustments (from a closed list) or temporarily not fit, for which activities, until when. Never a diagnosis: ' +
      'there is no free-text field and unknown fields are refused. Refused with 409 before a specialist service is involved.',
    request: assessActivityFitnessRequest,
    examples: assessActivityFitnessExamples,
    recorded: 'The fitness statement is recorded',
  },
  command: (caseId, request) => ({ type: 'AssessActivityFitness', caseId, ...request }),
});
