import { activityFitnessAssessedV1 } from '@traiettorie/contracts';
import type { z } from 'zod';
import { caseIdentityRequest } from '@traiettorie/nest-kit';

/**
 * POST /cases/:caseId/activity-fitness: the ActivityFitnessAssessed data.
 * Practical limits only, from closed lists: no field takes a diagnosis or a note.
 */
export const assessActivityFitnessRequest = activityFitnessAssessedV1.data.extend(caseIdentityRequest);

export const assessActivityFitnessExamples = {
  withAdjustments: {
    summary: 'Fit for a tirocinio and training, part time and no night work (send it after an involvement)',
    value: activityFitnessAssessedV1.example satisfies z.input<typeof assessActivityFitnessRequest>,
  },
};
