import { trainingCompletedV2 } from '@traiettorie/contracts';
import type { z } from 'zod';

/** POST /referrals/:caseId/training-completions: the TrainingCompleted data as the contract defines it. */
export const completeTrainingRequest = trainingCompletedV2.data;

/** An example that succeeds when sent as it is, in the pathway's order. */
export const completeTrainingExamples = {
  example: { summary: 'The logistics course completed with a certificate (send it after the enrolment)', value: trainingCompletedV2.example satisfies z.input<typeof completeTrainingRequest> },
};
